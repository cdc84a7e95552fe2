package layout

import (
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

// Amounts returns the numbers in s, left to right. Dates, times, item and
// ordinal numbers, percentages, ranges and numbers glued to letters are
// left out.
func Amounts(s string) []Amount { return amountMemo.get(s, amounts) }

var amountMemo = &memo[[]Amount]{}

// amountUnits may follow a number, tried in this order; each ends at a
// word boundary.
var amountUnits = []string{"tusen kronor", "miljoner kronor", "kronor", "ksek", "msek", "mnkr", "tkr", "mkr", "kkr", "sek", "kr"}

// amounts reads each printed number with what belongs to it: an opening
// parenthesis, a sign, "kr"/"SEK" before it; ":-", a unit ("kr", "tkr",
// "MSEK", "tusen kronor") and a closing parenthesis after it.
func amounts(s string) []Amount {
	if !strings.ContainsAny(s, "0123456789") {
		return nil
	}
	dates := Dates(s)
	var out []Amount
	for pos := 0; pos < len(s); {
		d := pos
		for d < len(s) && !isDigit(s[d]) {
			d++
		}
		if d == len(s) {
			break
		}
		numStart, numEnd := d, scanNumber(s, d)
		// Before the number, innermost first: "kr "/"SEK ", a sign, "(".
		start := numStart
		prefixAt, signAt, open := unitBefore(s, pos, start), -1, false
		if prefixAt >= 0 {
			start = prefixAt
		}
		if j := spaceBefore(s, pos, start); j > pos {
			if r, size := utf8.DecodeLastRuneInString(s[:j]); strings.ContainsRune("-−–+", r) && j-size >= pos {
				start, signAt = j-size, j-size
			}
		}
		if j := skipSpacesBack(s, pos, start); j > pos && s[j-1] == '(' {
			start, open = j-1, true
		}
		prefix, sign := prefixAt >= 0, signAt >= 0
		// After it: ":-", a unit, ")".
		end := numEnd
		suffix, unit, closing := false, false, false
		if j := skipOneSpace(s, end); strings.HasPrefix(s[j:], ":-") || strings.HasPrefix(s[j:], ",-") || strings.HasPrefix(s[j:], ".-") {
			end, suffix = j+2, true
		}
		if j := unitAfter(s, end); j > end {
			end, unit = j, true
		}
		closeAt := end
		if j := skipSpaces(s, end); j < len(s) && s[j] == ')' {
			end, closing = j+1, true
		}
		pos = end
		if inDate(dates, numStart, numEnd) || glued(s, start, numStart, numEnd, unit || suffix) {
			continue
		}
		if open != closing {
			// An unbalanced parenthesis belongs to the text around.
			if open {
				start = numStart
				if sign {
					start = signAt
				} else if prefix {
					start = prefixAt
				}
			} else {
				end = closeAt
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

// scanNumber returns the end of the number that starts at s[i]: digits in
// groups of three after a space, dot or comma with up to two decimals
// ("4 456 213,12"), or a run of digits with up to three decimals.
func scanNumber(s string, i int) int {
	run := digitsAt(s, i)
	for k := min(run, 3); k >= 1; k-- {
		j, groups := i+k, 0
		for j+3 < len(s) && (s[j] == ' ' || s[j] == '.' || s[j] == ',') && digitsAt(s, j+1) >= 3 {
			j += 4
			groups++
		}
		if groups > 0 {
			if j < len(s) && (s[j] == '.' || s[j] == ',') && digitsAt(s, j+1) >= 1 {
				j += 1 + min(digitsAt(s, j+1), 2)
			}
			return j
		}
	}
	j := i + run
	if j < len(s) && (s[j] == '.' || s[j] == ',') && digitsAt(s, j+1) >= 1 {
		j += 1 + min(digitsAt(s, j+1), 3)
	}
	return j
}

// digitsAt counts the digits from s[i].
func digitsAt(s string, i int) int {
	n := 0
	for i+n < len(s) && isDigit(s[i+n]) {
		n++
	}
	return n
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' }

// spaceBefore steps back over at most one space before s[i], not before
// lo.
func spaceBefore(s string, lo, i int) int {
	if i > lo && isSpace(s[i-1]) {
		return i - 1
	}
	return i
}

func skipOneSpace(s string, i int) int {
	if i < len(s) && isSpace(s[i]) {
		return i + 1
	}
	return i
}

func skipSpacesBack(s string, lo, i int) int {
	for i > lo && isSpace(s[i-1]) {
		i--
	}
	return i
}

func skipSpaces(s string, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}

// unitBefore returns where "kr" or "SEK" (with an optional dot and space)
// starts just before s[i], or -1.
func unitBefore(s string, lo, i int) int {
	j := spaceBefore(s, lo, i)
	if j > lo && s[j-1] == '.' {
		j--
	}
	switch {
	case j-3 >= lo && strings.EqualFold(s[j-3:j], "sek"):
		return j - 3
	case j-2 >= lo && strings.EqualFold(s[j-2:j], "kr"):
		return j - 2
	}
	return -1
}

// unitAfter returns where a unit after s[i] (with one optional space)
// ends, or i.
func unitAfter(s string, i int) int {
	j := skipOneSpace(s, i)
	for _, u := range amountUnits {
		if len(s)-j < len(u) || !strings.EqualFold(s[j:j+len(u)], u) {
			continue
		}
		e := j + len(u)
		if e < len(s) && wordByte(s[e]) {
			continue
		}
		if u == "kr" && e < len(s) && s[e] == '.' {
			e++
		}
		return e
	}
	return i
}

func wordByte(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_'
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
