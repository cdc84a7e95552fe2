package summarize

import (
	"math"
	"strconv"
	"strings"

	"arsflow/extract/casefile"
)

// FormatKronor formats an amount in kronor with casefile.FormatNumber, e.g.
// "1 234 567 kr".
func FormatKronor(n float64) string { return casefile.FormatNumber(n) + " kr" }

// FormatCount formats a count, e.g. "2 942".
func FormatCount(n float64) string { return casefile.FormatNumber(math.Round(n)) }

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
