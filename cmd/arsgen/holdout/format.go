package main

import (
	"fmt"
	"strings"
	"time"
)

// numFmt describes how one association prints amounts.
type numFmt struct {
	Sep      string // thousands separator: " ", "\u00a0", ".", ""
	Neg      string // "-", "\u2212" or "()"
	Prefix   string // "kr ", "SEK "
	Suffix   string // " kr", ":-"
	Decimals bool   // print ",00"
	Unit     int64  // 1, or 1000 for tkr
}

// amount formats v kronor in the association's style.
func (f numFmt) amount(v int64) string {
	unit := f.Unit
	if unit == 0 {
		unit = 1
	}
	neg := v < 0
	if neg {
		v = -v
	}
	s := group(v/unit, f.Sep)
	if f.Decimals {
		s += ",00"
	}
	s = f.Prefix + s + f.Suffix
	if !neg {
		return s
	}
	if f.Neg == "()" {
		return "(" + s + ")"
	}
	return f.Neg + s
}

// plain formats v kronor with the separator only, for running text.
func (f numFmt) plain(v int64) string {
	unit := f.Unit
	if unit == 0 {
		unit = 1
	}
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	return sign + group(v/unit, f.Sep)
}

// group writes n with sep between groups of three digits.
func group(n int64, sep string) string {
	s := fmt.Sprint(n)
	if sep == "" || len(s) <= 3 {
		return s
	}
	var b strings.Builder
	pre := len(s) % 3
	if pre > 0 {
		b.WriteString(s[:pre])
	}
	for i := pre; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

var months = []string{"januari", "februari", "mars", "april", "maj", "juni", "juli",
	"augusti", "september", "oktober", "november", "december"}

var weekdays = []string{"söndagen", "måndagen", "tisdagen", "onsdagen", "torsdagen", "fredagen", "lördagen"}

// longDate formats t as "12 mars 2026".
func longDate(t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), months[t.Month()-1], t.Year())
}

// iso formats t as 2026-03-12.
func iso(t time.Time) string { return t.Format("2006-01-02") }

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// kronor formats v in whole kronor with the case's separator, for prose
// that says "kronor" even where the statements are in tkr.
func (k *kase) kronor(v int64) string { return numFmt{Sep: k.Fmt.Sep}.plain(v) }
