package casefile

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// FormatNumber formats n the Swedish way: a space between thousands, a
// decimal comma and a true minus sign (U+2212), e.g. 1234567 as "1 234 567"
// and -12.5 as "−12,5". Whole numbers get no decimals; others get at most
// two (öre), without trailing zeros. ParseAmount reads the result back.
func FormatNumber(n float64) string {
	neg := n < 0
	n = math.Abs(n)
	whole := math.Floor(n)
	frac := n - whole
	cents := int64(math.Round(frac * 100))
	if cents == 100 {
		whole++
		cents = 0
	}
	digits := strconv.FormatFloat(whole, 'f', 0, 64)
	var b strings.Builder
	if neg && (whole > 0 || cents > 0) {
		b.WriteString("−") // U+2212, as typeset Swedish accounts print it
	}
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	if cents > 0 {
		c := strconv.FormatInt(cents, 10)
		if len(c) == 1 {
			c = "0" + c
		}
		b.WriteByte(',')
		b.WriteString(strings.TrimRight(c, "0"))
	}
	return b.String()
}

// Units an amount may carry before or after its digits, longest first, with
// what they multiply by. Counts may end with "st" (styck).
var (
	unitSuffixes = []struct {
		text string
		mult float64
	}{
		{"tusen kronor", 1e3}, {"miljoner kronor", 1e6}, {"miljoner", 1e6}, {"tusen", 1e3},
		{"kronor", 1}, {"mnkr", 1e6}, {"msek", 1e6}, {"mkr", 1e6}, {"ksek", 1e3}, {"tsek", 1e3},
		{"tkr", 1e3}, {"kkr", 1e3}, {"sek", 1}, {"kr.", 1}, {"kr", 1}, {"st", 1},
		{":-", 1}, {",-", 1}, {".-", 1},
	}
	unitPrefixes = []string{"msek", "sek", "kr.", "kr"}
)

// ParseAmount reads one amount the way it is printed, in Swedish or English
// notation: "4 456 213,12", "4,456,213.12", "4.456.213,12", "1.234", "−12 500"
// (U+2212), "-12 500", "(12 500)", "12 500:-", "12,5 tkr", "–28 tkr",
// "1,2 Mkr", "3 MSEK", "SEK 12 500", "350 kronor". Parentheses and minus
// signs make the amount negative; tkr, Mkr and their kin multiply it. The
// decimal separator is the one that comes last, once, followed by one or two
// digits (up to three after a unit in thousands or millions); a single
// separator followed by exactly three digits groups thousands. It reports
// false when s is not one amount.
func ParseAmount(s string) (float64, bool) {
	s = foldSpaces(s)
	if s == "" || len(s) > 64 {
		return 0, false
	}
	neg := false
	mult := 1.0
	for changed := true; changed; {
		changed = false
		s = strings.TrimSpace(s)
		if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") && len(s) > 1 {
			s, neg, changed = s[1:len(s)-1], !neg, true
			continue
		}
		low := strings.ToLower(s)
		for _, u := range unitSuffixes {
			if strings.HasSuffix(low, u.text) && len(s) > len(u.text) {
				s, changed = s[:len(s)-len(u.text)], true
				if u.mult != 1 {
					mult = u.mult
				}
				break
			}
		}
		if changed {
			continue
		}
		for _, p := range unitPrefixes {
			if strings.HasPrefix(low, p) && len(s) > len(p) && !unicode.IsLetter(rune(s[len(p)])) {
				s, changed = s[len(p):], true
				if p == "msek" {
					mult = 1e6
				}
				break
			}
		}
		if changed {
			continue
		}
		if r, size := firstRune(s); r == '-' || r == '−' || r == '–' || r == '—' || r == '+' {
			s, changed = s[size:], true
			if r != '+' {
				neg = !neg
			}
		}
	}
	v, ok := parseDigits(s, mult != 1)
	if !ok {
		return 0, false
	}
	v *= mult
	if neg && v != 0 {
		v = -v
	}
	return v, true
}

// parseDigits reads unsigned digits with thousands groups (space, dot or
// comma) and an optional decimal part; scaled allows three decimals.
func parseDigits(s string, scaled bool) (float64, bool) {
	if s == "" || !isDigit(s[0]) || !isDigit(s[len(s)-1]) {
		return 0, false
	}
	// Split into digit runs and the separators between them.
	var runs []string
	var seps []byte
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isDigit(c) {
			continue
		}
		if c != ' ' && c != '.' && c != ',' || i == start {
			return 0, false // two separators in a row, or another character
		}
		runs, seps = append(runs, s[start:i]), append(seps, c)
		start = i + 1
	}
	runs = append(runs, s[start:])
	// The decimal separator: the last dot or comma when it occurs once and
	// is followed by one or two digits, or by three where the other mark
	// groups thousands before it or a unit scales the amount.
	dec := -1
	if n := len(seps); n > 0 && seps[n-1] != ' ' {
		last, tail := seps[n-1], runs[n]
		count, other := 0, false
		for _, c := range seps {
			switch {
			case c == last:
				count++
			case c != ' ':
				other = true
			}
		}
		switch {
		case count > 1 && len(tail) < 3:
			// "117.152.14": grouped with the decimal mark as well.
			dec = n - 1
		case count > 1:
			// Repeated: it groups thousands.
		case len(tail) > 3:
			return 0, false
		case len(tail) < 3 || other || scaled || runs[0] == "0" && n == 1:
			dec = n - 1
		}
	}
	// Every group after the first, up to the decimal part, has three
	// digits, all separated by the same mark.
	end := len(seps)
	if dec >= 0 {
		end = dec
	}
	if end > 0 && len(runs[0]) > 3 {
		return 0, false
	}
	for i := 0; i < end; i++ {
		if seps[i] != seps[0] || len(runs[i+1]) != 3 {
			return 0, false
		}
	}
	var b strings.Builder
	for i, r := range runs {
		if dec >= 0 && i == dec+1 {
			b.WriteByte('.')
		}
		b.WriteString(r)
	}
	v, err := strconv.ParseFloat(b.String(), 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	return v, true
}

// foldSpaces maps every Unicode space (no-break, thin, narrow no-break,
// figure space, tab) to an ASCII space, folds runs of spaces to one and trims
// the ends.
func foldSpaces(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u2009' || r == '\u202f' || r == '\u2007' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// ISODate formats a calendar date as YYYY-MM-DD, or reports false when the
// date does not exist or lies outside 1900–2199.
func ISODate(y, m, d int) (string, bool) {
	if y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > 31 {
		return "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d), true
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// onlyDigits returns the ASCII digits of s.
func onlyDigits(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}
