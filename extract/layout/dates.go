package layout

import (
	"regexp"
	"strconv"
	"strings"

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

const monthAlt = `januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|january|february|march|june|july|august|october|jan|feb|mar|apr|may|jun|jul|aug|sept|sep|okt|oct|nov|dec`

// dateRe matches the printed date forms; the named groups say which. A day
// may carry a Swedish or English ordinal ("3:e", "22nd") and "of".
var dateRe = regexp.MustCompile(`(?i)` +
	`(?P<iso>\b(?P<iy>(?:19|20)\d{2})\s?[-./–]\s?(?P<im>[01]?\d)\s?[-./–]\s?(?P<id>[0-3]?\d)\b)` +
	`|(?P<compact>\b(?P<cy>(?:19|20)\d{2})(?P<cm>[01]\d)(?P<cd>[0-3]\d)\b)` +
	`|(?P<dmy>\b(?P<dd>[0-3]?\d)[/.](?P<dm>[01]?\d)(?:[/.]|\s?[-–]\s?|\s)(?P<dy>(?:19|20)\d{2})\b)` +
	`|(?P<named>\b(?P<nd>[0-3]?\d)(?::?e|:a|st|nd|rd|th)?\.?\s+(?:of\s+)?(?P<nm>` + monthAlt + `)\.?,?\s+(?P<ny>(?:19|20)\d{2})\b)` +
	`|(?P<mdy>\b(?P<mm>` + monthAlt + `)\.?\s+(?P<md>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<my>(?:19|20)\d{2})\b)`)

// dayMonthRe is a day and month without a year: "den 19 mars", "21/3",
// "1st of May".
var dayMonthRe = regexp.MustCompile(`(?i)\b(?P<d>[0-3]?\d)(?::?e|:a|st|nd|rd|th)?\.?\s*(?:of\s+)?(?P<m>` + monthAlt + `)\b|\b(?P<d2>[0-3]?\d)/(?P<m2>[01]?\d)\b`)

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
	names := dateRe.SubexpNames()
	for _, m := range dateRe.FindAllStringSubmatchIndex(s, -1) {
		g := func(name string) string {
			for i, n := range names {
				if n == name && m[2*i] >= 0 {
					return s[m[2*i]:m[2*i+1]]
				}
			}
			return ""
		}
		var y, mo, d int
		switch {
		case g("iso") != "":
			y, mo, d = atoi(g("iy")), atoi(g("im")), atoi(g("id"))
		case g("compact") != "":
			y, mo, d = atoi(g("cy")), atoi(g("cm")), atoi(g("cd"))
		case g("dmy") != "":
			y, mo, d = atoi(g("dy")), atoi(g("dm")), atoi(g("dd"))
		case g("named") != "":
			y, mo, d = atoi(g("ny")), months[strings.ToLower(g("nm"))], atoi(g("nd"))
		case g("mdy") != "":
			y, mo, d = atoi(g("my")), months[strings.ToLower(g("mm"))], atoi(g("md"))
		}
		if iso, ok := casefile.ISODate(y, mo, d); ok {
			out = append(out, Date{ISO: iso, Start: m[0], End: m[1]})
		}
	}
	return out
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
	for _, m := range dayMonthRe.FindAllStringSubmatchIndex(s, -1) {
		inside := false
		for _, f := range full {
			if m[0] < f.End && m[1] > f.Start {
				inside = true
			}
		}
		var mo, d int
		if m[4] >= 0 {
			mo, d = months[strings.ToLower(s[m[4]:m[5]])], atoi(s[m[2]:m[3]])
		} else {
			mo, d = atoi(s[m[8]:m[9]]), atoi(s[m[6]:m[7]])
		}
		if _, ok := casefile.ISODate(2000, mo, d); ok && !inside {
			out = append(out, DayMonth{Month: mo, Day: d, Start: m[0], End: m[1]})
		}
	}
	return out
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

func atoi(s string) int {
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
