package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"time"

	"github.com/go-pdf/fpdf"
)

// chromiumPDF prints an HTML document to a PDF with headless Chromium.
func chromiumPDF(ctx context.Context, chromium, htmlDoc, out string) error {
	tmp, err := os.MkdirTemp("", "holdout-chromium-")
	if err != nil {
		return fmt.Errorf("chromium: temp dir: %w", err)
	}
	defer os.RemoveAll(tmp)
	in := filepath.Join(tmp, "doc.html")
	if err := os.WriteFile(in, []byte(htmlDoc), 0o644); err != nil {
		return fmt.Errorf("chromium: write html: %w", err)
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return fmt.Errorf("chromium: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(tmp, "profile"), "--print-to-pdf="+abs, "--no-pdf-header-footer",
		"file://"+in)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("chromium %s: %w: %s", out, err, msg)
	}
	if st, err := os.Stat(abs); err != nil || st.Size() == 0 {
		return fmt.Errorf("chromium %s: no PDF written", out)
	}
	return nil
}

// scanPDF turns the text PDF at src into an image-only PDF at dst, as if
// printed, scanned at 150 dpi grey and saved by an office scanner.
func scanPDF(ctx context.Context, src, dst string, r *rand.Rand) error {
	tmp, err := os.MkdirTemp("", "holdout-scan-")
	if err != nil {
		return fmt.Errorf("scan: temp dir: %w", err)
	}
	defer os.RemoveAll(tmp)
	cmd := exec.CommandContext(ctx, "pdftoppm", "-r", "150", "-gray", "-png", src, filepath.Join(tmp, "p"))
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("scan: pdftoppm %s: %w: %s", src, err, msg)
	}
	pages, err := filepath.Glob(filepath.Join(tmp, "p-*.png"))
	if err != nil || len(pages) == 0 {
		return fmt.Errorf("scan: no pages rendered from %s", src)
	}
	sort.Strings(pages)
	pdf := fpdf.New("P", "mm", "A4", "")
	fixed := time.Date(2026, 3, 20, 10, 14, 0, 0, time.UTC)
	pdf.SetCreationDate(fixed)
	pdf.SetModificationDate(fixed)
	pdf.SetCatalogSort(true)
	pdf.SetCreator("Canon iR-ADV C3530", false)
	pdf.SetProducer("Canon iR-ADV C3530 PDF", false)
	for i, p := range pages {
		f, err := os.Open(p)
		if err != nil {
			return fmt.Errorf("scan: %w", err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("scan: decode %s: %w", p, err)
		}
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, degrade(img, r), &jpeg.Options{Quality: 55}); err != nil {
			return fmt.Errorf("scan: jpeg: %w", err)
		}
		name := fmt.Sprintf("page%d", i+1)
		opt := fpdf.ImageOptions{ImageType: "JPG"}
		pdf.AddPage()
		pdf.RegisterImageOptionsReader(name, opt, &buf)
		pdf.ImageOptions(name, 0, 0, 210, 297, false, opt, 0, "")
	}
	if err := pdf.OutputFileAndClose(dst); err != nil {
		return fmt.Errorf("scan: write %s: %w", dst, err)
	}
	return nil
}

// degrade turns, shifts, greys and speckles a rendered page.
func degrade(src image.Image, r *rand.Rand) *image.Gray {
	bnd := src.Bounds()
	w, h := bnd.Dx(), bnd.Dy()
	g := image.NewGray(bnd)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			g.Set(x, y, color.GrayModel.Convert(src.At(bnd.Min.X+x, bnd.Min.Y+y)))
		}
	}
	deg := 0.25 + 0.5*r.Float64()
	if r.IntN(2) == 0 {
		deg = -deg
	}
	th := deg * math.Pi / 180
	sin, cos := math.Sin(th), math.Cos(th)
	shx, shy := float64(r.IntN(13)-6), float64(r.IntN(13)-6)
	cx, cy := float64(w)/2, float64(h)/2
	at := func(x, y int) float64 {
		if x < 0 || y < 0 || x >= w || y >= h {
			return 255
		}
		return float64(g.Pix[y*g.Stride+x])
	}
	out := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := float64(x)-cx-shx, float64(y)-cy-shy
			sx := cos*dx + sin*dy + cx
			sy := -sin*dx + cos*dy + cy
			x0, y0 := int(math.Floor(sx)), int(math.Floor(sy))
			fx, fy := sx-float64(x0), sy-float64(y0)
			v := at(x0, y0)*(1-fx)*(1-fy) + at(x0+1, y0)*fx*(1-fy) + at(x0, y0+1)*(1-fx)*fy + at(x0+1, y0+1)*fx*fy
			v = 30 + v*(238-30)/255 + r.NormFloat64()*9
			out.Pix[y*out.Stride+x] = clamp(v)
		}
	}
	for range 90 + r.IntN(60) {
		x, y, rad := r.IntN(w), r.IntN(h), 1+r.IntN(2)
		for yy := y - rad; yy <= y+rad; yy++ {
			for xx := x - rad; xx <= x+rad; xx++ {
				if xx >= 0 && yy >= 0 && xx < w && yy < h {
					out.Pix[yy*out.Stride+xx] = uint8(40 + r.IntN(60))
				}
			}
		}
	}
	return out
}

func clamp(v float64) uint8 {
	switch {
	case v < 0:
		return 0
	case v > 255:
		return 255
	}
	return uint8(v)
}
