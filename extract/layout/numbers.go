package layout

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"arsflow/extract/casefile"
)

// Amount is a number printed in text, read with casefile.ParseAmount.
type Amount struct {
	Value      float64
	Start, End int
	Text       string
	Paren      bool // printed in parentheses
	// Currency is set when kronor were printed with it ("kr", "SEK", ":-").
	Currency bool
	// Scaled is set when a unit in thousands or millions was printed with
	// it ("tkr", "Mkr"); Value is then in kronor.
	Scaled bool
	// Year is set for a bare year (1900–2099) printed alone.
	Year bool
}

// Whole reports whether the amount is a whole number without a unit, as a
// count is printed.
func (a Amount) Whole() bool {
	return a.Value == float64(int64(a.Value)) && !a.Currency && !a.Scaled && !a.Paren && a.Value >= 0
}

var amountRe = regexp.MustCompile(
	`(?i)(\(\s*)?([-−–+]\s?)?((?:sek|kr)\.?\s?)?` +
		`(\d{1,3}(?:[ .,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,3})?)` +
		`(\s?(?::-|,-|\.-|:-/))?` +
		`(\s?(?:(?:tusen kronor|miljoner kronor|kronor|ksek|msek|mnkr|tkr|mkr|kkr|sek)\b|kr\b\.?))?` +
		`(\s*\))?`)

// Amounts returns the numbers in s, left to right. Dates, times, item and
// ordinal numbers, percentages, ranges and numbers glued to letters are
// left out.
func Amounts(s string) []Amount { return amountMemo.get(s, amounts) }

var amountMemo = &memo[[]Amount]{}

func amounts(s string) []Amount {
	if !strings.ContainsAny(s, "0123456789") {
		return nil
	}
	dates := Dates(s)
	var out []Amount
	for _, m := range amountRe.FindAllStringSubmatchIndex(s, -1) {
		start, end := m[0], m[1]
		open, sign, prefix := m[2] >= 0, m[4] >= 0, m[6] >= 0
		numStart, numEnd := m[8], m[9]
		suffix, unit, closing := m[10] >= 0, m[12] >= 0, m[14] >= 0
		if inDate(dates, numStart, numEnd) || glued(s, start, numStart, numEnd, unit || suffix) {
			continue
		}
		if open != closing {
			// An unbalanced parenthesis belongs to the text around.
			if open {
				start = numStart
				if sign {
					start = m[4]
				}
				if prefix {
					start = min(start, m[6])
				}
			} else {
				end = m[14]
			}
		}
		tok := s[start:end]
		v, ok := casefile.ParseAmount(tok)
		if !ok {
			continue
		}
		num := s[numStart:numEnd]
		low := strings.ToLower(tok)
		a := Amount{Value: v, Start: start, End: end, Text: strings.TrimSpace(tok), Paren: open && closing,
			Currency: prefix || suffix || unit && !scaledUnit(low), Scaled: unit && scaledUnit(low)}
		a.Year = !sign && !a.Paren && !a.Currency && !a.Scaled && len(num) == 4 && (num[:2] == "19" || num[:2] == "20")
		out = append(out, a)
	}
	return out
}

func scaledUnit(low string) bool {
	for _, u := range []string{"tkr", "ksek", "msek", "mkr", "mnkr", "kkr", "tusen", "miljoner"} {
		if strings.Contains(low, u) {
			return true
		}
	}
	return false
}

func inDate(ds []Date, s, e int) bool {
	for _, d := range ds {
		if s < d.End && e > d.Start {
			return true
		}
	}
	return false
}

// glued reports whether the number at [numStart, numEnd) is part of
// something else: a word ("K2", "bilaga4"), an item or paragraph number
// ("§ 12"), a time ("kl 17.15", "10:00"), an ordinal ("3:e", "40:e"), a
// fraction, range or code ("21/3", "7-25", "802431-0305") or a percentage.
func glued(s string, start, numStart, numEnd int, unit bool) bool {
	before := strings.TrimRight(s[:start], " ")
	if r, _ := utf8.DecodeLastRuneInString(s[:start]); unicode.IsLetter(r) || unicode.IsDigit(r) || r == '/' || r == '.' || r == ':' || r == '-' || r == '§' || r == '–' {
		return true
	}
	if strings.HasSuffix(before, "§") || strings.HasSuffix(strings.ToLower(before), "kl") || strings.HasSuffix(strings.ToLower(before), "kl.") {
		return true
	}
	rest := s[numEnd:]
	r, _ := utf8.DecodeRuneInString(rest)
	if !unit {
		switch {
		case unicode.IsLetter(r) && !strings.HasPrefix(strings.ToLower(rest), "st"):
			return true // "2024a"
		case r == '/' || r == '%' || r == ':' && len(rest) > 1 && (rest[1] == 'e' || rest[1] == 'a' || isDigit(rest[1])):
			return true
		case r == '-' || r == '–' || r == '—' || r == '.':
			if _, size := utf8.DecodeRuneInString(rest); len(rest) > size && isDigit(rest[size]) {
				return true
			}
		}
		after := strings.ToLower(strings.TrimLeft(rest, " "))
		if strings.HasPrefix(after, "%") || strings.HasPrefix(after, "procent") || strings.HasPrefix(after, "percent") {
			return true
		}
	}
	return false
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// memo remembers what a function of a line's text gave: the same text is
// read many times over (as a line, a cell, a sentence). It forgets
// everything when it grows large.
type memo[T any] struct {
	mu sync.Mutex
	m  map[string]T
}

func (c *memo[T]) get(s string, f func(string) T) T {
	c.mu.Lock()
	v, ok := c.m[s]
	c.mu.Unlock()
	if ok {
		return v
	}
	v = f(s)
	c.mu.Lock()
	if c.m == nil || len(c.m) > 50000 {
		c.m = map[string]T{}
	}
	c.m[s] = v
	c.mu.Unlock()
	return v
}
