package pageimage_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
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
