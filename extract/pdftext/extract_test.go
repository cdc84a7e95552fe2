package pdftext

import (
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"
)

// noTools has every external binary missing, so only the library runs.
func noTools() Options {
	o := DefaultOptions()
	o.Pdftotext, o.Pdftoppm, o.Tesseract = "/nonexistent/pdftotext", "/nonexistent/pdftoppm", "/nonexistent/tesseract"
	return o
}

func needTool(t *testing.T, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			t.Skipf("%s not installed", n)
		}
	}
}

func TestExtractLibrary(t *testing.T) {
	tests := []struct {
		name    string
		fixture string
		page    int
		want    []string // substrings of the page text
	}{
		{"swedish letters", fxSwedish, 1, []string{swedishTitle, "fastställa resultat- och balansräkningen"}},
		{"second page, Times", fxSwedish, 2, []string{"Ordförande Åsa Öberg, kassör Per Ärlig."}},
		{"PDF 2.0 header", fxPDF20, 1, []string{swedishTitle}},
		{"junk before header", fxJunk, 1, []string{swedishTitle}},
		{"space after version", fxSpace, 1, []string{swedishTitle}},
		{"words from TJ offsets", fxTJ, 1, []string{swedishBody}},
		{"form XObject", fxForm, 1, []string{"Sidans text", "Text i formulärobjekt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Extract(context.Background(), readFixture(t, tt.fixture), noTools())
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			if len(res.Pages) < tt.page {
				t.Fatalf("got %d pages, want at least %d", len(res.Pages), tt.page)
			}
			p := res.Pages[tt.page-1]
			if p.Source != SourcePDF {
				t.Errorf("source = %q, want %q", p.Source, SourcePDF)
			}
			if p.Number != tt.page {
				t.Errorf("number = %d, want %d", p.Number, tt.page)
			}
			text := strings.Join(strings.Fields(p.Text), " ")
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("page text lacks %q:\n%s", w, p.Text)
				}
			}
			if p.Quality < goodQuality {
				t.Errorf("quality = %.2f, want >= %.2f", p.Quality, goodQuality)
			}
		})
	}
}

func TestExtractErrors(t *testing.T) {
	tests := []struct {
		name    string
		data    []byte
		opts    Options
		want    error
		tools   []string
		hasText bool
	}{
		{"not a PDF", readFixture(t, fxNotPDF), noTools(), ErrNotPDF, nil, false},
		{"empty", nil, noTools(), ErrNotPDF, nil, false},
		{"truncated, no poppler", readFixture(t, fxTruncated), noTools(), ErrDamaged, nil, false},
		{"image only, no OCR", readFixture(t, fxImageOnly), noTools(), ErrNoText, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			needTool(t, tt.tools...)
			res, err := Extract(context.Background(), tt.data, tt.opts)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if Reason(err) == "" || Reason(err) == defaultReason {
				t.Errorf("Reason(%v) = %q, want a specific Swedish reason", err, Reason(err))
			}
			if tt.want == ErrNoText && (res == nil || !res.NeedsOCR()) {
				t.Errorf("result should mark pages NeedsOCR: %+v", res)
			}
		})
	}
}

func TestExtractTruncatedWithPoppler(t *testing.T) {
	needTool(t, "pdftotext")
	o := noTools()
	o.Pdftotext = ""
	res, err := Extract(context.Background(), readFixture(t, fxTruncated), o)
	// pdftotext reconstructs what it can; either it recovers the first
	// page or the document is reported as damaged, never a panic.
	if err != nil {
		if !errors.Is(err, ErrDamaged) && !errors.Is(err, ErrNoText) {
			t.Fatalf("err = %v, want ErrDamaged or ErrNoText", err)
		}
		return
	}
	for _, p := range res.Pages {
		if p.Source != SourcePdftotext {
			t.Errorf("page %d source = %q, want pdftotext", p.Number, p.Source)
		}
	}
}

func TestExtractTwoColumns(t *testing.T) {
	res, err := Extract(context.Background(), readFixture(t, fxColumns), noTools())
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(res.Pages[0].Text), " ")
	head := strings.Index(text, "Verksamhetsberättelse 2025")
	l := strings.Index(text, "Vänsterspalten berättar")
	lEnd := strings.LastIndex(text, "vårterminen.")
	r := strings.Index(text, "Högerspalten beskriver")
	if head < 0 || l < 0 || r < 0 || lEnd < 0 {
		t.Fatalf("missing text:\n%s", res.Pages[0].Text)
	}
	if !(head < l && lEnd < r) {
		t.Errorf("want heading, whole left column, then right column; got heading@%d left@%d..%d right@%d:\n%s", head, l, lEnd, r, res.Pages[0].Text)
	}
	// The left column's sentence must read unbroken.
	if !strings.Contains(text, leftColumn) || !strings.Contains(text, rightColumn) {
		t.Errorf("columns not read as prose:\n%s", res.Pages[0].Text)
	}
}

func TestExtractTableRows(t *testing.T) {
	res, err := Extract(context.Background(), readFixture(t, fxTable), noTools())
	if err != nil {
		t.Fatal(err)
	}
	lines := res.Pages[0].Lines
	for _, row := range tableRows {
		t.Run(row[0], func(t *testing.T) {
			for _, l := range lines {
				if strings.HasPrefix(l.Text, row[0]) {
					rest, _ := strings.CutPrefix(l.Text, row[0])
					if !strings.HasPrefix(rest, "  ") || strings.TrimSpace(rest) != row[1] {
						t.Errorf("line %q: want %q, two or more spaces, %q", l.Text, row[0], row[1])
					}
					// Word boxes lie on the page, origin bottom-left.
					for _, w := range l.Words {
						if w.BBox.X0 < 0 || w.BBox.X1 > 595.3 || w.BBox.Y0 < 0 || w.BBox.Y1 > 842 || w.BBox.Y0 < 600 {
							t.Errorf("word %q bbox %+v off the page or not near the top", w.Text, w.BBox)
						}
					}
					return
				}
			}
			t.Errorf("no line starts with %q:\n%s", row[0], res.Pages[0].Text)
		})
	}
}

func TestExtractOCR(t *testing.T) {
	needTool(t, "pdftoppm", "tesseract")
	if testing.Short() {
		t.Skip("OCR takes seconds per page")
	}
	o := DefaultOptions()
	res, err := Extract(context.Background(), readFixture(t, fxImageOnly), o)
	if err != nil {
		t.Fatal(err)
	}
	p := res.Pages[0]
	if p.Source != SourceOCR || p.NeedsOCR {
		t.Fatalf("source = %q needsOCR = %v, want ocr", p.Source, p.NeedsOCR)
	}
	text := strings.Join(strings.Fields(p.Text), " ")
	for _, w := range []string{"Årsmötesprotokoll", "Föreningen", "ansvarsfrihet"} {
		if !strings.Contains(text, w) {
			t.Errorf("OCR text lacks %q:\n%s", w, p.Text)
		}
	}
	// The title sits near the top of an A4 page: in points, bottom-left origin.
	for _, l := range p.Lines {
		if strings.Contains(l.Text, "Årsmötesprotokoll") {
			if l.BBox.Y0 < 700 || l.BBox.Y1 > 842 || l.BBox.X0 < 40 || l.BBox.X0 > 80 {
				t.Errorf("title bbox %+v, want near (60, 762)", l.BBox)
			}
		}
	}
}

func TestExtractNoOCRBinary(t *testing.T) {
	needTool(t, "pdftotext")
	o := DefaultOptions()
	o.Tesseract = "/nonexistent/tesseract"
	res, err := Extract(context.Background(), readFixture(t, fxImageOnly), o)
	if !errors.Is(err, ErrNoText) {
		t.Fatalf("err = %v, want ErrNoText", err)
	}
	if !res.Pages[0].NeedsOCR || res.Pages[0].Source == SourceOCR {
		t.Errorf("page = %+v, want NeedsOCR", res.Pages[0])
	}
}

func TestReason(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{nil, ""},
		{errors.New("x"), defaultReason},
		{ErrEncrypted, ErrEncrypted.reason},
		{errors.Join(errors.New("a"), ErrTimeout), ErrTimeout.reason},
	}
	for _, tt := range tests {
		if got := Reason(tt.err); got != tt.want {
			t.Errorf("Reason(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}
