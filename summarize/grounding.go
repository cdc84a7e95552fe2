package summarize

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"arsflow/extract/casefile"
)

// FlagUnsupported is the code of a flag on a number, date, organisation
// number or name in a summary that the source does not contain.
const FlagUnsupported = "unsupported_claim"

var (
	reOrgNumber = lazyRegexp(`\b\d{6}[-–]?\d{4}\b`)
	reISODate   = lazyRegexp(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	reTextDate  = lazyRegexp(`(?i)\b(\d{1,2})(?:\s|\x{00a0})+(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)(?:\s|\x{00a0})+(\d{4})\b`)
	// reSourceGroups finds runs of digit groups in the source, which may be
	// one number with thousands spaces or several numbers in columns.
	reSourceGroups = lazyRegexp(`\d+(?:[ \x{00a0}\x{202f}.]\d+)*(?:,\d+)?`)
	rePlaceholder  = lazyRegexp(`\[(PERSON|PNR|TEL|EPOST|ADRESS)_\d+\]`)
	reCapWord      = lazyRegexp(`\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?`)
)

var swedishMonths = map[string]string{
	"januari": "01", "februari": "02", "mars": "03", "april": "04", "maj": "05", "juni": "06",
	"juli": "07", "augusti": "08", "september": "09", "oktober": "10", "november": "11", "december": "12",
}

// groundingSource is everything a summary may state: the documents' text and
// the fields, normalised for lookup.
type groundingSource struct {
	numbers map[string]bool // canonical numbers
	dates   map[string]bool // ISO dates
	orgs    map[string]bool // ten digits
	text    string          // lower-cased, whitespace collapsed
	files   []string
}

// canonicalNumber returns the canonical form of a number written in any of
// the Swedish ways, without sign: "1 234,50" and "1234.5" both give "1234.5".
func canonicalNumber(s string) (string, bool) {
	f, ok := casefile.ParseAmount(s)
	if !ok {
		return "", false
	}
	if f < 0 {
		f = -f
	}
	return strconv.FormatFloat(f, 'f', -1, 64), true
}

func canonicalFloat(f float64) string {
	if f < 0 {
		f = -f
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// newGroundingSource indexes the case.
func newGroundingSource(c *casefile.Case) *groundingSource {
	g := &groundingSource{numbers: map[string]bool{}, dates: map[string]bool{}, orgs: map[string]bool{}}
	var all strings.Builder
	add := func(text string) {
		all.WriteString(text)
		all.WriteString("\n")
		g.indexText(text)
	}
	g.numbers[strconv.Itoa(len(c.Documents))] = true
	for _, d := range c.Documents {
		g.files = append(g.files, d.File)
		g.numbers[strconv.Itoa(d.Pages)] = true
		for _, p := range d.Text {
			add(p.Text)
		}
	}
	for _, f := range c.Fields {
		g.addValue(f.Value, add)
		add(f.Quote)
		for _, cand := range f.Candidates {
			g.addValue(cand.Value, add)
			add(cand.Quote)
		}
	}
	for _, ch := range c.Checks {
		add(ch.Message)
	}
	g.text = foldText(all.String())
	return g
}

// addValue indexes a field value: numbers also in tkr and as kronor from tkr.
func (g *groundingSource) addValue(v any, add func(string)) {
	if n, ok := v.(float64); ok {
		g.numbers[canonicalFloat(n)] = true
		g.numbers[canonicalFloat(n/1000)] = true
		g.numbers[canonicalFloat(n*1000)] = true
		return
	}
	add(str(v))
}

// indexText adds the numbers, dates and organisation numbers of text.
func (g *groundingSource) indexText(text string) {
	for _, m := range reOrgNumber().FindAllString(text, -1) {
		g.orgs[digitsOnly(m)] = true
	}
	for _, m := range reISODate().FindAllStringSubmatch(text, -1) {
		g.dates[m[0]] = true
	}
	for _, m := range reTextDate().FindAllStringSubmatch(text, -1) {
		g.dates[textDateISO(m)] = true
	}
	for _, run := range reSourceGroups().FindAllString(text, -1) {
		g.indexGroups(run)
	}
}

// indexGroups adds every number a run of digit groups can stand for: the run
// "12 345 11 000" holds 12, 345, 12345, 11, 000, 11000, 34511 ...; the spans
// of consecutive groups are all added, so both one number with thousands
// spaces and several numbers in columns are found.
func (g *groundingSource) indexGroups(run string) {
	dec := ""
	if i := strings.LastIndexByte(run, ','); i >= 0 {
		dec = run[i:]
		run = run[:i]
	}
	groups := strings.FieldsFunc(run, func(r rune) bool { return r == ' ' || r == '.' || r == '\u00a0' || r == '\u202f' })
	for i := range groups {
		joined := ""
		for j := i; j < len(groups) && j < i+5; j++ {
			joined += groups[j]
			if c, ok := canonicalNumber(joined); ok {
				g.numbers[c] = true
			}
			if j == len(groups)-1 && dec != "" {
				if c, ok := canonicalNumber(joined + dec); ok {
					g.numbers[c] = true
				}
			}
		}
	}
	// A point may be a decimal point ("12.5") as well as a thousands separator.
	for _, part := range strings.FieldsFunc(run, func(r rune) bool { return r == ' ' || r == '\u00a0' || r == '\u202f' }) {
		if c, ok := canonicalNumber(part); ok {
			g.numbers[c] = true
		}
	}
}

func textDateISO(m []string) string {
	day := m[1]
	if len(day) == 1 {
		day = "0" + day
	}
	return m[3] + "-" + swedishMonths[strings.ToLower(m[2])] + "-" + day
}

func digitsOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// foldText lower-cases text and collapses whitespace, for name lookups.
func foldText(s string) string {
	return " " + strings.Join(strings.Fields(strings.ToLower(s)), " ") + " "
}

// Ground checks every sentence of s against c: every number, date,
// organisation number and personal name in the text must appear in the
// documents' text or the fields. It returns a FlagUnsupported flag for each
// one that does not.
func Ground(s *Summary, c *casefile.Case) []Flag {
	g := newGroundingSource(c)
	var flags []Flag
	seen := map[string]bool{}
	for _, sec := range s.Sections {
		for _, sent := range sec.Sentences {
			for _, tok := range g.unsupported(sent.Text) {
				if seen[sec.Key+"\x00"+tok] {
					continue
				}
				seen[sec.Key+"\x00"+tok] = true
				flags = append(flags, Flag{
					Code:    FlagUnsupported,
					Message: "Uppgiften ”" + tok + "” finns inte i handlingarna eller bland de utlästa uppgifterna. Kontrollera den mot originalet.",
					Section: sec.Key,
					Text:    tok,
					Refs:    sent.Refs,
				})
			}
		}
	}
	return flags
}

// unsupported returns the tokens of text the source does not support.
func (g *groundingSource) unsupported(text string) []string {
	var out []string
	for _, f := range g.files {
		text = strings.ReplaceAll(text, f, "#")
	}
	blank := func(s string, loc []int) string {
		// '#' keeps the words on either side from joining into one name.
		return s[:loc[0]] + strings.Repeat("#", loc[1]-loc[0]) + s[loc[1]:]
	}
	out = append(out, rePlaceholder().FindAllString(text, -1)...)
	text = rePlaceholder().ReplaceAllStringFunc(text, func(m string) string { return strings.Repeat("#", len(m)) })
	for _, loc := range reISODate().FindAllStringIndex(text, -1) {
		if d := text[loc[0]:loc[1]]; !g.dates[d] {
			out = append(out, d)
		}
		text = blank(text, loc)
	}
	for _, m := range reTextDate().FindAllStringSubmatchIndex(text, -1) {
		sub := []string{text[m[0]:m[1]], text[m[2]:m[3]], text[m[4]:m[5]], text[m[6]:m[7]]}
		if !g.dates[textDateISO(sub)] {
			out = append(out, sub[0])
		}
		text = blank(text, m[:2])
	}
	for _, loc := range reOrgNumber().FindAllStringIndex(text, -1) {
		if o := text[loc[0]:loc[1]]; !g.orgs[digitsOnly(o)] {
			out = append(out, o)
		}
		text = blank(text, loc)
	}
	for _, m := range numberTokens(text) {
		if c, ok := canonicalNumber(m); ok && !g.numbers[c] {
			out = append(out, m)
		}
	}
	out = append(out, g.unsupportedNames(text)...)
	return out
}

// reDigitRun is a run of digits with single spaces between groups.
var reDigitRun = lazyRegexp(`\d+(?:[ \x{00a0}\x{202f}]\d+)*(?:[.,]\d+)?`)

// numberTokens returns the numbers of text as written. A run of digit
// groups is one number when it is grouped in thousands ("1 103 743");
// otherwise each group is a number of its own ("1/1 2025" holds 1 and 2025,
// not "1 202").
func numberTokens(text string) []string {
	var out []string
	for _, run := range reDigitRun().FindAllString(text, -1) {
		groups := strings.FieldsFunc(run, func(r rune) bool { return r == ' ' || r == '\u00a0' || r == '\u202f' })
		if len(groups) == 1 || thousandsGrouped(groups) {
			out = append(out, run)
			continue
		}
		out = append(out, groups...)
	}
	return out
}

// thousandsGrouped reports whether groups are 1-3 digits followed by groups
// of exactly three (the last may carry a decimal part).
func thousandsGrouped(groups []string) bool {
	if len(groups[0]) > 3 {
		return false
	}
	for i, g := range groups[1:] {
		if i == len(groups)-2 {
			if k := strings.IndexAny(g, ".,"); k >= 0 {
				g = g[:k]
			}
		}
		if len(g) != 3 {
			return false
		}
	}
	return true
}

// nameStarters are capitalised words that start a sentence or name a role
// before a name; they are dropped from the front of a capitalised run.
var nameStarters = map[string]bool{
	"ordförande": true, "kassör": true, "revisor": true, "revisorn": true, "sekreterare": true,
	"justerare": true, "ledamot": true, "föreningen": true, "styrelsen": true, "årsmötet": true,
	"enligt": true, "av": true, "under": true, "vid": true, "den": true, "det": true, "som": true,
	"ur": true, "uppgift": true, "handlingarna": true, "revisionsberättelsen": true,
	"verksamhetsberättelsen": true, "årsmötesprotokollet": true, "protokollet": true,
}

// unsupportedNames returns the runs of two or more capitalised words (names
// of persons or associations) that the source does not contain.
func (g *groundingSource) unsupportedNames(text string) []string {
	var out []string
	locs := reCapWord().FindAllStringIndex(text, -1)
	for i := 0; i < len(locs); {
		j := i + 1
		for j < len(locs) && onlySpaces(text[locs[j-1][1]:locs[j][0]]) {
			j++
		}
		words := make([]string, 0, j-i)
		for k := i; k < j; k++ {
			words = append(words, text[locs[k][0]:locs[k][1]])
		}
		i = j
		for len(words) > 0 && nameStarters[strings.ToLower(words[0])] {
			words = words[1:]
		}
		if len(words) < 2 {
			continue
		}
		run := strings.Join(words, " ")
		if strings.Contains(g.text, " "+strings.ToLower(run)) {
			continue
		}
		// At the start of a sentence the first word may be an ordinary word.
		rest := strings.Join(words[1:], " ")
		if len(words) > 2 && strings.Contains(g.text, " "+strings.ToLower(rest)) {
			continue
		}
		out = append(out, run)
	}
	return out
}

func onlySpaces(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// lazyRegexp compiles a regular expression the first time it is used, so
// that a process that never needs it does not pay for it at start.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
