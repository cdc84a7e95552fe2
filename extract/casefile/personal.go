package casefile

import (
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Kinds of personal data.
const (
	PersonalIDNumber = "personnummer" // personnummer or samordningsnummer
	PersonalPhone    = "phone"
	PersonalEmail    = "email"
	PersonalAddress  = "address"
	PersonalBirth    = "birth_date" // a date of birth ("född 1985-01-01")
)

// PersonalDatum is one piece of personal data in a text; Start and End are
// byte offsets.
type PersonalDatum struct {
	Kind  string `json:"kind"`
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// streetSuffixes end the names of Swedish streets.
const streetSuffixes = `gatan|gata|vägen|väg|gränden|gränd|stigen|stig|torget|torg|backen|backe|allén|allé|leden|platsen|plan|slingan|gården|kroken|liden|höjden|ringen|parken|stråket|promenaden|kajen`

var (
	// pnrRe is the shape of a personnummer: 10 or 12 digits with '-', '+',
	// a space or nothing before the last four. ValidPersonnummer decides.
	pnrRe   = lazy(`(?:19|20)?\d{6}(?:[ \t]?[-+][ \t]?|[ \t])?\d{4}`)
	emailRe = lazy(`(?i)[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}`)
	// An e-mail address written to dodge harvesters: "anna(at)exempel.se",
	// "anna [at] exempel [dot] se".
	obfuscatedEmailRe = lazy(`(?i)[a-z0-9][a-z0-9._%+-]*\s?[(\[]\s?(?:at|snabel-a)\s?[)\]]\s?[a-z0-9-]+(?:\s?(?:\.|[(\[]\s?(?:dot|punkt)\s?[)\]])\s?[a-z0-9-]+)*\s?(?:\.|[(\[]\s?(?:dot|punkt)\s?[)\]])\s?[a-z]{2,}`)
	// A date of birth after "född", "f." or "födelsedatum".
	birthRe = lazy(`(?i)(?:^|[^\p{L}])(?:född|f\.|födelsedatum|födelsedag)\s*:?\s*((?:19|20)\d{2}-\d{2}-\d{2}|(?:19|20)?\d{6}|\d{1,2}\s+(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)\s+(?:19|20)\d{2})`)
	phoneRe = lazy(`(?:^|[^\d\w+-])((?:\+46|0046)[\s-]?\(?0?\)?\s?\d{1,3}(?:[\s-]?\d{2,4}){2,4}|0\d{1,3}\s?[-/–]\s?\d{2,3}(?:\s?\d{2,3}){1,3}|07\d(?:\s?\d{2,3}){3}|07\d{8}|0\d{1,3}\s\d{3}\s\d{2}\s\d{2}|0\d{2}\s\d{2}\s\d{2}\s\d{2})(?:[^\d]|$)`)
	// A street name and number, with an optional letter ("12B", "3 B") and
	// flat ("lgh 1102").
	streetRe       = lazy(`(?:^|[^\p{L}])(\p{Lu}[\p{L}-]*(?:` + streetSuffixes + `)\s\d{1,4}(?:\s?[A-Z]|[a-z])?(?:,?\s?(?:lgh|lägenhet|tr)\.?\s?\d+)?)(?:[^\p{L}\d]|$)`)
	streetTwoWords = lazy(`(?:^|[^\p{L}])(\p{Lu}\p{Ll}+\s(?:vägen|gatan|gränd|gränden|stigen|allé|allén|backe|backen|torg|torget|plan|gata|väg|byväg|skogsväg|strand|udde)\s\d{1,4}(?:\s?[A-Z]|[a-z])?)(?:[^\p{L}\d]|$)`)
	// A postal code and town on one line.
	postalRe   = lazy(`(?:^|[^\d])(\d{3} \d{2}[ \t]+\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)?)`)
	phoneLabel = lazy(`(?i)(tel|telefon|mobil|mob|tfn|phone)\.?\s*[:.]?\s*$`)
)

// FindPersonalData returns the personal data in text, ordered by position
// and without overlaps: personnummer and samordningsnummer (a valid date and
// Luhn check digit, 10 or 12 digits, with '-', '+', a space or nothing before
// the last four), dates of birth, phone numbers, e-mail addresses (also
// written "(at)") and street addresses (a
// postal code and town that follow on the same line belong to the street).
// Names of persons are not found here: summarize's redaction adds those.
func FindPersonalData(text string) []PersonalDatum {
	// Every kind needs digits, or an e-mail's at sign: most lines have
	// neither, and are passed over without the regular expressions.
	digits := 0
	for i := 0; i < len(text); i++ {
		if isDigit(text[i]) {
			digits++
		}
	}
	mail := strings.Contains(text, "@")
	paren := strings.ContainsAny(text, "([") && strings.ContainsAny(text, ")]")
	if digits == 0 && !mail && !paren {
		return nil
	}
	low := strings.ToLower(text)
	dodged := paren && (strings.Contains(low, "at") || strings.Contains(low, "snabel"))
	if digits == 0 && !mail && !dodged {
		return nil
	}
	var out []PersonalDatum
	taken := func(s, e int) bool {
		for _, p := range out {
			if s < p.End && e > p.Start {
				return true
			}
		}
		return false
	}
	// A personnummer has six digits in a row; the figures of a table have
	// not, and are passed over without the expression.
	for _, m := range matchesIf(digits >= 10 && digitRun(text, 6), pnrRe, text) {
		s, e := m[0], m[1]
		if s > 0 && (isDigit(text[s-1]) || text[s-1] == '-') || e < len(text) && isDigit(text[e]) {
			continue
		}
		raw := text[s:e]
		if ValidPersonnummer(strings.NewReplacer(" ", "", "\t", "").Replace(raw)) {
			out = append(out, PersonalDatum{PersonalIDNumber, raw, s, e})
		}
	}
	for _, e := range []struct {
		re func() *regexp.Regexp
		ok bool
	}{{emailRe, mail}, {obfuscatedEmailRe, dodged}} {
		if !e.ok {
			continue
		}
		for _, m := range e.re().FindAllStringIndex(text, -1) {
			if !taken(m[0], m[1]) {
				out = append(out, PersonalDatum{PersonalEmail, text[m[0]:m[1]], m[0], m[1]})
			}
		}
	}
	birth := before(low, []string{"född", "f.", "födelse"}, func(prev, rest string) bool {
		r, _ := utf8.DecodeLastRuneInString(prev)
		rest = strings.TrimLeft(rest, "adgmtu \t:") // "födelsedatum: "
		return !unicode.IsLetter(r) && rest != "" && isDigit(rest[0])
	})
	for _, m := range matchesIf(birth, birthRe, text) {
		if !taken(m[2], m[3]) {
			out = append(out, PersonalDatum{PersonalBirth, text[m[2]:m[3]], m[2], m[3]})
		}
	}
	for _, m := range matchesIf(digits >= 8 && phoneStart(text), phoneRe, text) {
		s, e := m[2], m[3]
		raw := strings.TrimSpace(text[s:e])
		digits := onlyDigits(raw)
		if len(digits) < 8 || len(digits) > 13 || taken(s, e) {
			continue
		}
		// A bare digit run without a label or separators may be an amount.
		if !strings.ContainsAny(raw, "-+/ ") && !phoneLabel().MatchString(text[max(0, s-12):s]) && !strings.HasPrefix(raw, "07") {
			continue
		}
		out = append(out, PersonalDatum{PersonalPhone, raw, s, s + len(raw)})
	}
	var streets, postals []PersonalDatum
	// A street's name ends in one of its suffixes, a space and a number.
	street := digits > 0 && before(low, streetWords, func(_, rest string) bool {
		return len(rest) > 1 && (rest[0] == ' ' || rest[0] == '\t') && isDigit(rest[1])
	})
	for _, p := range []struct {
		re         func() *regexp.Regexp
		ok, postal bool
	}{{streetRe, street, false}, {streetTwoWords, street, false}, {postalRe, digits >= 5 && postalShape(text), true}} {
		if !p.ok {
			continue
		}
		for _, m := range p.re().FindAllStringSubmatchIndex(text, -1) {
			s, e := m[2], m[3]
			if taken(s, e) || overlaps(streets, s, e) || !p.postal && (dateRest(text[e:]) || yearNumber(text[s:e])) {
				continue
			}
			d := PersonalDatum{PersonalAddress, text[s:e], s, e}
			if p.postal {
				postals = append(postals, d)
			} else {
				streets = append(streets, d)
			}
		}
	}
	out = append(out, joinPostal(text, streets, postals)...)
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// phoneStart reports whether s has what every match of phoneRe starts
// with: a '0' or '+' at the start of s or after a character that is not an
// ASCII letter or digit, '_', '+' or '-'.
func phoneStart(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '0' && s[i] != '+' {
			continue
		}
		if i == 0 {
			return true
		}
		c := s[i-1]
		if !(isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '+' || c == '-') {
			return true
		}
	}
	return false
}

// postalShape reports whether s has what every match of postalRe holds: a
// postal code ("123 45") followed by a space or tab.
func postalShape(s string) bool {
	for i := 0; i+6 < len(s); i++ {
		if isDigit(s[i]) && isDigit(s[i+1]) && isDigit(s[i+2]) && s[i+3] == ' ' && isDigit(s[i+4]) && isDigit(s[i+5]) && (s[i+6] == ' ' || s[i+6] == '\t') {
			return true
		}
	}
	return false
}

// digitRun reports whether s has n ASCII digits in a row.
func digitRun(s string, n int) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			run = 0
			continue
		}
		if run++; run >= n {
			return true
		}
	}
	return false
}

// dateRest reports whether s starts with "-MM-DD": the number before it
// was the year of a date ("Tallbacken 2026-02-11", a place and date of
// signing), not a street number.
func dateRest(s string) bool {
	return len(s) >= 6 && s[0] == '-' && isDigit(s[1]) && isDigit(s[2]) && s[3] == '-' && isDigit(s[4]) && isDigit(s[5])
}

// overlaps reports whether [s, e) overlaps any of ds.
func overlaps(ds []PersonalDatum, s, e int) bool {
	for _, d := range ds {
		if s < d.End && e > d.Start {
			return true
		}
	}
	return false
}

// joinPostal returns the addresses: each street joined with the postal code
// and town that follow it on the same line after blanks or a comma, and the
// other postal codes alone.
func joinPostal(text string, streets, postals []PersonalDatum) []PersonalDatum {
	used := make([]bool, len(postals))
	out := make([]PersonalDatum, 0, len(streets)+len(postals))
	for _, st := range streets {
		for i, p := range postals {
			if !used[i] && p.Start >= st.End && strings.Trim(text[st.End:p.Start], " \t,") == "" {
				used[i] = true
				st.End, st.Text = p.End, text[st.Start:p.End]
				break
			}
		}
		out = append(out, st)
	}
	for i, p := range postals {
		if !used[i] {
			out = append(out, p)
		}
	}
	return out
}

// yearNumber reports whether a street-like match ends in a year
// ("Verksamhetsplan 2022"), not a street number.
func yearNumber(s string) bool {
	f := strings.Fields(s)
	n := atoi(f[len(f)-1])
	return n >= 1900 && n < 2100
}

// streetWords end the names of streets, in both patterns above.
var streetWords = append(strings.Split(streetSuffixes, "|"), "byväg", "skogsväg", "strand", "udde")

// before reports whether one of words occurs in s with what stands before
// and after it passing ok.
func before(s string, words []string, ok func(prev, rest string) bool) bool {
	for _, w := range words {
		for i := 0; ; {
			j := strings.Index(s[i:], w)
			if j < 0 {
				break
			}
			if ok(s[:i+j], s[i+j+len(w):]) {
				return true
			}
			i += j + len(w)
		}
	}
	return false
}

// matchesIf returns the matches of a pattern in text, with their groups,
// when ok: the pattern is not even compiled for text that cannot hold it.
func matchesIf(ok bool, re func() *regexp.Regexp, text string) [][]int {
	if !ok {
		return nil
	}
	return re().FindAllStringSubmatchIndex(text, -1)
}

// lazy compiles a regular expression the first time it is used, so that a
// process that never needs it does not pay for it at start.
func lazy(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
