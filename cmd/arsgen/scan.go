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
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"

	"github.com/go-pdf/fpdf"
)

// scanPDF turns a rendered PDF into a scanned one: each page is rasterised
// at 150 dpi in grey, turned slightly, given noise, stored as JPEG and
// wrapped in a PDF without any text layer.
func scanPDF(ctx context.Context, src []byte, seed int64) ([]byte, error) {
	dir, err := os.MkdirTemp("", "arsgen-scan")
	if err != nil {
		return nil, fmt.Errorf("scan: %w", err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, src, 0o644); err != nil {
		return nil, fmt.Errorf("scan: %w", err)
	}
	cmd := exec.CommandContext(ctx, "pdftoppm", "-r", "150", "-gray", "-png", in, filepath.Join(dir, "p"))
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("run pdftoppm: %w: %s", err, out)
	}
	pages, err := filepath.Glob(filepath.Join(dir, "p-*.png"))
	if err != nil {
		return nil, fmt.Errorf("scan: %w", err)
	}
	sort.Strings(pages)
	rng := rand.New(rand.NewSource(seed))
	p := fpdf.New("P", "mm", "A4", "")
	p.SetCatalogSort(true)
	p.SetCreationDate(fixedDate)
	p.SetModificationDate(fixedDate)
	p.SetProducer("Canon iR-ADV C5535 (simulerad skanner)", true)
	p.SetAutoPageBreak(false, 0)
	// fpdf's pooled zlib buffers made these streams differ between runs;
	// the pages are JPEG already, so nothing is lost without compression.
	p.SetCompression(false)
	for i, path := range pages {
		raw, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("scan: %w", err)
		}
		img, err := png.Decode(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Errorf("decode page %d: %w", i+1, err)
		}
		g := degrade(img, rng)
		var jb bytes.Buffer
		if err := jpeg.Encode(&jb, g, &jpeg.Options{Quality: 55}); err != nil {
			return nil, fmt.Errorf("encode page %d: %w", i+1, err)
		}
		name := fmt.Sprintf("page%03d", i+1)
		p.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "JPG"}, &jb)
		p.AddPage()
		p.ImageOptions(name, 0, 0, 210, 297, false, fpdf.ImageOptions{ImageType: "JPG"}, 0, "")
	}
	var out bytes.Buffer
	if err := p.Output(&out); err != nil {
		return nil, fmt.Errorf("write scan pdf: %w", err)
	}
	return out.Bytes(), nil
}

// degrade rotates the page by a small angle, greys the paper and adds noise
// and specks, as a cheap office scanner does.
func degrade(src image.Image, rng *rand.Rand) *image.Gray {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	angle := (rng.Float64()*1.6 - 0.8) * math.Pi / 180
	sin, cos := math.Sin(angle), math.Cos(angle)
	cx, cy := float64(w)/2, float64(h)/2
	dx, dy := rng.Float64()*8-4, rng.Float64()*8-4
	out := image.NewGray(image.Rect(0, 0, w, h))
	plane := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			plane.Pix[y*plane.Stride+x] = color.GrayModel.Convert(src.At(b.Min.X+x, b.Min.Y+y)).(color.Gray).Y
		}
	}
	gray := func(x, y int) float64 {
		if x < 0 || y < 0 || x >= w || y >= h {
			return 235
		}
		return float64(plane.Pix[y*plane.Stride+x])
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			// Inverse rotation about the centre, bilinear sampling.
			fx := cos*(float64(x)-cx) + sin*(float64(y)-cy) + cx - dx
			fy := -sin*(float64(x)-cx) + cos*(float64(y)-cy) + cy - dy
			x0, y0 := int(math.Floor(fx)), int(math.Floor(fy))
			ax, ay := fx-float64(x0), fy-float64(y0)
			v := gray(x0, y0)*(1-ax)*(1-ay) + gray(x0+1, y0)*ax*(1-ay) +
				gray(x0, y0+1)*(1-ax)*ay + gray(x0+1, y0+1)*ax*ay
			v = v*0.9 + 12 + rng.NormFloat64()*9
			out.SetGray(x, y, color.Gray{Y: clamp(v)})
		}
	}
	for i := 0; i < 300; i++ {
		x, y := rng.Intn(w), rng.Intn(h)
		out.SetGray(x, y, color.Gray{Y: uint8(rng.Intn(90))})
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
