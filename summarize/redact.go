package summarize

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"arsflow/extract/casefile"
)

// KindName is the kind of a private person's name. The other kinds of
// personal data are extract's (casefile.PersonalIDNumber, PersonalPhone,
// PersonalEmail, PersonalAddress); names are found here because only
// redaction needs them.
const KindName = "name"

// placeholderPrefix names the placeholder of each kind.
var placeholderPrefix = map[string]string{
	casefile.PersonalIDNumber: "PNR",
	casefile.PersonalPhone:    "TEL",
	casefile.PersonalEmail:    "EPOST",
	casefile.PersonalAddress:  "ADRESS",
	casefile.PersonalBirth:    "FÖDD",
	KindName:                  "PERSON",
}

var (
	// reNameRun finds runs of capitalised words on one line.
	reNameRun = regexp.MustCompile(`\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?:[ \t]+\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)*`)
	reRole    = regexp.MustCompile(`(?i)\b(?:` + strings.Join(roleWords, "|") + `)\b\s*:?\s*`)
)

// notNameWords are capitalised words that are not part of a person's name.
var notNameWords = map[string]bool{
	"summa": true, "föreningen": true, "styrelsen": true, "årsmötet": true, "mötet": true,
	"resultat": true, "balans": true, "revisionsberättelse": true, "verksamhetsberättelse": true,
	"protokoll": true, "datum": true, "ort": true, "underskrift": true, "namnförtydligande": true,
	"telefon": true, "tel": true, "mobil": true, "adress": true, "personnummer": true, "idrottsförening": true,
	"förening": true, "kommun": true, "kommunen": true, "och": true, "för": true, "till": true,
	"ordförande": true, "kassör": true, "sekreterare": true, "justerare": true, "revisor": true,
	"ledamot": true, "suppleant": true, "närvarande": true, "valberedning": true, "medlem": true,
	"medlemmar": true, "vice": true, "kontaktperson": true, "firmatecknare": true, "tränare": true,
	"ledare": true, "ansvarig": true, "januari": true, "februari": true, "mars": true, "april": true,
	"maj": true, "juni": true, "juli": true, "augusti": true, "september": true, "oktober": true,
	"november": true, "december": true, "se": true, "bilaga": true, "ekonomisk": true, "berättelse": true,
}

// orgSuffixes end the words of associations' and companies' names.
var orgSuffixes = []string{"föreningen", "förening", "klubben", "klubb", "förbund", "förbundet", "sällskap", "sällskapet", "kören", "kåren", "laget", "ab", "bank", "banken", "kommun"}

// personalData returns the personal data in text, in order, without
// overlaps: what casefile.FindPersonalData finds, and names of persons (a
// known first name and a surname, a name after a role such as "Justerare:",
// or a name on a line with other personal data).
func personalData(text string) []casefile.PersonalDatum {
	found := casefile.FindPersonalData(text)
	found = append(found, findNames(text, found)...)
	return nonOverlapping(found)
}

// nonOverlapping sorts data by position and drops any that overlap an
// earlier or longer one.
func nonOverlapping(in []casefile.PersonalDatum) []casefile.PersonalDatum {
	sort.SliceStable(in, func(i, j int) bool {
		if in[i].Start != in[j].Start {
			return in[i].Start < in[j].Start
		}
		return in[i].End > in[j].End
	})
	var out []casefile.PersonalDatum
	end := -1
	for _, d := range in {
		if d.Start < end {
			continue
		}
		out = append(out, d)
		end = d.End
	}
	return out
}

// findNames finds names of persons in text; other holds the personal data
// already found, whose lines make capitalised runs names too.
func findNames(text string, other []casefile.PersonalDatum) []casefile.PersonalDatum {
	var out []casefile.PersonalDatum
	lineStart := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		hasPII := false
		for _, d := range other {
			if d.Start >= lineStart && d.Start < lineStart+len(line) {
				hasPII = true
				break
			}
		}
		afterRole := hasRoleWord(line) && reRole.MatchString(line)
		// Names in capitals ("ANNA SVENSSON") are read as "Anna Svensson";
		// offsets stay those of line.
		scan := titleCaseCapitals(line)
		for _, loc := range reNameRun.FindAllStringIndex(scan, -1) {
			words, offs := splitWords(scan[loc[0]:loc[1]])
			// Drop leading words that are not names (roles, headings).
			for len(words) > 0 && (notNameWords[strings.ToLower(words[0])] || isOrgWord(words[0])) {
				words, offs = words[1:], offs[1:]
			}
			if len(words) == 0 {
				continue
			}
			start := loc[0] + offs[0]
			cut := len(words)
			for k, w := range words {
				if notNameWords[strings.ToLower(w)] || isOrgWord(w) {
					cut = k
					break
				}
			}
			words = words[:cut]
			if len(words) > 3 {
				words = words[:3]
			}
			if len(words) < 2 {
				continue
			}
			ok := isFirstName(words[0]) || hasPII || afterRole
			if !ok {
				continue
			}
			end := start + offs[len(words)-1] - offs[0] + len(words[len(words)-1])
			out = append(out, casefile.PersonalDatum{Kind: KindName, Text: line[start:end], Start: lineStart + start, End: lineStart + end})
		}
		lineStart += len(line)
	}
	return out
}

// titleCaseCapitals rewrites each word of two or more capital letters in
// title case, keeping every byte offset (a word whose lower case has another
// length is left as it is).
func titleCaseCapitals(line string) string {
	var b strings.Builder
	changed := false
	for i := 0; i < len(line); {
		j := i
		for j < len(line) {
			r, n := utf8.DecodeRuneInString(line[j:])
			if !unicode.IsLetter(r) {
				break
			}
			j += n
		}
		if j == i {
			_, n := utf8.DecodeRuneInString(line[i:])
			b.WriteString(line[i : i+n])
			i += n
			continue
		}
		w := line[i:j]
		if utf8.RuneCountInString(w) >= 2 && strings.ToUpper(w) == w {
			first, n := utf8.DecodeRuneInString(w)
			t := string(first) + strings.ToLower(w[n:])
			if len(t) == len(w) {
				w, changed = t, true
			}
		}
		b.WriteString(w)
		i = j
	}
	if !changed {
		return line
	}
	return b.String()
}

// hasRoleWord is a cheap test before reRole.
func hasRoleWord(line string) bool {
	l := strings.ToLower(line)
	for _, w := range roleWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// splitWords splits a run of words on blanks, with each word's offset.
func splitWords(run string) ([]string, []int) {
	var words []string
	var offs []int
	start := -1
	for i, r := range run + " " {
		if r == ' ' || r == '\t' {
			if start >= 0 {
				words = append(words, run[start:i])
				offs = append(offs, start)
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	return words, offs
}

func isOrgWord(w string) bool {
	lw := strings.ToLower(w)
	for _, s := range orgSuffixes {
		if strings.HasSuffix(lw, s) {
			return true
		}
	}
	return false
}

// Redactor replaces personal data with stable placeholders ([PERSON_1],
// [PNR_1], ...) and restores them. The same text always gets the same
// placeholder within one Redactor, which serves one case. It keeps the names
// the summary needs (the board roles), and holds personal data only in
// memory: never log it.
type Redactor struct {
	keep  []string          // folded names that are not redacted
	seen  map[string]bool   // texts already learnt
	ph    map[string]string // original -> placeholder
	orig  map[string]string // placeholder -> original
	count map[string]int
}

// NewRedactor returns a Redactor that leaves the names in keep as they are.
func NewRedactor(keep ...string) *Redactor {
	r := &Redactor{ph: map[string]string{}, orig: map[string]string{}, count: map[string]int{}, seen: map[string]bool{}}
	for _, k := range keep {
		if k = strings.TrimSpace(strings.ToLower(k)); k != "" {
			r.keep = append(r.keep, k)
		}
	}
	return r
}

// kept reports whether name is, or is part of, a name to keep.
func (r *Redactor) kept(name string) bool {
	n := strings.ToLower(strings.Join(strings.Fields(name), " "))
	for _, k := range r.keep {
		if n == k || strings.Contains(k, n) || strings.Contains(n, k) {
			return true
		}
	}
	return false
}

// Learn finds the personal data in text and assigns placeholders, without
// redacting. Call it on every text of a case before Redact, so that a
// surname met alone on an early page is known from a later page.
func (r *Redactor) Learn(text string) {
	if r.seen[text] {
		return
	}
	r.seen[text] = true
	for _, d := range personalData(text) {
		if d.Kind == KindName && r.kept(d.Text) {
			continue
		}
		p := r.register(d.Kind, d.Text)
		if d.Kind == KindName {
			// The surname alone stands for the same person.
			words := strings.Fields(d.Text)
			last := words[len(words)-1]
			if len(words) > 1 && utf8.RuneCountInString(last) >= 3 && !isFirstName(last) && !r.kept(last) {
				if _, ok := r.ph[last]; !ok {
					r.ph[last] = p
				}
			}
		}
	}
}

func (r *Redactor) register(kind, text string) string {
	if p, ok := r.ph[text]; ok {
		return p
	}
	r.count[kind]++
	p := fmt.Sprintf("[%s_%d]", placeholderPrefix[kind], r.count[kind])
	r.ph[text] = p
	r.orig[p] = text
	return p
}

// Redact learns the personal data of text and returns text with every known
// piece of personal data replaced by its placeholder.
func (r *Redactor) Redact(text string) string {
	r.Learn(text)
	type span struct {
		start, end int
		ph         string
	}
	var spans []span
	for orig, p := range r.ph {
		for off := 0; ; {
			i := strings.Index(text[off:], orig)
			if i < 0 {
				break
			}
			s, e := off+i, off+i+len(orig)
			if boundary(text, s, e) {
				spans = append(spans, span{s, e, p})
			}
			off = s + 1
		}
	}
	sort.Slice(spans, func(i, j int) bool {
		if spans[i].start != spans[j].start {
			return spans[i].start < spans[j].start
		}
		return spans[i].end > spans[j].end
	})
	var b strings.Builder
	last := 0
	for _, s := range spans {
		if s.start < last {
			continue
		}
		b.WriteString(text[last:s.start])
		b.WriteString(s.ph)
		last = s.end
	}
	b.WriteString(text[last:])
	return b.String()
}

// boundary reports whether text[s:e] stands alone: no letter or digit
// touches it on either side.
func boundary(text string, s, e int) bool {
	if s > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:s])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	if e < len(text) {
		r, _ := utf8.DecodeRuneInString(text[e:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// Restore replaces the placeholders in text with the personal data they
// stand for. Unknown placeholders are left, and the grounding check flags them.
func (r *Redactor) Restore(text string) string {
	return rePlaceholder.ReplaceAllStringFunc(text, func(p string) string {
		if o, ok := r.orig[p]; ok {
			return o
		}
		return p
	})
}

// Len returns how many distinct pieces of personal data have a placeholder.
func (r *Redactor) Len() int { return len(r.orig) }
