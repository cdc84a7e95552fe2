package main

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"arsflow/review/fonts"
)

// fixedDate is the creation date written into every generated PDF, so that
// the output is the same on every run.
var fixedDate = time.Date(2026, 3, 20, 9, 0, 0, 0, time.UTC)

// fpdfRenderer renders a Doc with fpdf, with an embedded TrueType font
// (utf8) or a standard font through cp1252.
type fpdfRenderer struct {
	pdf           *fpdf.Fpdf
	family        string
	tr            func(string) string
	width, margin float64
}

// renderFpdf renders d to PDF bytes. utf8 selects the embedded font; serif
// picks Times over Helvetica for the standard font.
func renderFpdf(d Doc, utf8, serif bool, producer string) ([]byte, error) {
	p := fpdf.New("P", "mm", "A4", "")
	p.SetCatalogSort(true)
	p.SetCreationDate(fixedDate)
	p.SetModificationDate(fixedDate)
	p.SetProducer(producer, true)
	p.SetCreator(producer, true)
	r := &fpdfRenderer{pdf: p, margin: 20, width: 170, tr: func(s string) string { return s }}
	if utf8 {
		p.AddUTF8FontFromBytes("dejavu", "", fonts.Serif)
		p.AddUTF8FontFromBytes("dejavu", "B", fonts.SerifBold)
		r.family = "dejavu"
	} else {
		r.family = "Helvetica"
		if serif {
			r.family = "Times"
		}
		r.tr = p.UnicodeTranslatorFromDescriptor("cp1252")
	}
	p.SetMargins(r.margin, 20, r.margin)
	p.SetAutoPageBreak(true, 22)
	p.AliasNbPages("{nb}")
	p.SetFooterFunc(func() {
		p.SetY(-15)
		p.SetFont(r.family, "", 8)
		p.SetTextColor(90, 90, 90)
		if d.Footer != "" {
			p.CellFormat(120, 5, r.tr(d.Footer), "", 0, "L", false, 0, "")
		} else {
			p.CellFormat(120, 5, "", "", 0, "L", false, 0, "")
		}
		if d.PageNumbers {
			p.CellFormat(50, 5, r.tr(fmt.Sprintf("Sida %d av {nb}", p.PageNo())), "", 0, "R", false, 0, "")
		}
		p.SetTextColor(0, 0, 0)
	})
	p.AddPage()
	for _, bl := range d.Blocks {
		r.block(bl)
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		return nil, fmt.Errorf("render pdf: %w", err)
	}
	return buf.Bytes(), nil
}

func (r *fpdfRenderer) block(bl Block) {
	p := r.pdf
	switch b := bl.(type) {
	case Title:
		p.SetFont(r.family, "B", 16)
		p.MultiCell(0, 8, r.tr(b.Text), "", "L", false)
		p.Ln(3)
	case Heading:
		p.Ln(2)
		p.SetFont(r.family, "B", 12)
		p.MultiCell(0, 6, r.tr(b.Text), "", "L", false)
		p.Ln(1)
	case Para:
		if b.Small {
			p.SetFont(r.family, "", 7)
			p.SetTextColor(120, 120, 120)
			p.MultiCell(0, 3.5, r.tr(b.Text), "", "L", false)
			p.SetTextColor(0, 0, 0)
		} else {
			p.SetFont(r.family, "", 10.5)
			p.MultiCell(0, 5, r.tr(b.Text), "", "L", false)
		}
		p.Ln(2)
	case Table:
		r.table(b)
	case Columns:
		r.columns(b)
	case Signatures:
		r.signatures(b)
	case PageBreak:
		p.AddPage()
	}
}

func (r *fpdfRenderer) table(t Table) {
	p := r.pdf
	ncol := len(t.Align)
	widths := make([]float64, ncol)
	l, _, rm, _ := p.GetMargins()
	avail := 210 - l - rm
	if t.Widths != nil {
		tot := 0.0
		for _, w := range t.Widths {
			tot += w
		}
		for i, w := range t.Widths {
			widths[i] = avail * w / tot
		}
	} else {
		widths[0] = avail * 0.55
		for i := 1; i < ncol; i++ {
			widths[i] = avail * 0.45 / float64(ncol-1)
		}
	}
	size := 10.0
	if len(t.Rows) > 40 || ncol > 4 {
		size = 8.5
	}
	h := size * 0.52
	align := func(i int) string {
		if t.Align[i] == 'r' {
			return "R"
		}
		return "L"
	}
	if t.Header != nil {
		p.SetFont(r.family, "B", size)
		for i, c := range t.Header {
			p.CellFormat(widths[i], h+1, r.tr(c), "B", 0, align(i), false, 0, "")
		}
		p.Ln(-1)
	}
	for ri, row := range t.Rows {
		style := ""
		if ri < len(t.Bold) && t.Bold[ri] {
			style = "B"
		}
		p.SetFont(r.family, style, size)
		for i, c := range row {
			p.CellFormat(widths[i], h, r.tr(c), "", 0, align(i), false, 0, "")
		}
		p.Ln(-1)
	}
	p.Ln(3)
}

// columns sets the blocks in two balanced columns: the first half of the
// text goes left, the rest right, both starting at the same height.
func (r *fpdfRenderer) columns(c Columns) {
	p := r.pdf
	split := columnSplit(c.Blocks)
	top, page := p.GetY(), p.PageNo()
	cw := (r.width - 8) / 2
	p.SetLeftMargin(r.margin)
	p.SetRightMargin(r.margin + cw + 8)
	p.SetXY(r.margin, top)
	for _, bl := range c.Blocks[:split] {
		r.block(bl)
	}
	leftEnd, leftPage := p.GetY(), p.PageNo()
	if leftPage != page {
		top = 20
	}
	x := r.margin + cw + 8
	p.SetLeftMargin(x)
	p.SetRightMargin(r.margin)
	p.SetXY(x, top)
	for _, bl := range c.Blocks[split:] {
		r.block(bl)
	}
	y := p.GetY()
	if p.PageNo() == leftPage && leftEnd > y {
		y = leftEnd
	}
	p.SetLeftMargin(r.margin)
	p.SetRightMargin(r.margin)
	p.SetXY(r.margin, y)
	p.Ln(2)
}

// columnSplit returns the index of the first block of the right column.
func columnSplit(blocks []Block) int {
	total := 0
	for _, bl := range blocks {
		total += blockLen(bl)
	}
	acc := 0
	for i, bl := range blocks {
		acc += blockLen(bl)
		if acc >= total/2 {
			return i + 1
		}
	}
	return len(blocks)
}

// blockLen is a rough measure of a block's height in characters.
func blockLen(bl Block) int {
	switch b := bl.(type) {
	case Para:
		return len(b.Text) + 80
	case Heading:
		return 120
	case Table:
		return 60 * (len(b.Rows) + 1)
	}
	return 0
}

func (r *fpdfRenderer) signatures(s Signatures) {
	p := r.pdf
	if p.GetY() > 220 {
		p.AddPage()
	}
	p.Ln(4)
	p.SetFont(r.family, "", 10.5)
	p.MultiCell(0, 5, r.tr(s.PlaceDate), "", "L", false)
	for i, sg := range s.Sigs {
		x := r.margin + float64(i%2)*90
		if i%2 == 0 {
			p.Ln(14)
			if p.GetY() > 260 {
				p.AddPage()
				p.Ln(14)
			}
		}
		y := p.GetY()
		if s.Scribble {
			scribble(p, sg.Name, x+5, y-2)
		}
		p.Line(x, y, x+70, y)
		p.SetXY(x, y+1)
		p.SetFont(r.family, "", 10)
		p.CellFormat(70, 5, r.tr(sg.Name), "", 2, "L", false, 0, "")
		p.SetX(x)
		p.SetFont(r.family, "", 8.5)
		p.CellFormat(70, 4, r.tr(sg.Role), "", 0, "L", false, 0, "")
		p.SetXY(r.margin, y)
	}
	p.Ln(10)
}

// scribble draws a hand signature derived from the name.
func scribble(p *fpdf.Fpdf, name string, x, y float64) {
	h := fnv.New32a()
	h.Write([]byte(name))
	v := h.Sum32()
	p.SetLineWidth(0.4)
	p.SetDrawColor(20, 30, 90)
	cx := x
	for i := 0; i < 4; i++ {
		w := 8 + float64(v%7)
		up := 3 + float64((v>>3)%5)
		p.Curve(cx, y, cx+w/2, y-up*2, cx+w, y, "D")
		cx += w
		v = v*1664525 + 1013904223
	}
	p.SetDrawColor(0, 0, 0)
	p.SetLineWidth(0.2)
}

// escapeGroff makes text safe as groff input lines.
func escapeGroff(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, ".") || strings.HasPrefix(l, "'") {
			l = `\&` + l
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}
