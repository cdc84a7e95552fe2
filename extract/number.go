package extract

import (
	"regexp"
	"strings"
	"unicode"

	"arsflow/extract/casefile"
)

// normSpaces maps every Unicode space (NBSP, thin space, narrow NBSP, tab)
// to an ASCII space and folds runs of spaces to one.
func normSpaces(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	prevSpace := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u2009' || r == '\u202f' || r == '\u2007' {
			if !prevSpace {
				b.WriteByte(' ')
			}
			prevSpace = true
			continue
		}
		prevSpace = false
		b.WriteRune(r)
	}
	return b.String()
}

// amountSpan is one amount found in a line of text.
type amountSpan struct {
	Value float64
	Start int // byte offsets into the searched string
	End   int
	Text  string
	// Paren is set when the amount was printed in parentheses.
	Paren bool
	// Unit is set when the amount carried a currency or unit ("kr", "tkr", ":-").
	Unit bool
}

// amountRe finds amount-like tokens in running text. Columns are separated
// by two or more spaces (see columnText), so a single space may join
// thousands groups.
var amountRe = regexp.MustCompile(
	`(?i)(\(\s*)?([-−–+]\s?)?` + // opening parenthesis, sign
		`(\d{1,3}(?: \d{3})+(?:,\d{1,2})?|\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+(?:[.,]\d{1,2})?)` +
		`(\s?(?::-|,-|\.-))?` +
		`(\s?(?:tusen kronor|miljoner kronor|kronor|ksek|msek|tkr|mkr|sek|kr\b\.?))?` +
		`(\s*\))?`)

// findAmounts returns the amounts in s, left to right. Numbers glued to
// letters (like "K2" or "bilaga4") and parts of dates and ranges are skipped.
func findAmounts(s string) []amountSpan {
	var out []amountSpan
	for _, m := range amountRe.FindAllStringSubmatchIndex(s, -1) {
		start, end := m[0], m[1]
		open, sign := m[2] >= 0, m[4] >= 0
		numStart, numEnd := m[6], m[7]
		unit := m[8] >= 0 || m[10] >= 0
		closing := m[12] >= 0
		if start > 0 {
			r := lastRune(s[:start])
			if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '/' || r == '.' || r == ':' || r == '-' || r == '§' {
				continue
			}
		}
		if numEnd < len(s) && !unit {
			rest := s[numEnd:]
			r := firstRune(rest)
			if unicode.IsLetter(r) && !strings.HasPrefix(strings.ToLower(rest), "st") {
				continue // "2024a", "3e"
			}
			if r == '/' || r == '%' || ((r == '-' || r == '.' || r == '–') && len(rest) > 1 && isDigit(rest[1])) {
				continue // a date, range or percentage
			}
		}
		if after := strings.TrimLeft(s[numEnd:], " "); !unit && (strings.HasPrefix(after, "%") || strings.HasPrefix(strings.ToLower(after), "procent")) {
			continue
		}
		if open != closing {
			// Unbalanced parenthesis: leave it out of the token.
			if open {
				start = numStart
				if sign {
					start = m[4]
				}
			} else {
				end = m[12]
			}
		}
		tok := s[start:end]
		v, ok := casefile.ParseAmount(tok)
		if !ok {
			continue
		}
		out = append(out, amountSpan{
			Value: v, Start: start, End: end, Text: strings.TrimSpace(tok),
			Paren: open && closing, Unit: unit,
		})
	}
	return out
}

// asciiSpaces maps Unicode spaces to ASCII spaces without folding runs, so
// that column gaps survive.
func asciiSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\u00a0' || r == '\u2009' || r == '\u202f' || r == '\u2007' || r == '\u2002' || r == '\u2003' {
			return ' '
		}
		return r
	}, s)
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func lastRune(s string) rune {
	r := []rune(s)
	if len(r) == 0 {
		return 0
	}
	return r[len(r)-1]
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}
