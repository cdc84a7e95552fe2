package pdftext

import "strings"

// HasText reports whether any page has text.
func (r *Result) HasText() bool {
	for i := range r.Pages {
		if hasText(&r.Pages[i]) {
			return true
		}
	}
	return false
}

// NeedsOCR reports whether any page was left without text because OCR was
// not available.
func (r *Result) NeedsOCR() bool {
	for _, p := range r.Pages {
		if p.NeedsOCR {
			return true
		}
	}
	return false
}

// Text returns the text of all pages, separated by form feeds.
func (r *Result) Text() string {
	var b strings.Builder
	for i, p := range r.Pages {
		if i > 0 {
			b.WriteByte('\f')
		}
		b.WriteString(p.Text)
	}
	return b.String()
}

// Sources returns the distinct sources of the pages with text, in the
// order they were tried (pdf, pdftotext, ocr), or [none] when no page has
// text.
func (r *Result) Sources() []Source {
	seen := make(map[Source]bool)
	for i := range r.Pages {
		if hasText(&r.Pages[i]) {
			seen[r.Pages[i].Source] = true
		}
	}
	var out []Source
	for _, s := range []Source{SourcePDF, SourcePdftotext, SourceOCR} {
		if seen[s] {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		out = []Source{SourceNone}
	}
	return out
}

// cleanPage removes NUL and other C0 control characters (but tab and
// newline) and invalid UTF-8 from a page's text, lines and words: a PDF may
// carry them, and PostgreSQL refuses NUL in text and JSON.
func cleanPage(p *Page) {
	p.Text = cleanText(p.Text)
	for i := range p.Lines {
		l := &p.Lines[i]
		l.Text = cleanText(l.Text)
		for j := range l.Words {
			l.Words[j].Text = cleanText(l.Words[j].Text)
		}
	}
}

func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if strings.IndexFunc(s, isControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return -1
		}
		return r
	}, s)
}

func isControl(r rune) bool { return r < 0x20 && r != '\n' && r != '\t' }
