package lexicon

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// fold returns what a lower-case letter is compared as, or "" when it is
// compared as itself: diacritics dropped, so that "Räkenskapsår",
// "RAKENSKAPSAR" (OCR) and "räkenskapsår" are one word, and ligatures
// spelled out.
func fold(r rune) string {
	switch r {
	case 'å', 'ä', 'à', 'á', 'â', 'ã', 'æ':
		return "a"
	case 'ö', 'ø', 'ó', 'ò', 'ô', 'õ':
		return "o"
	case 'é', 'è', 'ê', 'ë':
		return "e"
	case 'ü', 'ú', 'ù', 'û':
		return "u"
	case 'í', 'ì', 'ï', 'î':
		return "i"
	case 'ç':
		return "c"
	case 'ñ':
		return "n"
	case 'ß':
		return "ss"
	case 'ﬁ':
		return "fi"
	case 'ﬂ':
		return "fl"
	case 'ﬀ':
		return "ff"
	case 'ﬃ':
		return "ffi"
	case 'ﬄ':
		return "ffl"
	}
	return ""
}

// Fold returns a word as it is compared: lower case, diacritics and
// ligatures folded. Fold("Fastställdes") is "faststalldes".
func Fold(s string) string {
	plain := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || c >= 'A' && c <= 'Z' {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < 0x80 {
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			continue
		}
		r = unicode.ToLower(r)
		if f := fold(r); f != "" {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Token is a word of a text, folded, with its byte span in the text.
type Token struct {
	Norm       string
	Start, End int
}

// wordRune reports whether r belongs to a word: letters, digits and the
// ampersand of names like "Friskis&Svettis".
func wordRune(r rune) bool {
	if r < 0x80 {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '&'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// Tokens splits text into its words. A word broken over a line ("revisors-
// suppleanten") stays two tokens; a hyphen inside a word ("över-/underskott",
// "Lindström-sällskapet") separates tokens too, so labels match both
// spellings. The same text is split once: the slice returned is shared and
// must not be changed.
func Tokens(text string) []Token {
	tokenMemo.Lock()
	toks, ok := tokenMemo.m[text]
	tokenMemo.Unlock()
	if ok {
		return toks
	}
	toks = tokens(text)
	tokenMemo.Lock()
	if tokenMemo.m == nil || len(tokenMemo.m) > 50000 {
		tokenMemo.m = map[string][]Token{}
	}
	tokenMemo.m[text] = toks
	tokenMemo.Unlock()
	return toks
}

var tokenMemo struct {
	sync.Mutex
	m map[string][]Token
}

func tokens(text string) []Token {
	var out []Token
	start := -1
	for i, r := range text {
		if wordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, Token{Norm: Fold(text[start:i]), Start: start, End: i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, Token{Norm: Fold(text[start:]), Start: start, End: len(text)})
	}
	return out
}

// within1 reports whether a and b differ by at most one inserted, deleted
// or replaced letter.
func within1(a, b string) bool {
	if a == b {
		return true
	}
	la, lb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	if la < lb {
		a, b, la, lb = b, a, lb, la
	}
	if la-lb > 1 {
		return false
	}
	ra, rb := []rune(a), []rune(b)
	i := 0
	for i < lb && ra[i] == rb[i] {
		i++
	}
	if la == lb {
		return string(ra[i+1:]) == string(rb[i+1:])
	}
	return string(ra[i+1:]) == string(rb[i:])
}

// Near reports whether two folded words are the same word, allowing one
// wrong, missing or extra letter in words of six letters or more (what OCR
// does to a word).
func Near(a, b string) bool {
	if a == b {
		return true
	}
	if utf8.RuneCountInString(a) < 6 || utf8.RuneCountInString(b) < 6 {
		return false
	}
	return within1(a, b)
}
