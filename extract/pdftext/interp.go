package pdftext

import (
	"math"
	"strings"

	"github.com/ledongthuc/pdf"
)

// glyph is one shown character (or ligature) in page space.
type glyph struct {
	s       string
	x, y    float64 // origin on the baseline, PDF points
	w       float64 // advance along the baseline
	size    float64 // effective font size
	rotated bool    // not upright horizontal text
}

// matrix is a PDF transformation matrix [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n (apply m, then n).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

type gstate struct {
	ctm                matrix
	tc, tw, th, tl, ts float64
	font               *font
	fs                 float64
}

// pageContent is what the interpreter collects from a page.
type pageContent struct {
	glyphs    []glyph
	imageArea float64 // area covered by images, in square points (may overlap)
}

// maxFormDepth bounds nested form XObjects (and catches cycles).
const maxFormDepth = 8

// maxGlyphs bounds the glyphs kept for one page.
const maxGlyphs = 500000

// interpreter walks a page's content streams.
type interpreter struct {
	fonts *fontCache
	out   pageContent
}

// run interprets one content stream (or array of streams) with the given
// resources and starting matrix.
func (in *interpreter) run(strm, resources pdf.Value, ctm matrix, depth int) {
	g := gstate{ctm: ctm, th: 1}
	var tm, tlm matrix
	var stack []gstate
	local := make(map[string]*font) // resource name -> font, for this stream

	show := func(raw string) {
		f := g.font
		if f == nil || len(in.out.glyphs) >= maxGlyphs {
			return
		}
		f.codes(raw, func(code int, rawCode string) {
			w0 := f.width(code) * f.scale
			trm := matrix{g.fs * g.th, 0, 0, g.fs, 0, g.ts}.mul(tm).mul(g.ctm)
			size := math.Hypot(trm[2], trm[3])
			adv := math.Hypot(trm[0], trm[1])
			s := f.text(code, rawCode)
			in.out.glyphs = append(in.out.glyphs, glyph{
				s:       s,
				x:       trm[4],
				y:       trm[5],
				w:       w0 * adv,
				size:    size,
				rotated: trm[0] <= 0 || math.Abs(trm[1]) > 0.1*math.Abs(trm[0]),
			})
			tx := w0*g.fs + g.tc
			if len(rawCode) == 1 && code == 32 {
				tx += g.tw
			}
			tm = matrix{1, 0, 0, 1, tx * g.th, 0}.mul(tm)
		})
	}
	nextLine := func() {
		tlm = matrix{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
		tm = tlm
	}

	data := streamBytes(strm)
	if in.out.glyphs == nil {
		in.out.glyphs = make([]glyph, 0, min(len(data)/3, maxGlyphs))
	}
	interpret(data, func(op string, args []operand) {
		num := func(i int) float64 {
			if i < len(args) {
				return args[i].num
			}
			return 0
		}
		str := func(i int) string {
			if i < len(args) {
				return args[i].str
			}
			return ""
		}
		switch op {
		case "q":
			if len(stack) < 256 {
				stack = append(stack, g)
			}
		case "Q":
			if k := len(stack) - 1; k >= 0 {
				g = stack[k]
				stack = stack[:k]
			}
		case "cm":
			if len(args) == 6 {
				g.ctm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(g.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tc":
			g.tc = num(0)
		case "Tw":
			g.tw = num(0)
		case "Tz":
			g.th = num(0) / 100
		case "TL":
			g.tl = num(0)
		case "Ts":
			g.ts = num(0)
		case "Tf":
			if len(args) == 2 {
				name := str(0)
				f, ok := local[name]
				if !ok {
					fv := resources.Key("Font").Key(name)
					if fv.Kind() == pdf.Dict {
						f = in.fonts.get(fv)
					}
					local[name] = f
				}
				g.font = f
				g.fs = num(1)
			}
		case "Td", "TD":
			if len(args) == 2 {
				if op == "TD" {
					g.tl = -num(1)
				}
				tlm = matrix{1, 0, 0, 1, num(0), num(1)}.mul(tlm)
				tm = tlm
			}
		case "Tm":
			if len(args) == 6 {
				tlm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}
				tm = tlm
			}
		case "T*":
			nextLine()
		case "Tj":
			if len(args) == 1 {
				show(str(0))
			}
		case "'":
			if len(args) == 1 {
				nextLine()
				show(str(0))
			}
		case "\"":
			if len(args) == 3 {
				g.tw, g.tc = num(0), num(1)
				nextLine()
				show(str(2))
			}
		case "TJ":
			if len(args) == 1 {
				for _, x := range args[0].arr {
					switch x.kind {
					case opStr:
						show(x.str)
					case opNum:
						tx := -x.num / 1000 * g.fs * g.th
						tm = matrix{1, 0, 0, 1, tx, 0}.mul(tm)
					}
				}
			}
		case "Do":
			if len(args) == 1 {
				in.doXObject(resources.Key("XObject").Key(str(0)), resources, g.ctm, depth)
			}
		}
	})
}

// doXObject draws a form XObject (recursively) or records an image's area.
func (in *interpreter) doXObject(x, resources pdf.Value, ctm matrix, depth int) {
	switch x.Key("Subtype").Name() {
	case "Image":
		// The image fills the unit square mapped by ctm.
		in.out.imageArea += math.Abs(ctm[0]*ctm[3] - ctm[1]*ctm[2])
	case "Form":
		if depth >= maxFormDepth || x.Kind() != pdf.Stream {
			return
		}
		m := identity
		if a := x.Key("Matrix"); a.Len() == 6 {
			for i := range m {
				m[i] = a.Index(i).Float64()
			}
		}
		res := x.Key("Resources")
		if res.Kind() != pdf.Dict {
			res = resources
		}
		in.run(x, res, m.mul(ctm), depth+1)
	}
}

// isSpace reports whether a glyph's text is only white space.
func (g *glyph) isSpace() bool {
	return strings.TrimSpace(g.s) == ""
}
