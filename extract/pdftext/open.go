package pdftext

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/ledongthuc/pdf"
)

// document is a PDF opened with ledongthuc/pdf, with its pages found once.
type document struct {
	r     *pdf.Reader
	pages []pdf.Value
	fonts *fontCache
}

// maxPages bounds the page tree walk.
const maxPages = 100000

// openDocument opens data with ledongthuc/pdf after normalising the header
// and trailer, trying offsets counted from the start of the file and from
// the header. It recovers from panics in the library.
func openDocument(data []byte) (*document, error) {
	var errs []error
	for _, normalize := range []func([]byte) ([]byte, bool){normalizeInPlace, normalizeStripped} {
		b, ok := normalize(data)
		if !ok {
			continue
		}
		d, err := openNormalized(b)
		if err == nil {
			return d, nil
		}
		if errors.Is(err, pdf.ErrInvalidPassword) {
			return nil, fmt.Errorf("open: %w", ErrEncrypted)
		}
		errs = append(errs, err)
	}
	if len(errs) == 0 {
		return nil, fmt.Errorf("open: %w", ErrNotPDF)
	}
	return nil, fmt.Errorf("open: %w", errors.Join(errs...))
}

func openNormalized(b []byte) (d *document, err error) {
	defer func() {
		if p := recover(); p != nil {
			d, err = nil, fmt.Errorf("library panic: %v", p)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	d = &document{r: r, fonts: newFontCache()}
	d.walk(r.Trailer().Key("Root").Key("Pages"), 0)
	if len(d.pages) == 0 {
		return nil, errors.New("no pages found in the page tree")
	}
	return d, nil
}

// walk collects the leaves of the page tree in order. Depth and count are
// bounded, which also ends cycles.
func (d *document) walk(node pdf.Value, depth int) {
	if depth > 64 || len(d.pages) >= maxPages {
		return
	}
	kids := node.Key("Kids")
	if node.Key("Type").Name() == "Page" || (kids.Kind() != pdf.Array && node.Key("Contents").Kind() != pdf.Null) {
		d.pages = append(d.pages, node)
		return
	}
	for i := 0; i < kids.Len(); i++ {
		d.walk(kids.Index(i), depth+1)
	}
}

// inherited finds a page attribute on the page or its ancestors.
func inherited(page pdf.Value, key string) pdf.Value {
	v := page
	for i := 0; i < 32 && !v.IsNull(); i++ {
		if r := v.Key(key); !r.IsNull() {
			return r
		}
		v = v.Key("Parent")
	}
	return pdf.Value{}
}

// pageBox returns a page's crop box (or media box), defaulting to A4.
func pageBox(page pdf.Value) BBox {
	for _, key := range []string{"CropBox", "MediaBox"} {
		a := inherited(page, key)
		if a.Len() != 4 {
			continue
		}
		b := BBox{X0: a.Index(0).Float64(), Y0: a.Index(1).Float64(), X1: a.Index(2).Float64(), Y1: a.Index(3).Float64()}
		if b.X0 > b.X1 {
			b.X0, b.X1 = b.X1, b.X0
		}
		if b.Y0 > b.Y1 {
			b.Y0, b.Y1 = b.Y1, b.Y0
		}
		if b.X1-b.X0 > 1 && b.Y1-b.Y0 > 1 {
			return b
		}
	}
	return BBox{X1: 595.28, Y1: 841.89}
}

// libPage is the outcome of reading one page with the library.
type libPage struct {
	page      Page
	imageArea float64 // share of the page covered by images
	err       error
}

// readPage extracts one page, recovering from panics.
func (d *document) readPage(n int) (lp libPage) {
	lp.page = Page{Number: n, Source: SourcePDF}
	defer func() {
		if p := recover(); p != nil {
			lp.err = fmt.Errorf("page %d: library panic: %v", n, p)
			lp.page.Lines, lp.page.Text, lp.page.Quality = nil, "", 0
		}
	}()
	v := d.pages[n-1]
	box := pageBox(v)
	lp.page.Width, lp.page.Height = box.X1-box.X0, box.Y1-box.Y0
	in := interpreter{fonts: d.fonts}
	// Shift so that the crop box's lower left corner is the origin.
	ctm := matrix{1, 0, 0, 1, -box.X0, -box.Y0}
	if c := v.Key("Contents"); c.Kind() != pdf.Null {
		in.run(c, inherited(v, "Resources"), ctm, 0)
	}
	// Annotation appearances (filled-in form fields) carry text too.
	annots := v.Key("Annots")
	for i := 0; i < annots.Len() && i < 1000; i++ {
		a := annots.Index(i)
		ap := a.Key("AP").Key("N")
		if ap.Kind() != pdf.Stream || a.Key("Rect").Len() != 4 || a.Key("Subtype").Name() == "Popup" {
			continue
		}
		r := a.Key("Rect")
		x0, y0 := min(r.Index(0).Float64(), r.Index(2).Float64()), min(r.Index(1).Float64(), r.Index(3).Float64())
		in.doXObject(ap, inherited(v, "Resources"), matrix{1, 0, 0, 1, x0, y0}.mul(ctm), 0)
	}
	glyphs := clipGlyphs(in.out.glyphs, lp.page.Width, lp.page.Height)
	lp.page.Lines = buildLines(glyphs)
	lp.page.Text = joinLines(lp.page.Lines)
	lp.page.Quality = Score(lp.page.Text)
	if area := lp.page.Width * lp.page.Height; area > 0 {
		lp.imageArea = in.out.imageArea / area
	}
	return lp
}

// clipGlyphs drops glyphs well outside the page (hidden or stray text).
func clipGlyphs(gs []glyph, w, h float64) []glyph {
	out := gs[:0]
	for _, g := range gs {
		if g.x < -20 || g.y < -20 || g.x > w+20 || g.y > h+20 {
			continue
		}
		out = append(out, g)
	}
	return out
}

// joinLines returns the lines' text, one line per row.
func joinLines(lines []Line) string {
	var b bytes.Buffer
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l.Text)
	}
	return b.String()
}
