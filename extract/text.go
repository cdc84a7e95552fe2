package extract

import (
	"math"
	"regexp"
	"sort"
	"strings"

	"arsflow/extract/casefile"
	"arsflow/extract/pdftext"
)

// textLine is one line of a document with the positions of its characters,
// so that a match can be turned back into a quote and a bounding box.
type textLine struct {
	page int // 1-based
	text string
	bbox pdftext.BBox
	// xs holds, per byte of text, the horizontal interval it covers: points
	// when the line has word boxes, character columns otherwise.
	x0, x1 []float64
	start  int // offset of the line in docText.full
}

// docText is a document's text, flattened for searching across lines.
type docText struct {
	file  string
	pages []pdftext.Page
	lines []textLine
	full  string // lines joined by "\n"
	ocr   bool   // some page was OCR'd
}

// newDocText builds the searchable text of a document.
func newDocText(file string, pages []pdftext.Page) *docText {
	d := &docText{file: file, pages: pages}
	var b strings.Builder
	for pi, p := range pages {
		num := p.Number
		if num == 0 {
			num = pi + 1
		}
		lines := p.Lines
		if len(lines) == 0 && strings.TrimSpace(p.Text) != "" {
			lines = linesFromText(p.Text, p.Height)
		}
		d.ocr = d.ocr || p.Source == pdftext.SourceOCR
		for _, l := range lines {
			if p.Source == pdftext.SourceOCR {
				l = fixOCRLine(l)
			}
			tl := buildLine(num, l)
			if strings.TrimSpace(tl.text) == "" {
				continue
			}
			tl.start = b.Len()
			b.WriteString(tl.text)
			b.WriteByte('\n')
			d.lines = append(d.lines, tl)
		}
	}
	d.full = b.String()
	return d
}

// linesFromText makes lines with synthetic boxes from plain text: 12 points
// per line from the top of the page, 6 points per character.
func linesFromText(text string, height float64) []pdftext.Line {
	if height == 0 {
		height = 842
	}
	var out []pdftext.Line
	for i, s := range strings.Split(text, "\n") {
		y1 := height - 36 - float64(i)*12
		n := float64(len([]rune(s)))
		out = append(out, pdftext.Line{Text: s, BBox: pdftext.BBox{X0: 36, Y0: y1 - 10, X1: 36 + 6*n, Y1: y1}})
	}
	return out
}

// buildLine rebuilds a line's text. With word boxes, a gap wider than about
// two spaces becomes a column gap of three spaces, so columns stay apart even
// when the text layer joined them with one space.
func buildLine(page int, l pdftext.Line) textLine {
	tl := textLine{page: page, bbox: l.BBox}
	if len(l.Words) == 0 {
		tl.text = asciiSpaces(l.Text)
		tl.x0 = make([]float64, len(tl.text))
		tl.x1 = make([]float64, len(tl.text))
		col := 0.0
		for i, r := range tl.text {
			tl.x0[i] = col
			tl.x1[i] = col + 1
			_ = r
			col++
		}
		// Byte offsets inside multi-byte runes keep the rune's column.
		for i := range tl.x0 {
			if i > 0 && tl.x0[i] == 0 {
				tl.x0[i], tl.x1[i] = tl.x0[i-1], tl.x1[i-1]
			}
		}
		return tl
	}
	words := append([]pdftext.Word(nil), l.Words...)
	sort.SliceStable(words, func(i, j int) bool { return words[i].BBox.X0 < words[j].BBox.X0 })
	var b strings.Builder
	h := l.BBox.Y1 - l.BBox.Y0
	if h <= 0 {
		h = 10
	}
	for i, w := range words {
		if i > 0 {
			gap := w.BBox.X0 - words[i-1].BBox.X1
			sep := " "
			if gap > 0.9*h {
				sep = "   "
			}
			for range len(sep) {
				tl.x0 = append(tl.x0, words[i-1].BBox.X1)
				tl.x1 = append(tl.x1, w.BBox.X0)
			}
			b.WriteString(sep)
		}
		t := asciiSpaces(w.Text)
		b.WriteString(t)
		for range len(t) {
			tl.x0 = append(tl.x0, w.BBox.X0)
			tl.x1 = append(tl.x1, w.BBox.X1)
		}
	}
	tl.text = b.String()
	return tl
}

// span returns the horizontal extent of bytes [s,e) of the line.
func (l *textLine) span(s, e int) (float64, float64) {
	if s < 0 || e > len(l.x0) || s >= e {
		return 0, 0
	}
	return l.x0[s], l.x1[e-1]
}

// pageNumbers returns the numbers of the pages that hold text, in order.
func (d *docText) pageNumbers() []int {
	var out []int
	for _, l := range d.lines {
		if len(out) == 0 || out[len(out)-1] != l.page {
			out = append(out, l.page)
		}
	}
	return out
}

// lineAt returns the index of the line holding offset off of d.full.
func (d *docText) lineAt(off int) int {
	i := sort.Search(len(d.lines), func(i int) bool { return d.lines[i].start > off })
	return max(i-1, 0)
}

// evidence builds a candidate from the lines [from, to] of d.
func (d *docText) evidence(value any, from, to int, conf float64) casefile.Candidate {
	if to < from {
		to = from
	}
	first := d.lines[from]
	var quote []string
	box := first.bbox
	for i := from; i <= to && i < len(d.lines); i++ {
		l := d.lines[i]
		if l.page != first.page {
			break
		}
		quote = append(quote, strings.Join(strings.Fields(l.text), " "))
		box = union(box, l.bbox)
	}
	bb := pdftext.BBox{X0: round2(box.X0), Y0: round2(box.Y0), X1: round2(box.X1), Y1: round2(box.Y1)}
	return casefile.Candidate{
		Value: value, File: d.file, Page: first.page,
		Quote: strings.Join(quote, "\n"), BBox: &bb, Confidence: clamp01(conf),
	}
}

// evidenceAt builds a candidate for the match [s, e) of d.full.
func (d *docText) evidenceAt(value any, s, e int, conf float64) casefile.Candidate {
	return d.evidence(value, d.lineAt(s), d.lineAt(max(e-1, s)), conf)
}

func union(a, b pdftext.BBox) pdftext.BBox {
	if a == (pdftext.BBox{}) {
		return b
	}
	if b == (pdftext.BBox{}) {
		return a
	}
	return pdftext.BBox{X0: min(a.X0, b.X0), Y0: min(a.Y0, b.Y0), X1: max(a.X1, b.X1), Y1: max(a.Y1, b.Y1)}
}

func clamp01(v float64) float64 { return max(0, min(1, v)) }

func round2(v float64) float64 { return math.Round(v*100) / 100 }

var (
	ocrParagraph = regexp.MustCompile(`^\s*\$\s?(\d)`)
	ocrOne       = regexp.MustCompile(`(?i)(^|\s)[|lI](\s+(?:` + monthAlt + `)\b)`)
	ocrJunk      = regexp.MustCompile(`^[\s"'|:;,.‘’“”»«]+|[\s"'|:;,‘’“”»«]+$`)
)

// fixOCRLine repairs an OCR'd line, word by word when it has word boxes
// (they keep the column gaps), else as text.
func fixOCRLine(l pdftext.Line) pdftext.Line {
	if len(l.Words) == 0 {
		l.Text = fixOCR(l.Text)
		return l
	}
	in := append([]pdftext.Word(nil), l.Words...)
	for i := range in {
		t := in[i].Text
		if (t == "|" || t == "l" || t == "I") && i+1 < len(in) && months[strings.ToLower(strings.Trim(in[i+1].Text, "."))] > 0 {
			in[i].Text = "1"
		}
	}
	var words []pdftext.Word
	for _, w := range in {
		if t := ocrJunk.ReplaceAllString(w.Text, ""); t != "" {
			w.Text = t
			words = append(words, w)
		}
	}
	if len(words) > 0 && words[0].Text == "$" {
		words[0].Text = "§"
	}
	l.Words = words
	return l
}

// fixOCR repairs the commonest OCR slips in a line: "$ 12" for "§ 12", "|"
// or "l" for the digit 1 before a month, and stray marks at the ends.
func fixOCR(s string) string {
	s = ocrJunk.ReplaceAllString(s, "")
	s = ocrParagraph.ReplaceAllString(s, "§ $1")
	return ocrOne.ReplaceAllString(s, "${1}1$2")
}
