package summarize

import (
	"math"
	"strconv"
	"strings"
)

// FormatNumber formats n the Swedish way: a space between thousands and a
// decimal comma, e.g. 1234567 as "1 234 567" and -12.5 as "−12,5". Whole
// numbers get no decimals; others get at most two.
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

// FormatKronor formats an amount in kronor, e.g. "1 234 567 kr".
func FormatKronor(n float64) string { return FormatNumber(n) + " kr" }

// FormatCount formats a count, e.g. "2 942".
func FormatCount(n float64) string { return FormatNumber(math.Round(n)) }

// number returns a field value as a float64 when it is one (or a string
// holding one, as after a round trip through JSON text).
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case string:
		f, err := strconv.ParseFloat(normalizeNumber(x), 64)
		return f, err == nil
	}
	return 0, false
}

// normalizeNumber removes Swedish thousands separators and makes the decimal
// separator a point: "1 234,50" becomes "1234.50".
func normalizeNumber(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case ' ', '\u00a0', '\u202f', '\u2009':
		case ',':
			b.WriteByte('.')
		case '−', '–':
			b.WriteByte('-')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
