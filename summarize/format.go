package summarize

import (
	"math"

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
		return casefile.ParseAmount(x)
	}
	return 0, false
}
