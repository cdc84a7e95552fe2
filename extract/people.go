package extract

import (
	"regexp"
	"strings"

	"arsflow/extract/casefile"
)

// namePat is a person's name: two to four capitalised words, hyphenated
// names and "af"/"von"/"de" particles allowed.
const namePat = `(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?: (?:(?:af|von|van|de|der|la) )?\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?){1,3})`

// Role words. The chair of the meeting is not the association's chair.
var roles = []struct {
	key  string
	word string
}{
	{casefile.FieldChair, `(?:förenings|styrelse|klubb)?ordförande|ordf\.?`},
	{casefile.FieldTreasurer, `kassör(?:e)?|kassaförvaltare|ekonomiansvarig|skattmästare`},
	{casefile.FieldAuditor, `(?:förtroendevald\s+|auktoriserad\s+|godkänd\s+|vald\s+|ordinarie\s+|lekmanna)?(?:förenings)?revisor(?:er|erna|n)?`},
}

// notPersonWord lists capitalised words that start lines but are not names.
var notPersonWord = map[string]bool{
	"ordförande": true, "kassör": true, "sekreterare": true, "ledamot": true, "ledamöter": true,
	"revisor": true, "revisorer": true, "suppleant": true, "suppleanter": true, "styrelsen": true,
	"styrelse": true, "datum": true, "ort": true, "underskrift": true, "namnförtydligande": true,
	"justerare": true, "justeras": true, "valberedning": true, "valberedningen": true, "föreningen": true,
	"vice": true, "mötesordförande": true, "årsmötet": true, "mötet": true, "årsmöte": true,
	"organisationsnummer": true, "org": true, "telefon": true, "adress": true, "och": true, "samt": true,
	"verksamhetsberättelse": true, "revisionsberättelse": true, "resultaträkning": true, "balansräkning": true,
	"kontaktperson": true, "vald": true, "omval": true, "nyval": true, "till": true, "för": true,
	"summa": true, "not": true, "bilaga": true, "sida": true, "signerat": true, "signed": true,
	"ekonomiansvarig": true, "firmatecknare": true, "protokollförare": true, "kommun": true,
	"medlem": true, "medlemmar": true, "tf": true, "tillförordnad": true, "ordinarie": true, "stockholm": true,
	"januari": true, "februari": true, "mars": true, "april": true, "maj": true, "juni": true, "juli": true,
	"augusti": true, "september": true, "oktober": true, "november": true, "december": true, "den": true,
}

var (
	meetingChairCtx = regexp.MustCompile(`(?i)(mötes|mötet|årsmötet|årsmötets|stämman|stämmans|för\s+(års)?mötet|för\s+dagens|sammanträdet)`)
	suppleantCtx    = regexp.MustCompile(`(?i)(suppleant|ersättare|vice\s*$|v\.\s*$|avgående|tidigare)`)
	nameRe          = regexp.MustCompile(`^` + namePat)
	signatureHint   = regexp.MustCompile(`(?i)(underskrift|namnförtydligande|signerat|signed|penneo|scrive|bankid|elektroniskt\s+signerad|_{4,}|\.{6,})`)
)

// cleanName validates and tidies a candidate name.
func cleanName(s string) (string, bool) {
	s = strings.TrimSpace(s)
	m := nameRe.FindString(s)
	if m == "" {
		return "", false
	}
	words := strings.Fields(m)
	for len(words) > 0 && notPersonWord[strings.ToLower(words[len(words)-1])] {
		words = words[:len(words)-1]
	}
	if len(words) < 2 || notPersonWord[strings.ToLower(words[0])] {
		return "", false
	}
	for _, w := range words {
		if notPersonWord[strings.ToLower(w)] {
			return "", false
		}
	}
	return strings.Join(words, " "), true
}

// findPeople adds chair, treasurer and auditor candidates of d, from "Role:
// Name" pairs, "Name, role" and signature blocks (a name above or below its
// role, columns aligned).
func findPeople(d *docText, minutes bool, add func(key string, c casefile.Candidate)) {
	for ri, r := range roles {
		after, before, elected := roleRes[ri].after, roleRes[ri].before, roleRes[ri].elected
		for _, re := range []*regexp.Regexp{after, elected} {
			for _, m := range re.FindAllStringSubmatchIndex(d.full, -1) {
				name, ok := cleanName(d.full[m[4]:m[5]])
				if !ok {
					continue
				}
				ctx := d.full[max(0, m[2]-30):m[2]]
				lineCtx := d.full[d.lines[d.lineAt(m[2])].start:m[3]]
				if suppleantCtx.MatchString(ctx) || strings.Contains(strings.ToLower(d.full[m[2]:m[3]]), "suppleant") {
					continue
				}
				conf := 0.85
				if r.key == casefile.FieldChair && (meetingChairCtx.MatchString(lineCtx) || meetingChairCtx.MatchString(d.full[m[3]:min(len(d.full), m[3]+40)])) {
					continue
				}
				if minutes {
					conf = 0.6
				}
				add(r.key, d.evidenceAt(name, m[0], m[1], conf))
			}
		}
		for _, m := range before.FindAllStringSubmatchIndex(d.full, -1) {
			name, ok := cleanName(d.full[m[2]:m[3]])
			if !ok || strings.Contains(d.full[m[2]:m[3]], "\n") {
				continue
			}
			conf := 0.8
			if r.key == casefile.FieldChair && meetingChairCtx.MatchString(d.full[m[4]:min(len(d.full), m[5]+30)]) {
				continue
			}
			if minutes {
				conf = 0.55
			}
			add(r.key, d.evidenceAt(name, m[0], m[1], conf))
		}
	}
	findSignatureBlocks(d, minutes, add)
}

// roleLine matches a line segment that is only a role title.
func roleOf(seg string) string {
	s := strings.ToLower(strings.Trim(strings.TrimSpace(seg), ".:,()"))
	for ri, r := range roles {
		if roleRes[ri].only.MatchString(s) {
			return r.key
		}
	}
	return ""
}

// findSignatureBlocks pairs role lines with the names above or below them,
// column by column.
func findSignatureBlocks(d *docText, minutes bool, add func(key string, c casefile.Candidate)) {
	for i := range d.lines {
		l := &d.lines[i]
		for _, seg := range splitColumns(l.text) {
			key := roleOf(l.text[seg[0]:seg[1]])
			if key == "" {
				continue
			}
			if key == casefile.FieldChair && minutes {
				continue // in minutes "Ordförande" under a signature is the meeting's chair
			}
			x0, x1 := l.span(seg[0], seg[1])
			for _, j := range []int{i - 1, i + 1, i - 2} {
				if j < 0 || j >= len(d.lines) || d.lines[j].page != l.page {
					continue
				}
				o := &d.lines[j]
				for _, os := range splitColumns(o.text) {
					ox0, ox1 := o.span(os[0], os[1])
					if ox1 < x0-1 || ox0 > x1+20 && ox0 > x0+40 {
						continue
					}
					name, ok := cleanName(o.text[os[0]:os[1]])
					if !ok || len(strings.Fields(o.text[os[0]:os[1]])) > 5 {
						continue
					}
					conf := 0.75
					if j != i-1 {
						conf = 0.6
					}
					from, to := min(i, j), max(i, j)
					add(key, d.evidence(name, from, to, conf))
					goto next
				}
			}
		next:
		}
	}
}

// roleRes holds the compiled patterns per role, in the order of roles.
var roleRes = func() []struct{ after, before, elected, only *regexp.Regexp } {
	out := make([]struct{ after, before, elected, only *regexp.Regexp }, len(roles))
	for i, r := range roles {
		// Role followed by a name: "Ordförande: Anna Svensson", "kassör Bo Ek".
		out[i].after = regexp.MustCompile(`(?:^|[^\p{L}])((?i:` + r.word + `))(?:[ \t]*[:–—-][ \t]*|[ \t]+|[ \t]*\([ \t]*)(?:(?i:har\s+varit|var|är|blev|valdes|omvaldes|nyvaldes)[ \t]+)?` + namePat)
		// Name followed by its role: "Anna Svensson, ordförande".
		out[i].before = regexp.MustCompile(namePat + `\s*(?:,|–|-|\()\s*(?:vald\s+)?((?i:` + r.word + `))(?:[^\p{L}]|$)`)
		// An election: "Till ordförande för 2025 valdes Anna Svensson".
		out[i].elected = regexp.MustCompile(`(?:[Tt]ill|[Ss]om)\s+(?i:föreningens\s+|klubbens\s+|ny\s+)?((?i:` + r.word + `))\s+(?i:för\s+\S+\s+(?:\S+\s+)?)?(?i:valdes|omvaldes|nyvaldes|utsågs)(?:\s+på\s+\S+\s+år)?\s+` + namePat)
		out[i].only = regexp.MustCompile(`^(` + r.word + `)$`)
	}
	return out
}()
