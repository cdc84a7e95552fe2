package review

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Formatting for the public pages, in Swedish and in English.

var (
	monthsSv = [...]string{"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"}
	monthsEn = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
)

// dayText writes a date as "6 december 2026" (sv) or "6 December 2026" (en).
// It takes a time.Time, a *time.Time or a "YYYY-MM-DD" string.
func dayText(lang string, v any) string {
	var t time.Time
	switch x := v.(type) {
	case time.Time:
		t = x.Local()
	case *time.Time:
		if x == nil {
			return "–"
		}
		t = x.Local()
	case string:
		var err error
		if t, err = time.Parse(time.DateOnly, x); err != nil {
			return x
		}
	default:
		return ""
	}
	if t.IsZero() {
		return "–"
	}
	months := monthsSv
	if lang == "en" {
		months = monthsEn
	}
	return fmt.Sprintf("%d %s %d", t.Day(), months[t.Month()-1], t.Year())
}

// decimal writes v with three decimals and the language's decimal sign.
func decimal(lang string, v float64) string {
	s := strconv.FormatFloat(v, 'f', 3, 64)
	if lang == "sv" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// percentText writes a share: "12 %" in Swedish, "12%" in English.
func percentText(lang string, n int) string {
	if lang == "en" {
		return strconv.Itoa(n) + "%"
	}
	return strconv.Itoa(n) + "\u00a0%"
}

// durationIn writes a duration in words, in minutes, hours or days, with
// the language's decimal sign; "–" when there is none.
func durationIn(lang string, d time.Duration) string {
	minute, minutes, hours, days := "minut", "minuter", "timmar", "dagar"
	if lang == "en" {
		minute, minutes, hours, days = "minute", "minutes", "hours", "days"
	}
	one := func(v float64) string {
		s := strconv.FormatFloat(v, 'f', 1, 64)
		if lang == "sv" {
			s = strings.Replace(s, ".", ",", 1)
		}
		return s
	}
	switch {
	case d <= 0:
		return "–"
	case d < time.Hour:
		switch n := int(d.Minutes() + 0.5); n {
		case 0:
			return map[bool]string{true: "under 1 minute", false: "under 1 minut"}[lang == "en"]
		case 1:
			return "1 " + minute
		default:
			return fmt.Sprintf("%d %s", n, minutes)
		}
	case d < 48*time.Hour:
		return one(d.Hours()) + " " + hours
	}
	return one(d.Hours()/24) + " " + days
}

// periodText writes a retention period as days, months or years: "2 år",
// "90 dagar"; empty for 0 (kept).
func periodText(lang string, d time.Duration) string {
	days := int(d.Hours()/24 + 0.5)
	if d <= 0 {
		return ""
	}
	unit := func(n int, sv1, svN, en1, enN string) string {
		w := svN
		switch {
		case lang == "en" && n == 1:
			w = en1
		case lang == "en":
			w = enN
		case n == 1:
			w = sv1
		}
		return fmt.Sprintf("%d %s", n, w)
	}
	switch {
	case days >= 365 && days%365 == 0:
		return unit(days/365, "år", "år", "year", "years")
	case days >= 30 && days%30 == 0:
		return unit(days/30, "månad", "månader", "month", "months")
	case days >= 1:
		return unit(days, "dag", "dagar", "day", "days")
	}
	return unit(int(d.Hours()+0.5), "timme", "timmar", "hour", "hours")
}

// locationLabelEn says in English where a backend runs.
func locationLabelEn(loc string) string {
	switch loc {
	case "internal":
		return "inside the municipality's network"
	case "eu":
		return "at a provider within the EU"
	case "external":
		return "at an external provider"
	}
	return loc
}
