package layout

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"arsflow/extract/casefile"
)

// months maps Swedish and English month names and abbreviations to numbers.
var months = map[string]int{
	"januari": 1, "jan": 1, "january": 1,
	"februari": 2, "feb": 2, "february": 2,
	"mars": 3, "mar": 3, "march": 3,
	"april": 4, "apr": 4,
	"maj": 5, "may": 5,
	"juni": 6, "jun": 6, "june": 6,
	"juli": 7, "jul": 7, "july": 7,
	"augusti": 8, "aug": 8, "august": 8,
	"september": 9, "sep": 9, "sept": 9,
	"oktober": 10, "okt": 10, "oct": 10, "october": 10,
	"november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

func isMonth(s string) bool { return months[strings.ToLower(strings.Trim(s, ".,"))] > 0 }

// monthNames are tried in this order where a month's name is read: whole
// names before their abbreviations.
var monthNames = strings.Split("januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|january|february|march|june|july|august|october|jan|feb|mar|apr|may|jun|jul|aug|sept|sep|okt|oct|nov|dec", "|")

// Date is a date found in text.
type Date struct {
	ISO        string
	Start, End int
}

// Year returns the date's year.
func (d Date) Year() int { y, _ := strconv.Atoi(d.ISO[:4]); return y }

// Dates returns the valid dates in s, left to right.
func Dates(s string) []Date { return dateMemo.get(s, dates) }

var dateMemo = &memo[[]Date]{}

func dates(s string) []Date {
	if !hasYear(s) {
		return nil
	}
	var out []Date
	for p := 0; p < len(s); p++ {
		if !wordByte(s[p]) || p > 0 && wordByte(s[p-1]) {
			continue
		}
		y, mo, d, e := readDate(s, p)
		if e < 0 {
			continue
		}
		if iso, ok := casefile.ISODate(y, mo, d); ok {
			out = append(out, Date{ISO: iso, Start: p, End: e})
		}
		p = e - 1
	}
	return out
}

// readDate reads a date that starts at s[p], in the first of these forms
// that fits: "2025-03-14" (also with dots, slashes, dashes and spaces),
// "20250314", "14/3 2025" or "14.3.2025", "14 mars 2025" ("14:e", "14th of
// March, 2025"), "March 14th, 2025". It returns the end, or -1.
func readDate(s string, p int) (y, mo, d, e int) {
	// Year first.
	if n := digitsAt(s, p); n == 4 && century(s, p) {
		if i, ok := dateSep(s, p+4); ok {
			if m, i, ok := smallNumber(s, i, '1'); ok {
				if i, ok := dateSep(s, i); ok {
					if day, i, ok := smallNumber(s, i, '3'); ok && boundary(s, i) {
						return atoi(s[p : p+4]), m, day, i
					}
				}
			}
		}
	} else if n == 8 && century(s, p) && s[p+4] <= '1' && s[p+6] <= '3' && boundary(s, p+8) {
		return atoi(s[p : p+4]), atoi(s[p+4 : p+6]), atoi(s[p+6 : p+8]), p + 8
	}
	// Day first.
	if day, i, ok := smallNumber(s, p, '3'); ok {
		if i < len(s) && (s[i] == '/' || s[i] == '.') {
			if m, j, ok := smallNumber(s, i+1, '1'); ok {
				if y, e := yearAfterSep(s, j); e > 0 {
					return y, m, day, e
				}
			}
		}
		i = ordinal(s, i, true)
		if i < len(s) && s[i] == '.' {
			i++
		}
		if j := skipSpaces(s, i); j > i {
			j = skipOf(s, j)
			for _, name := range monthNames {
				if hasFold(s, j, name) {
					if y, e := yearAfterMonth(s, j+len(name)); e > 0 {
						return y, months[name], day, e
					}
				}
			}
		}
		return 0, 0, 0, -1
	}
	// Month first.
	for _, name := range monthNames {
		if !hasFold(s, p, name) {
			continue
		}
		i := p + len(name)
		if i < len(s) && s[i] == '.' {
			i++
		}
		j := skipSpaces(s, i)
		if j == i {
			continue
		}
		if day, k, ok := smallNumber(s, j, '3'); ok {
			k = ordinal(s, k, false)
			if k < len(s) && s[k] == ',' {
				k++
			}
			if y, e := yearAt(s, k, true); e > 0 {
				return y, months[name], day, e
			}
		}
	}
	return 0, 0, 0, -1
}

// century reports whether the digits at s[p] start with 19 or 20.
func century(s string, p int) bool {
	return s[p] == '1' && s[p+1] == '9' || s[p] == '2' && s[p+1] == '0'
}

// boundary reports whether a word ends before s[i].
func boundary(s string, i int) bool { return i >= len(s) || !wordByte(s[i]) }

// smallNumber reads one digit, or two when the first is at most max,
// standing alone as a run of digits.
func smallNumber(s string, i int, max byte) (int, int, bool) {
	switch n := digitsAt(s, i); {
	case n == 1:
		return int(s[i] - '0'), i + 1, true
	case n == 2 && s[i] <= max:
		return atoi(s[i : i+2]), i + 2, true
	}
	return 0, i, false
}

// dateSep steps over a separator between a date's numbers: '-', '.', '/'
// or '–', with a space on either side.
func dateSep(s string, i int) (int, bool) {
	i = skipOneSpace(s, i)
	switch {
	case i < len(s) && (s[i] == '-' || s[i] == '.' || s[i] == '/'):
		i++
	case strings.HasPrefix(s[i:], "–"):
		i += len("–")
	default:
		return i, false
	}
	return skipOneSpace(s, i), true
}

// yearAfterSep reads the year after a day and month: after '/' or '.', a
// dash with a space on either side, or a space.
func yearAfterSep(s string, i int) (int, int) {
	if i < len(s) && (s[i] == '/' || s[i] == '.') {
		if y, e := yearAt(s, i+1, false); e > 0 {
			return y, e
		}
	}
	j := skipOneSpace(s, i)
	if strings.HasPrefix(s[j:], "-") || strings.HasPrefix(s[j:], "–") {
		_, size := utf8.DecodeRuneInString(s[j:])
		if y, e := yearAt(s, skipOneSpace(s, j+size), false); e > 0 {
			return y, e
		}
	}
	if j > i {
		return yearAt(s, j, false)
	}
	return 0, -1
}

// yearAfterMonth reads ".", ",", spaces and the year after a month's name.
func yearAfterMonth(s string, i int) (int, int) {
	if i < len(s) && s[i] == '.' {
		i++
	}
	if i < len(s) && s[i] == ',' {
		i++
	}
	return yearAt(s, i, true)
}

// yearAt reads a year standing alone at s[i], after spaces when spaced.
func yearAt(s string, i int, spaced bool) (int, int) {
	if spaced {
		j := skipSpaces(s, i)
		if j == i {
			return 0, -1
		}
		i = j
	}
	if digitsAt(s, i) == 4 && century(s, i) && boundary(s, i+4) {
		return atoi(s[i : i+4]), i + 4
	}
	return 0, -1
}

// ordinal steps over an ordinal's ending after a day: "st", "nd", "rd",
// "th", and in Swedish also ":e", "e" and ":a".
func ordinal(s string, i int, swedish bool) int {
	ends := []string{"st", "nd", "rd", "th"}
	if swedish {
		ends = []string{":e", "e", ":a", "st", "nd", "rd", "th"}
	}
	for _, o := range ends {
		if hasFold(s, i, o) {
			return i + len(o)
		}
	}
	return i
}

// skipOf steps over "of " in "14th of March".
func skipOf(s string, i int) int {
	if hasFold(s, i, "of") {
		if j := skipSpaces(s, i+2); j > i+2 {
			return j
		}
	}
	return i
}

// hasFold reports whether s holds word at i, in any case.
func hasFold(s string, i int, word string) bool {
	return len(s)-i >= len(word) && strings.EqualFold(s[i:i+len(word)], word)
}

// DayMonth is a day and month printed without a year.
type DayMonth struct {
	Month, Day int
	Start, End int
}

// DayMonths returns the days and months without a year in s that are not
// part of a full date.
func DayMonths(s string) []DayMonth {
	if !strings.ContainsAny(s, "0123456789") || !strings.Contains(s, "/") && !HasMonth(s) {
		return nil
	}
	full := Dates(s)
	var out []DayMonth
	for p := 0; p < len(s); p++ {
		if !isDigit(s[p]) || p > 0 && wordByte(s[p-1]) {
			continue
		}
		mo, d, e := readDayMonth(s, p)
		if e < 0 {
			continue
		}
		inside := false
		for _, f := range full {
			if p < f.End && e > f.Start {
				inside = true
			}
		}
		if _, ok := casefile.ISODate(2000, mo, d); ok && !inside {
			out = append(out, DayMonth{Month: mo, Day: d, Start: p, End: e})
		}
		p = e - 1
	}
	return out
}

// readDayMonth reads a day and a month at s[p]: "19 mars", "1st of May",
// "21/3". It returns the end, or -1.
func readDayMonth(s string, p int) (mo, d, e int) {
	d, i, ok := smallNumber(s, p, '3')
	if !ok {
		return 0, 0, -1
	}
	j := ordinal(s, i, true)
	if j < len(s) && s[j] == '.' {
		j++
	}
	j = skipOf(s, skipSpaces(s, j))
	for _, name := range monthNames {
		if hasFold(s, j, name) && boundary(s, j+len(name)) {
			return months[name], d, j + len(name)
		}
	}
	if i < len(s) && s[i] == '/' {
		if m, k, ok := smallNumber(s, i+1, '1'); ok && boundary(s, k) {
			return m, d, k
		}
	}
	return 0, 0, -1
}

// ParseDate reads one date the way it is printed ("2025-03-14", "14/3
// 2025", "den 14 mars 2025", "14:e mars 2025", "May 23 2023") and returns
// it as an ISO date.
func ParseDate(s string) (string, bool) {
	s = strings.TrimSpace(strings.Join(strings.Fields(s), " "))
	low := strings.ToLower(s)
	for _, p := range []string{"den ", "d. ", "datum: ", "datum "} {
		low = strings.TrimPrefix(low, p)
	}
	low = strings.TrimSuffix(strings.TrimSpace(low), ".")
	ds := Dates(low)
	if len(ds) != 1 || ds[0].Start != 0 || ds[0].End != len(low) {
		return "", false
	}
	return ds[0].ISO, true
}

// atoi returns the integer s spells, or -1. It is called on words that are
// mostly not numbers, so those are turned away before strconv, whose error
// for them costs an allocation.
func atoi(s string) int {
	digits := strings.TrimLeft(s, "+-")
	if digits == "" || len(s)-len(digits) > 1 {
		return -1
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return -1
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

// hasYear reports whether s holds four digits starting 19 or 20: every
// full date does.
func hasYear(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			run = 0
			continue
		}
		run++
		if run >= 4 && (s[i-3] == '1' && s[i-2] == '9' || s[i-3] == '2' && s[i-2] == '0') {
			return true
		}
	}
	return false
}

// monthStems are the first three letters of the months' names.
var monthStems = []string{"jan", "feb", "mar", "apr", "maj", "may", "jun", "jul", "aug", "sep", "okt", "oct", "nov", "dec"}

// HasMonth reports whether s may name a month.
func HasMonth(s string) bool {
	low := strings.ToLower(s)
	for _, m := range monthStems {
		if strings.Contains(low, m) {
			return true
		}
	}
	return false
}

// Years counts the four-digit years (1900–2099) in s.
func Years(s string) int {
	n, run := 0, 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			run++
			continue
		}
		if run == 4 {
			n++
		}
		run = 0
	}
	if run == 4 {
		n++
	}
	return n
}
