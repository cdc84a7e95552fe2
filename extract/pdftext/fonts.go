package pdftext

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// font is what the interpreter needs of a PDF font: how to split a string
// into codes, what each code means and how wide it is. A font is built once
// per document (ledongthuc/pdf's Page.Content rebuilds it, and re-parses its
// ToUnicode CMap, on every Tf operator) and is safe for concurrent use.
type font struct {
	twoByte bool             // Type0 fonts: codes are two bytes
	scale   float64          // glyph space to text space (0.001, or a Type3 FontMatrix)
	enc     pdf.TextEncoding // the library's decoding, used without a ToUnicode CMap
	cmap    *toUnicode

	first        int
	widths       []float64
	std          *[256]uint16 // standard font metrics when /Widths is absent
	defaultWidth float64
	cidWidths    map[int]float64

	// simple holds one-byte fonts' codes, each decoded when first met.
	simple *[256]atomic.Pointer[string]

	mu      sync.Mutex
	decoded map[int]string // two-byte fonts: code -> text, filled lazily
}

// fontCache holds the fonts of one document, keyed by the textual form of
// their dictionary (which names indirect objects by number, so equal keys
// mean the same font).
type fontCache struct {
	mu    sync.Mutex
	fonts map[string]*font
}

func newFontCache() *fontCache {
	return &fontCache{fonts: make(map[string]*font)}
}

// get returns the font for the font dictionary v.
func (c *fontCache) get(v pdf.Value) *font {
	key := v.String()
	c.mu.Lock()
	f, ok := c.fonts[key]
	c.mu.Unlock()
	if ok {
		return f
	}
	f = newFont(v)
	c.mu.Lock()
	if g, ok := c.fonts[key]; ok {
		f = g
	} else {
		c.fonts[key] = f
	}
	c.mu.Unlock()
	return f
}

// newFont reads a font dictionary. Malformed parts degrade to defaults; a
// panic in the library is left to the page's recover.
func newFont(v pdf.Value) *font {
	f := &font{scale: 0.001, defaultWidth: 500, decoded: make(map[int]string)}
	pf := pdf.Font{V: v}
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		f.cmap = readToUnicode(tu)
	}
	if v.Key("Subtype").Name() == "Type0" {
		f.enc = identityEncoding{}
	} else {
		f.enc = pf.Encoder()
	}
	if f.enc == nil {
		f.enc = identityEncoding{}
	}
	switch v.Key("Subtype").Name() {
	case "Type0":
		f.twoByte = true
		f.defaultWidth = 1000
		d := v.Key("DescendantFonts").Index(0)
		if dw := d.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			f.defaultWidth = dw.Float64()
		}
		f.cidWidths = readCIDWidths(d.Key("W"))
		if f.cmap == nil && v.Key("Encoding").Name() == "UniGB-UCS2-H" {
			f.enc = ucs2Encoding{}
		}
		// Without a ToUnicode CMap the codes are kept as they are; the
		// quality score notices.
		return f
	case "Type3":
		if m := v.Key("FontMatrix"); m.Len() == 6 && m.Index(0).Float64() != 0 {
			f.scale = m.Index(0).Float64()
		}
	}
	f.first = int(v.Key("FirstChar").Int64())
	w := v.Key("Widths")
	for i := 0; i < w.Len(); i++ {
		f.widths = append(f.widths, w.Index(i).Float64())
	}
	if len(f.widths) == 0 {
		f.std = standardMetrics(v.Key("BaseFont").Name())
	}
	f.simple = new([256]atomic.Pointer[string])
	if fd := v.Key("FontDescriptor"); fd.Key("MissingWidth").Kind() != pdf.Null {
		if mw := fd.Key("MissingWidth").Float64(); mw > 0 {
			f.defaultWidth = mw
		}
	}
	return f
}

// readCIDWidths reads a CIDFont /W array: "c [w1 w2 ...]" and "c1 c2 w".
func readCIDWidths(w pdf.Value) map[int]float64 {
	m := make(map[int]float64)
	n := w.Len()
	for i := 0; i < n; {
		c := int(w.Index(i).Int64())
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			for j := 0; j < next.Len() && j < 65536; j++ {
				m[c+j] = next.Index(j).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= n {
			break
		}
		last := int(next.Int64())
		width := w.Index(i + 2).Float64()
		for k := c; k <= last && k-c < 65536; k++ {
			m[k] = width
		}
		i += 3
	}
	return m
}

// standardMetrics finds the built-in widths for a standard font name, also
// under the names Windows and subsetting give them.
func standardMetrics(base string) *[256]uint16 {
	if i := strings.IndexByte(base, '+'); i >= 0 {
		base = base[i+1:]
	}
	lower := strings.ToLower(base)
	bold := strings.Contains(lower, "bold")
	italic := strings.Contains(lower, "italic") || strings.Contains(lower, "oblique")
	var name string
	switch {
	case strings.HasPrefix(lower, "courier"):
		return &courierWidths
	case strings.HasPrefix(lower, "times"):
		name = "Times-Roman"
		switch {
		case bold && italic:
			name = "Times-BoldItalic"
		case bold:
			name = "Times-Bold"
		case italic:
			name = "Times-Italic"
		}
	default: // Helvetica, Arial and unknown sans fonts
		name = "Helvetica"
		switch {
		case bold && italic:
			name = "Helvetica-BoldOblique"
		case bold:
			name = "Helvetica-Bold"
		case italic:
			name = "Helvetica-Oblique"
		}
	}
	return standardWidths[name]
}

var courierWidths = func() (w [256]uint16) {
	for i := range w {
		w[i] = 600
	}
	return w
}()

// codes splits a shown string into character codes.
func (f *font) codes(raw string, fn func(code int, rawCode string)) {
	if f.twoByte {
		for i := 0; i+1 < len(raw); i += 2 {
			fn(int(raw[i])<<8|int(raw[i+1]), raw[i:i+2])
		}
		return
	}
	for i := 0; i < len(raw); i++ {
		fn(int(raw[i]), raw[i:i+1])
	}
}

// text returns the Unicode text of one code.
func (f *font) text(code int, rawCode string) string {
	if f.simple != nil && code < 256 {
		if p := f.simple[code].Load(); p != nil {
			return *p
		}
		s := f.decode(code, string([]byte{byte(code)}))
		f.simple[code].Store(&s)
		return s
	}
	f.mu.Lock()
	s, ok := f.decoded[code]
	f.mu.Unlock()
	if ok {
		return s
	}
	s = f.decode(code, rawCode)
	f.mu.Lock()
	f.decoded[code] = s
	f.mu.Unlock()
	return s
}

// decode maps one code to text, by the ToUnicode CMap where it has the
// code, else by the font's encoding.
func (f *font) decode(code int, rawCode string) string {
	s, ok := "", false
	if f.cmap != nil {
		s, ok = f.cmap.lookup(code)
	}
	if !ok {
		s = f.enc.Decode(rawCode)
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return s
}

// width returns the advance of a code in glyph units (1/1000 em for all but
// Type3 fonts).
func (f *font) width(code int) float64 {
	if f.twoByte {
		if w, ok := f.cidWidths[code]; ok {
			return w
		}
		return f.defaultWidth
	}
	if i := code - f.first; i >= 0 && i < len(f.widths) {
		if w := f.widths[i]; w > 0 {
			return w
		}
		return f.defaultWidth
	}
	if f.std != nil && code < 256 {
		return float64(f.std[code])
	}
	return f.defaultWidth
}

// ucs2Encoding reads two-byte codes as UTF-16BE.
type ucs2Encoding struct{}

func (ucs2Encoding) Decode(raw string) string { return utf16Text(raw) }

// identityEncoding keeps codes as they are (as Latin-1 runes).
type identityEncoding struct{}

func (identityEncoding) Decode(raw string) string {
	r := make([]rune, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		r = append(r, rune(raw[i]))
	}
	return string(r)
}
