package pdftext

import (
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

// toUnicode is a parsed ToUnicode CMap. Unlike ledongthuc/pdf's, lookups
// are by map rather than by scanning every entry, and ranges whose last
// byte overflows are handled.
type toUnicode struct {
	chars  map[int]string
	ranges []cmapRange
}

type cmapRange struct {
	lo, hi int
	base   string   // UTF-16BE of lo, incremented along the range
	list   []string // or one entry per code
}

// readToUnicode parses a ToUnicode stream; it returns nil when the stream
// holds no mappings.
func readToUnicode(v pdf.Value) *toUnicode {
	m := &toUnicode{chars: make(map[int]string)}
	n := 0
	pdf.Interpret(v, func(stk *pdf.Stack, op string) {
		switch op {
		case "beginbfchar", "beginbfrange", "begincodespacerange":
			n = int(stk.Pop().Int64())
		case "endbfchar":
			for i := 0; i < n && stk.Len() >= 2; i++ {
				dst, src := stk.Pop(), stk.Pop()
				m.chars[codeOf(src.RawString())] = utf16Text(dst.RawString())
			}
			n = 0
		case "endbfrange":
			for i := 0; i < n && stk.Len() >= 3; i++ {
				dst, hi, lo := stk.Pop(), stk.Pop(), stk.Pop()
				r := cmapRange{lo: codeOf(lo.RawString()), hi: codeOf(hi.RawString())}
				if r.hi < r.lo || r.hi-r.lo > 1<<16 {
					continue
				}
				switch dst.Kind() {
				case pdf.String:
					r.base = dst.RawString()
				case pdf.Array:
					for j := 0; j < dst.Len(); j++ {
						r.list = append(r.list, utf16Text(dst.Index(j).RawString()))
					}
				default:
					continue
				}
				m.ranges = append(m.ranges, r)
			}
			n = 0
		case "endcodespacerange":
			for i := 0; i < 2*n && stk.Len() > 0; i++ {
				stk.Pop()
			}
			n = 0
		case "findresource":
			stk.Pop()
			stk.Pop()
		case "defineresource":
			stk.Pop()
			stk.Pop()
			stk.Pop()
		}
	})
	if len(m.chars) == 0 && len(m.ranges) == 0 {
		return nil
	}
	return m
}

// lookup returns the text of code and whether the CMap maps it.
func (m *toUnicode) lookup(code int) (string, bool) {
	if s, ok := m.chars[code]; ok {
		return s, true
	}
	for i := len(m.ranges) - 1; i >= 0; i-- {
		r := &m.ranges[i]
		if code < r.lo || code > r.hi {
			continue
		}
		off := code - r.lo
		if r.list != nil {
			if off < len(r.list) {
				return r.list[off], true
			}
			return "", false
		}
		b := []byte(r.base)
		if len(b) < 2 {
			return "", false
		}
		// Add off to the last UTF-16 unit, carrying into the one before.
		u := int(b[len(b)-2])<<8 | int(b[len(b)-1]) + off
		b[len(b)-2], b[len(b)-1] = byte(u>>8), byte(u)
		if u > 0xFFFF && len(b) >= 4 {
			b[len(b)-3]++
		}
		return utf16Text(string(b)), true
	}
	return "", false
}

// codeOf reads a big-endian code of one to four bytes.
func codeOf(s string) int {
	c := 0
	for i := 0; i < len(s) && i < 4; i++ {
		c = c<<8 | int(s[i])
	}
	return c
}

// utf16Text decodes UTF-16BE; an odd single byte is taken as a code point.
func utf16Text(s string) string {
	if len(s) == 1 {
		return string(rune(s[0]))
	}
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return string(utf16.Decode(u))
}
