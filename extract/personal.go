package extract

import (
	"regexp"
	"sort"
	"strings"
)

// Kinds of personal data.
const (
	PersonalIDNumber = "personnummer" // personnummer or samordningsnummer
	PersonalPhone    = "phone"
	PersonalEmail    = "email"
	PersonalAddress  = "address"
)

// PersonalDatum is one piece of personal data in a text; Start and End are
// byte offsets.
type PersonalDatum struct {
	Kind  string `json:"kind"`
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

var (
	pnrRe          = regexp.MustCompile(`(?:^|[^\d-])((?:19|20)?\d{6}\s?[-+]\s?\d{4}|(?:19|20)\d{10})(?:[^\d]|$)`)
	emailRe        = regexp.MustCompile(`(?i)[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}`)
	phoneRe        = regexp.MustCompile(`(?:^|[^\d\w+-])((?:\+46|0046)[\s-]?\(?0?\)?\s?\d{1,3}(?:[\s-]?\d{2,4}){2,4}|0\d{1,3}\s?[-/–]\s?\d{2,3}(?:\s?\d{2,3}){1,3}|07\d(?:\s?\d{2,3}){3}|07\d{8}|0\d{1,3}\s\d{3}\s\d{2}\s\d{2}|0\d{2}\s\d{2}\s\d{2}\s\d{2})(?:[^\d]|$)`)
	streetRe       = regexp.MustCompile(`(?:^|[^\p{L}])(\p{Lu}[\p{L}-]*(?:gatan|gata|vägen|väg|gränd|gränden|stigen|stig|torget|torg|backen|backe|allén|allé|leden|plan|platsen|slingan|gården|vägen|kroken|liden|höjden|ringen|parken)\s\d{1,4}\s?[A-Za-z]?(?:\s?(?:lgh|lägenhet|tr)\.?\s?\d+)?)(?:[^\p{L}\d]|$)`)
	streetTwoWords = regexp.MustCompile(`(?:^|[^\p{L}])(\p{Lu}\p{Ll}+\s(?:vägen|gatan|gränd|gränden|stigen|allé|allén|backe|backen|torg|torget|plan|gata|väg|byväg|skogsväg|strand|udde)\s\d{1,4}\s?[A-Za-z]?)(?:[^\p{L}\d]|$)`)
	postalRe       = regexp.MustCompile(`(?:^|[^\d])(\d{3}\s\d{2}\s+\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)?)`)
	phoneLabel     = regexp.MustCompile(`(?i)(tel|telefon|mobil|mob|tfn|phone)\.?\s*[:.]?\s*$`)
)

// FindPersonalData returns the personal data in text: personnummer and
// samordningsnummer (Luhn-checked, 10 or 12 digits, '-' or '+'), phone
// numbers, e-mail addresses and street addresses, ordered by position.
func FindPersonalData(text string) []PersonalDatum {
	var out []PersonalDatum
	taken := func(s, e int) bool {
		for _, p := range out {
			if s < p.End && e > p.Start {
				return true
			}
		}
		return false
	}
	for _, m := range pnrRe.FindAllStringSubmatchIndex(text, -1) {
		raw := text[m[2]:m[3]]
		if ValidPersonnummer(strings.ReplaceAll(raw, " ", "")) {
			out = append(out, PersonalDatum{PersonalIDNumber, raw, m[2], m[3]})
		}
	}
	for _, m := range emailRe.FindAllStringIndex(text, -1) {
		out = append(out, PersonalDatum{PersonalEmail, text[m[0]:m[1]], m[0], m[1]})
	}
	for _, m := range phoneRe.FindAllStringSubmatchIndex(text, -1) {
		s, e := m[2], m[3]
		raw := strings.TrimSpace(text[s:e])
		digits := onlyDigits(raw)
		if len(digits) < 8 || len(digits) > 13 || taken(s, e) {
			continue
		}
		// A bare digit run without a label or separators may be an amount.
		if !strings.ContainsAny(raw, "-+/ ") && !phoneLabel.MatchString(text[max(0, s-12):s]) && !strings.HasPrefix(raw, "07") {
			continue
		}
		out = append(out, PersonalDatum{PersonalPhone, raw, s, s + len(raw)})
	}
	for _, re := range []*regexp.Regexp{streetRe, streetTwoWords, postalRe} {
		for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
			if taken(m[2], m[3]) {
				continue
			}
			out = append(out, PersonalDatum{PersonalAddress, text[m[2]:m[3]], m[2], m[3]})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}
