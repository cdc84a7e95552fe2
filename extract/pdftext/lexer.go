package pdftext

import (
	"bytes"
	"io"
	"strconv"
	"strings"

	"github.com/ledongthuc/pdf"
)

// Our own content-stream lexer. ledongthuc/pdf's Interpret loops forever on
// a hex string left open at the end of a stream, reads inline image data
// as tokens, and allocates a Value per token; this one stops at the end of
// the data, skips inline images and keeps operands small.

// maxStream bounds the decoded size of one content stream.
const maxStream = 64 << 20

// operand kinds.
const (
	opNum byte = iota + 1
	opStr
	opName
	opArr
	opOther // dictionaries, booleans, null
)

// operand is one value on the content stream's operand stack.
type operand struct {
	kind byte
	num  float64
	str  string // string bytes or name
	arr  []operand
}

// streamBytes reads a stream, or an array of streams joined by newlines,
// decoded by the library's filters.
func streamBytes(v pdf.Value) []byte {
	var b bytes.Buffer
	read := func(s pdf.Value) {
		if s.Kind() != pdf.Stream {
			return
		}
		rc := s.Reader()
		defer rc.Close()
		_, _ = io.Copy(&b, io.LimitReader(rc, int64(maxStream-b.Len())))
		b.WriteByte('\n')
	}
	if v.Kind() == pdf.Array {
		for i := 0; i < v.Len() && b.Len() < maxStream; i++ {
			read(v.Index(i))
		}
	} else {
		read(v)
	}
	return b.Bytes()
}

// lexer tokenises content stream data.
type lexer struct {
	data []byte
	pos  int
}

func isWhite(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// interpret calls do for every operator with its operands.
func interpret(data []byte, do func(op string, args []operand)) {
	lx := &lexer{data: data}
	var args []operand
	for {
		op, v, ok := lx.next()
		if !ok {
			return
		}
		if op == "" {
			if len(args) < 64 {
				args = append(args, v)
			}
			continue
		}
		if op == "BI" {
			lx.skipInlineImage()
			args = args[:0]
			continue
		}
		do(op, args)
		args = args[:0]
	}
}

// next returns either an operator (op != "") or an operand.
func (lx *lexer) next() (op string, v operand, ok bool) {
	for {
		lx.skipWhite()
		if lx.pos >= len(lx.data) {
			return "", operand{}, false
		}
		c := lx.data[lx.pos]
		switch {
		case c == '[':
			lx.pos++
			var arr []operand
			for {
				lx.skipWhite()
				if lx.pos >= len(lx.data) {
					return "", operand{kind: opArr, arr: arr}, true
				}
				if lx.data[lx.pos] == ']' {
					lx.pos++
					return "", operand{kind: opArr, arr: arr}, true
				}
				o, v, ok := lx.next()
				if !ok {
					return "", operand{kind: opArr, arr: arr}, true
				}
				if o == "" && len(arr) < 1<<16 {
					arr = append(arr, v)
				}
			}
		case c == ']' || c == ')' || c == '>' || c == '}' || c == '{':
			lx.pos++ // stray delimiter
		case c == '(':
			return "", operand{kind: opStr, str: lx.literal()}, true
		case c == '<':
			if lx.pos+1 < len(lx.data) && lx.data[lx.pos+1] == '<' {
				lx.skipDict()
				return "", operand{kind: opOther}, true
			}
			return "", operand{kind: opStr, str: lx.hex()}, true
		case c == '/':
			lx.pos++
			return "", operand{kind: opName, str: lx.name()}, true
		case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
			// string(w) is not kept: the conversion needs no copy.
			w := lx.wordBytes()
			f, err := strconv.ParseFloat(string(w), 64)
			if err != nil {
				f = parseLooseNumber(string(w))
			}
			return "", operand{kind: opNum, num: f}, true
		default:
			w := lx.wordBytes()
			if len(w) == 0 {
				lx.pos++
				continue
			}
			switch string(w) {
			case "true", "false", "null":
				return "", operand{kind: opOther}, true
			}
			return operatorName(w), operand{}, true
		}
	}
}

func (lx *lexer) skipWhite() {
	for lx.pos < len(lx.data) {
		c := lx.data[lx.pos]
		if c == '%' {
			for lx.pos < len(lx.data) && lx.data[lx.pos] != '\n' && lx.data[lx.pos] != '\r' {
				lx.pos++
			}
			continue
		}
		if !isWhite(c) {
			return
		}
		lx.pos++
	}
}

// word reads a run of regular characters.
func (lx *lexer) word() string {
	return string(lx.wordBytes())
}

// wordBytes reads a run of regular characters and returns it unconverted,
// for callers that need no string of it to keep.
func (lx *lexer) wordBytes() []byte {
	start := lx.pos
	for lx.pos < len(lx.data) && !isWhite(lx.data[lx.pos]) && !isDelim(lx.data[lx.pos]) {
		lx.pos++
	}
	return lx.data[start:lx.pos]
}

// operators are the names of the content stream operators: reading one
// returns the name from here instead of allocating it anew, and a page
// has thousands.
var operators = func() map[string]string {
	m := map[string]string{}
	for _, op := range strings.Fields(`b B b* B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI EMC ET EX
		f F f* G g gs h i ID j J K k l m M MP n q Q re RG rg ri s S SC sc SCN scn sh
		T* Tc Td TD Tf Tj TJ TL Tm Tr Ts Tw Tz v w W W* y ' "`) {
		m[op] = op
	}
	return m
}()

// operatorName returns the operator w names as a string.
func operatorName(w []byte) string {
	if op, ok := operators[string(w)]; ok {
		return op
	}
	return string(w)
}

// parseLooseNumber reads numbers such as "--5" or "1.2.3" as well as it can.
func parseLooseNumber(w string) float64 {
	end := 0
	for end < len(w) && (w[end] == '-' || w[end] == '+') {
		end++
	}
	neg := end > 0 && w[end-1] == '-'
	start := end
	dot := false
	for end < len(w) && (w[end] >= '0' && w[end] <= '9' || w[end] == '.' && !dot) {
		dot = dot || w[end] == '.'
		end++
	}
	f, _ := strconv.ParseFloat(w[start:end], 64)
	if neg {
		f = -f
	}
	return f
}

func (lx *lexer) name() string {
	w := lx.word()
	if !bytes.ContainsRune([]byte(w), '#') {
		return w
	}
	var b []byte
	for i := 0; i < len(w); i++ {
		if w[i] == '#' && i+2 < len(w) {
			if x, err := strconv.ParseUint(w[i+1:i+3], 16, 8); err == nil {
				b = append(b, byte(x))
				i += 2
				continue
			}
		}
		b = append(b, w[i])
	}
	return string(b)
}

// literal reads a (string) with escapes and nested parentheses.
func (lx *lexer) literal() string {
	lx.pos++ // (
	var b []byte
	depth := 1
	for lx.pos < len(lx.data) {
		c := lx.data[lx.pos]
		lx.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return string(b)
			}
		case '\\':
			if lx.pos >= len(lx.data) {
				return string(b)
			}
			e := lx.data[lx.pos]
			lx.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if lx.pos < len(lx.data) && lx.data[lx.pos] == '\n' {
					lx.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					x := int(e - '0')
					for k := 0; k < 2 && lx.pos < len(lx.data) && lx.data[lx.pos] >= '0' && lx.data[lx.pos] <= '7'; k++ {
						x = x*8 + int(lx.data[lx.pos]-'0')
						lx.pos++
					}
					c = byte(x)
				} else {
					c = e
				}
			}
		}
		b = append(b, c)
	}
	return string(b)
}

// hex reads a <hex string>; an odd last digit counts as followed by 0.
func (lx *lexer) hex() string {
	lx.pos++ // <
	var b []byte
	half, have := byte(0), false
	for lx.pos < len(lx.data) {
		c := lx.data[lx.pos]
		lx.pos++
		if c == '>' {
			break
		}
		x, ok := unhexByte(c)
		if !ok {
			continue
		}
		if have {
			b = append(b, half<<4|x)
			have = false
		} else {
			half, have = x, true
		}
	}
	if have {
		b = append(b, half<<4)
	}
	return string(b)
}

func unhexByte(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// skipDict skips a << dictionary >>, nested ones included.
func (lx *lexer) skipDict() {
	depth := 0
	for lx.pos < len(lx.data) {
		switch {
		case bytes.HasPrefix(lx.data[lx.pos:], []byte("<<")):
			depth++
			lx.pos += 2
		case bytes.HasPrefix(lx.data[lx.pos:], []byte(">>")):
			depth--
			lx.pos += 2
			if depth == 0 {
				return
			}
		case lx.data[lx.pos] == '(':
			lx.literal()
		default:
			lx.pos++
		}
	}
}

// skipInlineImage skips from after BI past the image data and EI.
func (lx *lexer) skipInlineImage() {
	i := bytes.Index(lx.data[lx.pos:], []byte("ID"))
	if i < 0 {
		lx.pos = len(lx.data)
		return
	}
	lx.pos += i + 2
	for {
		j := bytes.Index(lx.data[lx.pos:], []byte("EI"))
		if j < 0 {
			lx.pos = len(lx.data)
			return
		}
		at := lx.pos + j
		lx.pos = at + 2
		before := at > 0 && isWhite(lx.data[at-1])
		after := lx.pos >= len(lx.data) || isWhite(lx.data[lx.pos])
		if before && after {
			return
		}
	}
}
