// Package layout is the document model extraction reads from: a
// document's pages as lines of words with their positions, split into
// cells where the page leaves a wide gap, with the space above each line;
// runs of lines read as text (paragraphs, sentences, numbered agenda items);
// tables rebuilt from positions, with their header columns (years, dates,
// "Utfall", "Budget", "Föregående år") and the unit they are printed in; and
// the numbers and dates printed anywhere. Every piece keeps its page, box and
// the text it quotes.
package layout

import (
	"slices"
	"strings"
	"unicode"

	"arsflow/extract/casefile"
	"arsflow/extract/lexicon"
)

// Doc is one document's text.
type Doc struct {
	File  string
	Lines []*Line
	// OCR is set when some page's text came from OCR.
	OCR bool

	blocks []*Text
	items  []Item
}

// Line is one line of a page.
type Line struct {
	N    int // index in Doc.Lines
	Page int // 1-based
	// Text holds the words joined by one space and the cells by three.
	Text  string
	Cells []Cell
	Words []Word
	BBox  casefile.BBox
	// Size is the line's height in points, about its font size.
	Size float64
	// Gap is the empty space above the line in line heights; the first
	// line of a page has a large gap.
	Gap float64
	OCR bool
	// Width is the page's width in points.
	Width float64
	// Tokens are the folded words of Text, for the lexicon.
	Tokens []lexicon.Token

	found map[string][]lexicon.Match
}

// Find returns the default lexicon's phrases of kind in the line, with
// slack for OCR'd lines; it remembers them.
func (l *Line) Find(kind string) []lexicon.Match {
	if ms, ok := l.found[kind]; ok {
		return ms
	}
	if l.found == nil {
		l.found = map[string][]lexicon.Match{}
	}
	ms := lexicon.Default().Find(l.Tokens, kind, l.OCR)
	l.found[kind] = ms
	return ms
}

// Cell is a run of words without a wide gap: [Start, End) of Line.Text.
type Cell struct {
	Start, End int
	X0, X1     float64
}

// Word is a word of Line.Text with its box.
type Word struct {
	Start, End int
	BBox       casefile.BBox
}

// CellText returns the text of cell i.
func (l *Line) CellText(i int) string { return l.Text[l.Cells[i].Start:l.Cells[i].End] }

// CellAt returns the index of the cell holding byte offset off.
func (l *Line) CellAt(off int) int {
	for i, c := range l.Cells {
		if off < c.End {
			return i
		}
	}
	return len(l.Cells) - 1
}

// Box returns the box of bytes [s, e) of the line's text.
func (l *Line) Box(s, e int) casefile.BBox {
	var b casefile.BBox
	for _, w := range l.Words {
		if w.End > s && w.Start < e {
			b = b.Union(w.BBox)
		}
	}
	if b == (casefile.BBox{}) {
		return l.BBox
	}
	return b
}

// Span returns the horizontal extent of bytes [s, e) of the line's text.
func (l *Line) Span(s, e int) (x0, x1 float64) {
	b := l.Box(s, e)
	return b.X0, b.X1
}

// Quote returns the line's text with single spaces.
func (l *Line) Quote() string { return strings.Join(strings.Fields(l.Text), " ") }

// cellGap is the gap between words, in line heights, that starts a new cell.
const cellGap = 0.9

// New builds a document's lines from its pages.
func New(file string, pages []casefile.Page) *Doc {
	d := &Doc{File: file}
	for pi, p := range pages {
		num := p.Number
		if num == 0 {
			num = pi + 1
		}
		ocr := p.Source == casefile.SourceOCR
		d.OCR = d.OCR || ocr
		lines := p.Lines
		if len(lines) == 0 && strings.TrimSpace(p.Text) != "" {
			lines = linesFromText(p.Text, p.Height)
		}
		width := p.Width
		if width == 0 {
			width = 595
		}
		var prev *Line
		for _, pl := range lines {
			l := buildLine(pl, ocr)
			if strings.TrimSpace(l.Text) == "" {
				continue
			}
			l.Page, l.N, l.OCR, l.Width = num, len(d.Lines), ocr, width
			l.Gap = 10
			if prev != nil && l.Size > 0 {
				l.Gap = max(0, (prev.BBox.Y0-l.BBox.Y1)/l.Size)
			}
			l.Tokens = lexicon.Tokens(l.Text)
			d.Lines = append(d.Lines, l)
			prev = l
		}
	}
	return d
}

// linesFromText makes lines with made-up boxes from plain text, 14 points a
// line and 6 points a character, so that runs of two or more spaces still
// separate cells.
func linesFromText(text string, height float64) []casefile.Line {
	if height == 0 {
		height = 842
	}
	var out []casefile.Line
	for i, s := range strings.Split(text, "\n") {
		y1 := height - 36 - float64(i)*14
		l := casefile.Line{Text: s}
		col := 0
		for _, f := range fieldsWithOffsets(s) {
			x0 := 36 + 6*float64(col+f.start)
			x1 := x0 + 6*float64(len([]rune(f.text)))
			l.Words = append(l.Words, casefile.Word{Text: f.text, BBox: casefile.BBox{X0: x0, Y0: y1 - 10, X1: x1, Y1: y1}})
			l.BBox = l.BBox.Union(casefile.BBox{X0: x0, Y0: y1 - 10, X1: x1, Y1: y1})
		}
		out = append(out, l)
	}
	return out
}

type field struct {
	text  string
	start int // in runes
}

func fieldsWithOffsets(s string) []field {
	var out []field
	start := -1
	runes := []rune(s)
	for i, r := range runes {
		if r == ' ' || r == '\t' || r == '\u00a0' {
			if start >= 0 {
				out = append(out, field{string(runes[start:i]), start})
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, field{string(runes[start:]), start})
	}
	return out
}

// buildLine joins a line's words, one space within a cell and three
// between cells, and records where each word and cell lies.
func buildLine(pl casefile.Line, ocr bool) *Line {
	l := &Line{BBox: pl.BBox, Size: pl.BBox.Y1 - pl.BBox.Y0}
	words := pl.Words
	if len(words) == 0 {
		for _, f := range strings.Fields(pl.Text) {
			words = append(words, casefile.Word{Text: f, BBox: pl.BBox})
		}
	}
	words = append([]casefile.Word(nil), words...)
	slices.SortStableFunc(words, func(a, b casefile.Word) int {
		switch {
		case a.BBox.X0 < b.BBox.X0:
			return -1
		case b.BBox.X0 < a.BBox.X0:
			return 1
		}
		return 0
	})
	if ocr {
		words = fixOCRWords(words)
	}
	if l.Size <= 0 {
		l.Size = 10
	}
	var b strings.Builder
	b.Grow(len(pl.Text))
	for i, w := range words {
		t := wordText(w.Text)
		if t == "" {
			continue
		}
		newCell := len(l.Cells) == 0
		if i > 0 && len(l.Cells) > 0 {
			if w.BBox.X0-words[i-1].BBox.X1 > cellGap*l.Size {
				b.WriteString("   ")
				newCell = true
			} else {
				b.WriteByte(' ')
			}
		}
		start := b.Len()
		b.WriteString(t)
		if l.Words == nil {
			l.Words = make([]Word, 0, len(words))
		}
		l.Words = append(l.Words, Word{Start: start, End: b.Len(), BBox: w.BBox})
		if newCell {
			l.Cells = append(l.Cells, Cell{Start: start, X0: w.BBox.X0})
		}
		c := &l.Cells[len(l.Cells)-1]
		c.End, c.X1 = b.Len(), w.BBox.X1
	}
	l.Text = b.String()
	return l
}

// wordText returns a word's text with its runs of spaces, of any kind,
// made one ASCII space, trimmed. Most words hold none and come back as
// they are, without splitting and joining.
func wordText(s string) string {
	for _, r := range s {
		if unicode.IsSpace(r) {
			return strings.Join(strings.Fields(spaces.Replace(s)), " ")
		}
	}
	return s
}

// spaces maps Unicode spaces inside a word's text to ASCII spaces.
var spaces = strings.NewReplacer("\u00a0", " ", "\u2009", " ", "\u202f", " ", "\u2007", " ", "\t", " ", "\u2002", " ", "\u2003", " ")

var ocrJunk = lazyRegexp(`^[\s"'|:;,.‘’“”»«¢•]+|[\s"'|:;,‘’“”»«¢•]+$`)

// fixOCRWords repairs the commonest OCR slips: "$" or "8" read for a
// paragraph sign before an item number, "|" or "l" for the digit 1 before a
// month, and stray marks at the ends of words.
func fixOCRWords(in []casefile.Word) []casefile.Word {
	var out []casefile.Word
	for i, w := range in {
		t := w.Text
		next := ""
		if i+1 < len(in) {
			next = in[i+1].Text
		}
		switch {
		case (t == "|" || t == "l" || t == "I") && isMonth(next):
			t = "1"
		case i == 0 && (t == "$" || t == "8") && itemNumber().MatchString(next):
			t = "§"
		case i == 0 && ocrItem().MatchString(t):
			// "84." for "§ 4."
			out = append(out, casefile.Word{Text: "§", BBox: w.BBox})
			t = t[1:]
		}
		if t != "§" {
			t = ocrJunk().ReplaceAllString(t, "")
		}
		if t != "" {
			w.Text = t
			out = append(out, w)
		}
	}
	return out
}

var (
	itemNumber = lazyRegexp(`^\s*§?\s*\d{1,2}[a-z]?[.:]?$`)
	ocrItem    = lazyRegexp(`^[8$]\d{1,2}\.$`)
)
