package pdftext

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzExtract feeds mutated PDFs to Extract (library only, no external
// tools): it must never panic, and what it returns must be consistent.
func FuzzExtract(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "*.pdf"))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(rawPDF("BT /F1 12 Tf 1 0 0 1 50 700 Tm (a) Tj T* [(b) 300 (c)] TJ ET", nil))
	opts := noTools()
	opts.OCR = false
	opts.Workers = 1
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Extract(context.Background(), data, opts)
		if err != nil && !errors.Is(err, ErrNoText) {
			if res != nil {
				t.Fatalf("result %+v with error %v", res, err)
			}
			if Reason(err) == "" {
				t.Fatalf("no reason for %v", err)
			}
			return
		}
		for i, p := range res.Pages {
			if p.Number != i+1 {
				t.Fatalf("page %d numbered %d", i+1, p.Number)
			}
			if p.Quality < 0 || p.Quality > 1 {
				t.Fatalf("page %d quality %v", p.Number, p.Quality)
			}
			if p.Source != SourcePDF && p.Source != SourceNone {
				t.Fatalf("page %d source %q without external tools", p.Number, p.Source)
			}
		}
	})
}
