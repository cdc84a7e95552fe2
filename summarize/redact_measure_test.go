package summarize

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"arsflow/extract/casefile"
	"arsflow/extract/pdftext"
)

// nameGen makes up names the code has never seen, in several scripts and
// shapes, from syllables chosen at random.
type nameGen struct{ r *rand.Rand }

func (g nameGen) pick(s []string) string { return s[g.r.IntN(len(s))] }

func (g nameGen) syllables(set []string, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(g.pick(set))
	}
	w := []rune(b.String())
	w[0] = []rune(strings.ToUpper(string(w[0])))[0]
	return string(w)
}

func (g nameGen) runes(lo, hi rune, n int) string {
	r := make([]rune, n)
	for i := range r {
		r[i] = lo + rune(g.r.IntN(int(hi-lo)))
	}
	return string(r)
}

var (
	nordic = []string{"al", "bjö", "rn", "sol", "vei", "gå", "ber", "lind", "qvist", "ström", "ek", "tor", "ul", "ri", "ka", "ne", "dal", "hed", "sjö", "vik", "mar", "tin", "sson", "ås", "ylv", "ing", "rid"}
	slavic = []string{"dra", "gan", "pe", "tro", "vić", "ko", "zlo", "šić", "mi", "ro", "slav", "jev", "ska", "na", "đu", "ri", "čić", "bo", "jan"}
	africa = []string{"tes", "fa", "ye", "hai", "le", "ab", "re", "ha", "mu", "so", "ke", "ba", "ti", "wo", "ne", "ge", "bre", "se", "lam"}
	latin  = []string{"ma", "ri", "an", "to", "ni", "o", "lu", "ci", "a", "fer", "nan", "dez", "ga", "bri", "el", "is", "ra"}
)

// name returns a made-up full name of style i.
func (g nameGen) name(i int) string {
	two := func(set []string) string {
		return g.syllables(set, 2+g.r.IntN(2)) + " " + g.syllables(set, 2+g.r.IntN(2))
	}
	switch i % 12 {
	case 0:
		return two(nordic)
	case 1:
		return two(slavic)
	case 2:
		return two(africa)
	case 3:
		return g.syllables(latin, 2) + " " + g.syllables(latin, 3) + " " + g.syllables(latin, 3)
	case 4:
		return g.syllables(nordic, 2) + "-" + g.syllables(nordic, 2) + " " + g.syllables(nordic, 3)
	case 5:
		return g.syllables(nordic, 2) + " af " + g.syllables(nordic, 3)
	case 6:
		return g.runes('Б', 'Я', 1) + g.runes('а', 'я', 4) + " " + g.runes('Б', 'Я', 1) + g.runes('а', 'я', 6) // Cyrillic
	case 7:
		return g.runes('Α', 'Ρ', 1) + g.runes('α', 'ρ', 5) + " " + g.runes('Σ', 'Ω', 1) + g.runes('σ', 'ω', 7) // Greek (U+03A2 is unassigned)
	case 8:
		return g.runes('ب', 'ي', 4) + " " + g.runes('ب', 'ي', 5) // Arabic
	case 9:
		return g.runes('一', '龥', 3) // Chinese, no spaces
	case 10:
		return g.runes('ሀ', 'ፐ', 3) + " " + g.runes('ሀ', 'ፐ', 4) // Ethiopic
	default:
		return g.syllables(africa, 1)[:1] + ". " + g.syllables(africa, 3) // an initial and a surname
	}
}

// luhn returns the check digit of digits.
func luhn(digits string) int {
	sum := 0
	for i, r := range digits {
		d := int(r - '0')
		if i%2 == 0 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return (10 - sum%10) % 10
}

// personalData returns made-up personnummer, phone numbers, e-mail
// addresses and street addresses in the shapes Swedish documents use.
func (g nameGen) personalData(n int) map[string][]string {
	out := map[string][]string{}
	for i := 0; i < n; i++ {
		y, m, d, s := 1940+g.r.IntN(65), 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(1000)
		base := fmt.Sprintf("%02d%02d%02d%03d", y%100, m, d, s)
		c := luhn(base)
		switch i % 3 {
		case 0:
			out["personnummer"] = append(out["personnummer"], fmt.Sprintf("%s-%s%d", base[:6], base[6:], c))
		case 1:
			out["personnummer"] = append(out["personnummer"], fmt.Sprintf("%d%s-%s%d", y/100, base[:6], base[6:], c))
		default:
			out["personnummer"] = append(out["personnummer"], fmt.Sprintf("%d%s%s%d", y/100, base[:6], base[6:], c))
		}
		num := func(k int) string {
			b := make([]byte, k)
			for j := range b {
				b[j] = byte('0' + g.r.IntN(10))
			}
			return string(b)
		}
		switch i % 4 {
		case 0:
			out["phone"] = append(out["phone"], "07"+num(1)+"-"+num(3)+" "+num(2)+" "+num(2))
		case 1:
			out["phone"] = append(out["phone"], "08-"+num(3)+" "+num(3)+" "+num(2))
		case 2:
			out["phone"] = append(out["phone"], "+46 7"+num(1)+" "+num(3)+" "+num(2)+" "+num(2))
		default:
			out["phone"] = append(out["phone"], "031-"+num(2)+" "+num(2)+" "+num(2))
		}
		first, last := strings.ToLower(g.syllables(latin, 2)), strings.ToLower(g.syllables(nordic, 2))
		out["email"] = append(out["email"], first+"."+last+"@"+g.pick([]string{"exempel.se", "post.example", "mejl.example.org"}))
		street := g.syllables(nordic, 2) + g.pick([]string{"gatan", "vägen", "gränd", "stigen", "backen"})
		if i%2 == 0 {
			out["address"] = append(out["address"], fmt.Sprintf("%s %d", street, 1+g.r.IntN(80)))
		} else {
			out["address"] = append(out["address"], fmt.Sprintf("%s %d B, %s %s %s", street, 1+g.r.IntN(80), num(3), num(2), g.syllables(nordic, 2)))
		}
	}
	return out
}

// corpusPeople reads, at test time, the names and personal data of the
// real corpus's truth.json files (never copied into the repository): the
// owners of personal data are private persons; their values are
// personnummer, phone numbers, e-mail and street addresses.
func corpusPeople(t *testing.T) (names []string, data map[string][]string) {
	data = map[string][]string{}
	files, _ := filepath.Glob("../../shared/real-corpus/cases/*/truth.json")
	if len(files) == 0 {
		t.Log("../shared/real-corpus is absent: only generated names are measured")
		return nil, data
	}
	paren := regexp.MustCompile(`\s*\(.*\)`)
	seen := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var truth struct {
			PersonalData []struct{ Type, Value, Owner string } `json:"personal_data"`
		}
		if err := json.Unmarshal(b, &truth); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, pd := range truth.PersonalData {
			data[pd.Type] = append(data[pd.Type], pd.Value)
			owner := strings.TrimSpace(paren.ReplaceAllString(pd.Owner, ""))
			if len(strings.Fields(owner)) >= 2 && !seen[owner] {
				seen[owner] = true
				names = append(names, owner)
			}
		}
	}
	return names, data
}

// plantedDoc returns a document whose pages carry names in tables, lists,
// signature blocks, capitals and prose, with the personal data beside them,
// under the board's names.
func plantedDoc(private []string, data map[string][]string, board [3]string) *casefile.Document {
	at := func(i int, kind string) string {
		if vs := data[kind]; len(vs) > 0 {
			return vs[i%len(vs)]
		}
		return ""
	}
	var pages []pdftext.Page
	var lines []string
	flush := func() {
		pages = append(pages, page(len(pages)+1, lines...))
		lines = nil
	}
	lines = append(lines, "Verksamhetsberättelse 2024", "Styrelsen",
		"Ordförande: "+board[0], "Kassör: "+board[1], "Revisor: "+board[2], "")
	for i := 0; i+2 < len(private); i += 3 {
		a, b, c := private[i], private[i+1], private[i+2]
		switch (i / 3) % 6 {
		case 0: // a table
			lines = append(lines, "Namn\tPersonnummer\tTelefon",
				a+"\t"+at(i, "personnummer")+"\t"+at(i, "phone"),
				b+"    "+at(i+1, "personnummer")+"    "+at(i+1, "phone"),
				c+"\t"+at(i+2, "email"))
		case 1: // a list
			lines = append(lines, "Närvarande: "+a+", "+b+", "+c+" samt styrelsen.")
		case 2: // a signature block
			lines = append(lines, "Stockholm 2025-03-10", "", "______________________\t______________________",
				a+"\t\t"+b, "Justerare\t\tJusterare", "", c)
		case 3: // capitals
			lines = append(lines, strings.ToUpper(a)+"\t"+strings.ToUpper(b), "Kontakt: "+strings.ToUpper(c)+", "+at(i, "address"))
		case 4: // prose, in Swedish and English
			lines = append(lines, "Mötet öppnades av "+a+" som hälsade alla välkomna.",
				b+" valdes till justerare tillsammans med "+c+".",
				"Minutes taken by "+a+"; "+b+" thanked "+c+" for the work.")
		default: // a member register
			lines = append(lines, "Medlemsregister (utdrag)", "1. "+a+", "+at(i, "address"), "2. "+b+", "+at(i+1, "email"),
				"3. "+c+", tel "+at(i+2, "phone"))
		}
		if len(lines) > 40 {
			flush()
		}
	}
	for _, kind := range []string{"personnummer", "phone", "email", "address"} {
		for i, v := range data[kind] {
			lines = append(lines, fmt.Sprintf("Medlem %d: %s", i+1, v))
		}
	}
	flush()
	return &casefile.Document{File: "medlemmar.pdf", Types: []string{casefile.TypeOther}, Pages: len(pages), Text: pages}
}

// The share of private persons' names, personnummer, phone numbers, e-mail
// and street addresses redacted before an external backend, with names the
// code has never seen: made up in eight scripts and shapes, and taken from
// the real corpus at test time, and personal data made up in the shapes
// Swedish documents use. It must be 100 % of each. The board's names, which
// the summary needs, are kept.
func TestRedactionOfUnseenNames(t *testing.T) {
	g := nameGen{rand.New(rand.NewPCG(8, 2026))}
	var private []string
	for i := 0; i < 240; i++ {
		private = append(private, g.name(i))
	}
	corpusNames, data := corpusPeople(t)
	private = append(private, corpusNames...)
	for k, v := range g.personalData(24) {
		data[k] = append(data[k], v...)
	}
	for len(private)%3 != 0 {
		private = append(private, g.name(0))
	}
	c := sampleCase()
	board := [3]string{"Anna Svensson", "Johan Nilsson", "Eva Lund"} // sampleCase's chair, treasurer and auditor
	doc := plantedDoc(private, data, board)
	c.Documents = append(c.Documents, doc)

	// As OpenAI.privacy prepares every page for a backend that is not internal.
	r := NewRedactor(board[0], board[1], board[2], "Idrottsföreningen Kvarnby IK")
	for _, d := range c.Documents {
		for _, p := range d.Text {
			r.Learn(p.Text)
		}
	}
	var sent strings.Builder
	for _, p := range doc.Text {
		sent.WriteString(r.Redact(p.Text))
		sent.WriteString("\n")
	}
	out := sent.String()
	leaked := func(v string) bool {
		if strings.Contains(out, v) || strings.Contains(out, strings.ToUpper(v)) {
			return true
		}
		d := digitsOnly(v)
		return len(d) >= 8 && strings.Contains(digitsOnly(out), d) && strings.Contains(strings.ReplaceAll(out, " ", ""), strings.ReplaceAll(v, " ", ""))
	}
	measure := func(kind string, values []string) {
		missed := 0
		for _, v := range values {
			if v != "" && leaked(v) {
				missed++
				t.Errorf("%s %q reached the model", kind, v)
			}
		}
		if len(values) > 0 {
			t.Logf("%-14s %4d planted, %6.2f %% redacted", kind, len(values), 100*float64(len(values)-missed)/float64(len(values)))
		}
	}
	measure("name", private)
	for _, kind := range []string{"personnummer", "phone", "email", "address"} {
		measure(kind, data[kind])
	}
	for _, b := range board {
		if !strings.Contains(out, b) {
			t.Errorf("board member %q was redacted; the summary needs the board", b)
		}
	}

	// And end to end: what the OpenAI backend sends to an external server.
	f := newFakeLLM(t, good)
	o, _ := newTestOpenAI(t, testConfig(f, LocationExternal))
	if _, err := o.Summarize(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	all := f.all()
	for _, v := range private {
		if strings.Contains(all, v) || strings.Contains(all, jsonEscaped(v)) {
			t.Errorf("name %q reached the external server", v)
		}
	}
}
