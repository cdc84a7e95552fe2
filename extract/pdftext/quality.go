package pdftext

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Quality thresholds.
const (
	// goodQuality is the score from which a page's text is used as it is.
	goodQuality = 0.75
	// minChars is the number of letters and digits below which a page
	// counts as having no text layer.
	minChars = 3
)

// Score rates how much text looks like real text, from 0 (empty or
// garbled) to 1 (clean). It penalises replacement and control characters,
// private-use code points, a low share of letters and digits, and words of
// implausible length (glued words, or letters spaced apart).
func Score(text string) float64 {
	var total, alnum, bad, letters int
	for _, r := range text {
		if unicode.IsSpace(r) {
			continue
		}
		total++
		switch {
		case r == utf8.RuneError, r == '\uFFFD':
			bad++
		case unicode.IsControl(r), unicode.Is(unicode.Co, r), unicode.Is(unicode.Cs, r):
			bad++
		case unicode.IsLetter(r):
			alnum++
			letters++
		case unicode.IsDigit(r):
			alnum++
		}
	}
	if alnum < minChars {
		return 0
	}
	score := 1.0
	// Bad characters weigh heavily: 5% of them halves the score.
	score *= max(0, 1-10*float64(bad)/float64(total))
	// Real text is mostly letters and digits; tables of figures have
	// punctuation too, so only a low share counts against it.
	if ratio := float64(alnum) / float64(total); ratio < 0.6 {
		score *= ratio / 0.6
	}
	words := strings.Fields(text)
	if len(words) > 0 && letters > 0 {
		var long, single, sum int
		for _, w := range words {
			n := utf8.RuneCountInString(w)
			sum += n
			if n > 25 && !strings.ContainsAny(w, "/@.:") { // not URLs or paths
				long++
			}
			if n == 1 {
				single++
			}
		}
		mean := float64(sum) / float64(len(words))
		if mean > 12 {
			score *= 12 / mean
		}
		if f := float64(long) / float64(len(words)); f > 0.05 {
			score *= max(0, 1-2*f)
		}
		// Letters spaced apart ("å r s m ö t e"): most words one letter.
		if len(words) >= 10 {
			if f := float64(single) / float64(len(words)); f > 0.5 {
				score *= max(0, 1-(f-0.5)*2)
			}
		}
		// Lots of letters from unusual scripts mixed with Latin is a sign of
		// a wrong encoding.
		if odd := oddScriptShare(text); odd > 0.1 {
			score *= max(0, 1-odd)
		}
	}
	return score
}

// oddScriptShare is the share of letters outside the Latin, Greek and
// Cyrillic scripts when the text also holds Latin letters.
func oddScriptShare(text string) float64 {
	var latin, odd int
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		switch {
		case unicode.Is(unicode.Latin, r):
			latin++
		case unicode.Is(unicode.Greek, r), unicode.Is(unicode.Cyrillic, r):
		default:
			odd++
		}
	}
	if latin == 0 {
		return 0
	}
	return float64(odd) / float64(latin+odd)
}
