package review

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"time"

	"github.com/go-pdf/fpdf"

	"arsflow/review/fonts"
)

// caseNoticePDF is the notice to the association as a PDF, for the
// handläggare to send.
func (s *Server) caseNoticePDF(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	id, l, err := s.caseLetter(r, rc, "pdf")
	if err != nil {
		return err
	}
	b, err := letterPDF(l, s.cfg.Organisation, time.Now())
	if err != nil {
		return fmt.Errorf("notice pdf case %d: %w", id, err)
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": fmt.Sprintf("meddelande-arende-%d.pdf", id)}))
	h.Set("Content-Length", strconv.Itoa(len(b)))
	h.Set("Cache-Control", "private, no-store")
	_, err = w.Write(b)
	return err
}

// PDF layout, in millimetres and points.
const (
	pdfMargin   = 20.0
	pdfWidth    = 170.0 // A4 less the margins
	pdfLine     = 5.0
	pdfFontSize = 10.5
)

// letterPDF renders l as an A4 PDF with an embedded font, so that every
// name prints as written.
func letterPDF(l letter, org string, now time.Time) ([]byte, error) {
	p := fpdf.New("P", "mm", "A4", "")
	p.SetCreationDate(now)
	p.SetModificationDate(now)
	p.SetTitle(l.Title, true)
	p.SetAuthor(org, true)
	p.SetCreator("arsflow", true)
	p.SetLang("sv-SE")
	p.AddUTF8FontFromBytes("serif", "", fonts.Serif)
	p.AddUTF8FontFromBytes("serif", "B", fonts.SerifBold)
	p.SetMargins(pdfMargin, pdfMargin, pdfMargin)
	p.SetAutoPageBreak(true, pdfMargin)
	p.AliasNbPages("{nb}")
	p.SetFooterFunc(func() {
		p.SetY(-14)
		p.SetFont("serif", "", 8)
		p.CellFormat(pdfWidth, 4, fmt.Sprintf("%s · sida %d av {nb}", l.Title, p.PageNo()), "", 0, "C", false, 0, "")
	})
	p.AddPage()

	p.SetFont("serif", "B", pdfFontSize)
	p.CellFormat(pdfWidth/2, pdfLine, org, "", 0, "L", false, 0, "")
	p.SetFont("serif", "", pdfFontSize)
	p.CellFormat(pdfWidth/2, pdfLine, l.Date, "", 1, "R", false, 0, "")
	p.Ln(8)
	for _, line := range l.To {
		p.CellFormat(pdfWidth, pdfLine, line, "", 1, "L", false, 0, "")
	}
	p.Ln(6)
	p.SetFont("serif", "B", 15)
	p.MultiCell(pdfWidth, 7, l.Title, "", "L", false)
	p.Ln(2)
	for _, b := range l.Blocks {
		switch {
		case b.Heading != "":
			p.Ln(3)
			p.SetFont("serif", "B", 12)
			p.MultiCell(pdfWidth, 6, b.Heading, "", "L", false)
			p.Ln(1)
		case b.Head != nil:
			pdfTable(p, b.Head, b.Rows)
			p.Ln(2)
		default:
			p.SetFont("serif", "", pdfFontSize)
			p.MultiCell(pdfWidth, pdfLine, b.Text, "", "L", false)
			p.Ln(2)
		}
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// pdfTable draws a table whose cells wrap, repeating the header on a new page.
func pdfTable(p *fpdf.Fpdf, head []string, rows [][]string) {
	const pad = 1.5
	// Each column gets its header's width; the rest of the line goes to
	// the columns whose cells are wider, in proportion.
	widths := make([]float64, len(head))
	extra := make([]float64, len(head))
	used, wanted := 0.0, 0.0
	slack := 2*pad + 2*p.GetCellMargin() + 0.5
	for i, h := range head {
		p.SetFont("serif", "B", 9)
		widths[i] = p.GetStringWidth(h) + slack
		p.SetFont("serif", "", 9)
		w := 0.0
		for _, r := range rows {
			w = max(w, min(p.GetStringWidth(r[i])+slack, 60))
		}
		extra[i] = max(0, w-widths[i])
		used += widths[i]
		wanted += extra[i]
	}
	if wanted > 0 {
		for i := range widths {
			widths[i] += extra[i] * (pdfWidth - used) / wanted
		}
	}
	_, pageH := p.GetPageSize()
	height := func(cells []string) float64 {
		lines := 1
		for i, c := range cells {
			lines = max(lines, len(p.SplitText(c, widths[i]-2*pad)))
		}
		return float64(lines)*4.2 + 2*pad
	}
	draw := func(cells []string, style string) {
		p.SetFont("serif", style, 9)
		h := height(cells)
		x, y := p.GetX(), p.GetY()
		for i, c := range cells {
			p.Rect(x, y, widths[i], h, "D")
			p.SetXY(x+pad, y+pad)
			p.MultiCell(widths[i]-2*pad, 4.2, c, "", "L", false)
			x += widths[i]
		}
		p.SetXY(pdfMargin, y+h)
	}
	fits := func(h float64) bool { return p.GetY()+h <= pageH-pdfMargin-6 }
	if !fits(2 * height(head)) {
		p.AddPage()
	}
	draw(head, "B")
	for _, r := range rows {
		p.SetFont("serif", "", 9)
		if !fits(height(r)) {
			p.AddPage()
			draw(head, "B")
			p.SetFont("serif", "", 9)
		}
		draw(r, "")
	}
}
