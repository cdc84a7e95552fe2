package pageimage_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"arsflow/review/pageimage"
)

func key(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }

func TestRender(t *testing.T) {
	pdf, err := os.ReadFile("../../extract/pdftext/testdata/swedish.pdf")
	if err != nil {
		t.Fatal(err)
	}
	r, err := pageimage.New(t.TempDir(), pageimage.Options{Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	loads := 0
	load := func(b []byte) func(context.Context) ([]byte, error) {
		return func(context.Context) ([]byte, error) { loads++; return b, nil }
	}
	for i := 0; i < 2; i++ {
		p, err := r.Render(ctx, key(pdf), 1, load(pdf))
		if err != nil {
			t.Fatal(err)
		}
		if string(p.PNG[1:4]) != "PNG" || p.Width < 500 || p.Width > 700 || p.Height < 700 || p.Height > 900 {
			t.Fatalf("page 1: %d bytes, %.0f×%.0f points; want a PNG of about A4", len(p.PNG), p.Width, p.Height)
		}
	}
	if loads != 1 {
		t.Errorf("the document was loaded %d times; the second render should come from the cache", loads)
	}
	tests := []struct {
		name string
		data []byte
		page int
		want error
	}{
		{"a page past the end", pdf, 99, pageimage.ErrNoPage},
		{"not a PDF", []byte("inte en pdf"), 1, pageimage.ErrRender},
		{"page 0", pdf, 0, pageimage.ErrNoPage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i := 0; i < 2; i++ { // the failure is remembered, not retried
				if _, err := r.Render(ctx, key(tt.data), tt.page, load(tt.data)); !errors.Is(err, tt.want) {
					t.Fatalf("err = %v, want %v", err, tt.want)
				}
			}
		})
	}
	if _, err := r.Render(ctx, "../../etc/passwd", 1, load(pdf)); !errors.Is(err, pageimage.ErrNoPage) {
		t.Errorf("a key that is not a hash: %v", err)
	}
}

// TestCacheBound: the cache folder stays within its bound, the least
// recently used page goes first, and a restart keeps the order of use.
func TestCacheBound(t *testing.T) {
	pdf, err := os.ReadFile("../../extract/pdftext/testdata/swedish.pdf")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	ctx := context.Background()
	// Three documents with the same content under different keys: pages of
	// one size.
	docs := []string{strings.Repeat("a", 64), strings.Repeat("b", 64), strings.Repeat("c", 64)}
	probe, err := pageimage.New(t.TempDir(), pageimage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := probe.Render(ctx, docs[0], 1, func(context.Context) ([]byte, error) { return pdf, nil })
	if err != nil {
		t.Fatal(err)
	}
	size := int64(len(p.PNG))

	loads := map[string]int{}
	render := func(r *pageimage.Renderer, doc string) {
		t.Helper()
		if _, err := r.Render(ctx, doc, 1, func(context.Context) ([]byte, error) { loads[doc]++; return pdf, nil }); err != nil {
			t.Fatal(err)
		}
	}
	folder := func() (n int, bytes int64) {
		des, _ := os.ReadDir(dir)
		for _, de := range des {
			info, _ := de.Info()
			n, bytes = n+1, bytes+info.Size()
		}
		return n, bytes
	}

	r, err := pageimage.New(dir, pageimage.Options{MaxBytes: 2*size + size/2}) // room for two pages
	if err != nil {
		t.Fatal(err)
	}
	render(r, docs[0])
	render(r, docs[1])
	render(r, docs[0]) // a is now more recently used than b
	render(r, docs[2]) // c pushes out b
	if n, bytes := folder(); n != 2 || bytes > 2*size+size/2 {
		t.Errorf("cache folder holds %d files, %d bytes; want 2 pages within the bound", n, bytes)
	}
	render(r, docs[0])
	render(r, docs[2])
	if loads[docs[0]] != 1 || loads[docs[2]] != 1 {
		t.Errorf("loads %v: a and c should come from the cache", loads)
	}
	render(r, docs[1])
	if loads[docs[1]] != 2 {
		t.Errorf("b was loaded %d times; it should have been evicted and rendered again", loads[docs[1]])
	}

	// A restart with room for one page keeps the most recently used (b).
	r, err = pageimage.New(dir, pageimage.Options{MaxBytes: size + size/2})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := folder(); n != 1 {
		t.Errorf("after the restart the folder holds %d files, want 1", n)
	}
	render(r, docs[1])
	if loads[docs[1]] != 2 {
		t.Errorf("b was loaded again after the restart; the most recently used page should stay")
	}
}

// A machine without pdftoppm fails every page, but once an operator has
// installed it the same cache folder renders them: the failure is not kept.
func TestMissingToolNotRemembered(t *testing.T) {
	pdf, err := os.ReadFile("../../extract/pdftext/testdata/swedish.pdf")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	load := func(context.Context) ([]byte, error) { return pdf, nil }
	without, err := pageimage.New(dir, pageimage.Options{Pdftoppm: "arsflow-no-such-pdftoppm"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := without.Render(context.Background(), key(pdf), 1, load); !errors.Is(err, pageimage.ErrRender) {
		t.Fatalf("without pdftoppm: err = %v, want ErrRender", err)
	}
	with, err := pageimage.New(dir, pageimage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := with.Render(context.Background(), key(pdf), 1, load); err != nil {
		t.Fatalf("with pdftoppm, same cache folder: %v", err)
	}
}
