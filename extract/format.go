package extract

import (
	"math"
	"strconv"
	"strings"
)

// FormatNumber formats n the Swedish way: a space between thousands, a
// decimal comma and a true minus sign (U+2212), e.g. 1234567 as "1 234 567"
// and -12.5 as "−12,5". Whole numbers get no decimals; others get at most
// two (öre), without trailing zeros. ParseAmount reads the result back.
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
