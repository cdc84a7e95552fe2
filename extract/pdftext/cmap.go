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
	interpret(streamBytes(v), func(op string, args []operand) {
		switch op {
		case "endbfchar":
			for i := 0; i+1 < len(args); i += 2 {
				if args[i].kind == opStr && args[i+1].kind == opStr {
					m.chars[codeOf(args[i].str)] = utf16Text(args[i+1].str)
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(args); i += 3 {
				lo, hi, dst := args[i], args[i+1], args[i+2]
				r := cmapRange{lo: codeOf(lo.str), hi: codeOf(hi.str)}
				if lo.kind != opStr || hi.kind != opStr || r.hi < r.lo || r.hi-r.lo > 1<<16 {
					continue
				}
				switch dst.kind {
				case opStr:
					r.base = dst.str
				case opArr:
					for _, d := range dst.arr {
						r.list = append(r.list, utf16Text(d.str))
					}
				default:
					continue
				}
				m.ranges = append(m.ranges, r)
			}
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
