package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// NumStyle says how amounts are printed.
type NumStyle struct {
	Sep    string // thousands separator: " ", ".", "\u00a0" or ""
	Neg    string // "minus" (U+2212), "hyphen" or "paren"
	Suffix string // "", " kr" or ":-"
	Tkr    bool   // amounts in thousands of kronor, one decimal where needed
}

// amount formats v kronor in style s.
func (s NumStyle) amount(v int) string {
	neg := v < 0
	if neg {
		v = -v
	}
	var body string
	if s.Tkr {
		whole, rest := v/1000, v%1000
		body = group(whole, s.Sep)
		if rest != 0 {
			body += "," + strconv.Itoa(rest/100)
		}
	} else {
		body = group(v, s.Sep)
	}
	body += s.Suffix
	if !neg {
		return body
	}
	switch s.Neg {
	case "paren":
		return "(" + body + ")"
	case "hyphen":
		return "-" + body
	default:
		return "\u2212" + body
	}
}

// plain formats a count or amount with the style's separator and no suffix.
func (s NumStyle) plain(v int) string { return group(v, s.Sep) }

// group writes v with sep between groups of three digits.
func group(v int, sep string) string {
	d := strconv.Itoa(v)
	if sep == "" || len(d) <= 3 {
		return d
	}
	var b strings.Builder
	pre := len(d) % 3
	if pre > 0 {
		b.WriteString(d[:pre])
	}
	for i := pre; i < len(d); i += 3 {
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(d[i : i+3])
	}
	return b.String()
}

var months = []string{"januari", "februari", "mars", "april", "maj", "juni", "juli",
	"augusti", "september", "oktober", "november", "december"}

// DateStyle says how dates are printed: "iso" 2025-12-31, "slash" 31/12 2025,
// "long" 31 december 2025.
type DateStyle string

func (s DateStyle) date(t time.Time) string {
	switch s {
	case "slash":
		return fmt.Sprintf("%d/%d %d", t.Day(), int(t.Month()), t.Year())
	case "long":
		return longDate(t)
	default:
		return t.Format("2006-01-02")
	}
}

// longDate prints "14 mars 2026".
func longDate(t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), months[t.Month()-1], t.Year())
}

// iso prints an ISO date.
func iso(t time.Time) string { return t.Format("2006-01-02") }

// day builds a date.
func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC) }

// luhn returns the Luhn check digit for the digits in s.
func luhn(s string) int {
	sum := 0
	for i, r := range s {
		n := int(r - '0')
		if i%2 == 0 {
			n *= 2
			if n > 9 {
				n -= 9
			}
		}
		sum += n
	}
	return (10 - sum%10) % 10
}
