package main

import (
	"bytes"
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
	"time"

	"github.com/go-pdf/fpdf"
)

// scan rasterises src at 150 dpi grey, turns each page slightly, adds
// noise, stores it as JPEG and wraps the pages in a PDF with no text layer.
func scan(src, dst string, seed int64) error {
	dir, err := os.MkdirTemp("", "scan-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if b, err := exec.Command("pdftoppm", "-r", "150", "-gray", "-png", src, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		return fmt.Errorf("pdftoppm: %w: %s", err, b)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "p-*.png"))
	sort.Strings(pages)
	r := rand.New(rand.NewSource(seed))
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(time.Date(2026, 4, 2, 10, 0, 0, 0, time.UTC))
	pdf.SetModificationDate(time.Date(2026, 4, 2, 10, 0, 0, 0, time.UTC))
	pdf.SetAutoPageBreak(false, 0)
	for i, p := range pages {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("decode %s: %w", p, err)
		}
		angle := (r.Float64()*1.2 - 0.6) * math.Pi / 180
		g := degrade(img, angle, r)
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, g, &jpeg.Options{Quality: 60}); err != nil {
			return err
		}
		name := fmt.Sprintf("page%d", i)
		pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "JPG"}, &buf)
		pdf.AddPage()
		pdf.ImageOptions(name, 0, 0, 210, 297, false, fpdf.ImageOptions{ImageType: "JPG"}, 0, "")
	}
	return pdf.OutputFileAndClose(dst)
}

func degrade(img image.Image, angle float64, r *rand.Rand) *image.Gray {
	bnd := img.Bounds()
	w, h := bnd.Dx(), bnd.Dy()
	out := image.NewGray(image.Rect(0, 0, w, h))
	cx, cy := float64(w)/2, float64(h)/2
	sin, cos := math.Sin(angle), math.Cos(angle)
	dx, dy := r.Float64()*6-3, r.Float64()*6-3
	at := func(x, y int) float64 {
		if x < 0 || y < 0 || x >= w || y >= h {
			return 250
		}
		return float64(color.GrayModel.Convert(img.At(bnd.Min.X+x, bnd.Min.Y+y)).(color.Gray).Y)
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			fx := cos*(float64(x)-cx) + sin*(float64(y)-cy) + cx + dx
			fy := -sin*(float64(x)-cx) + cos*(float64(y)-cy) + cy + dy
			x0, y0 := int(math.Floor(fx)), int(math.Floor(fy))
			ax, ay := fx-float64(x0), fy-float64(y0)
			v := at(x0, y0)*(1-ax)*(1-ay) + at(x0+1, y0)*ax*(1-ay) + at(x0, y0+1)*(1-ax)*ay + at(x0+1, y0+1)*ax*ay
			v = v*0.93 + 8 + r.NormFloat64()*7
			if r.Intn(20000) == 0 {
				v = 40
			}
			out.SetGray(x, y, color.Gray{Y: uint8(math.Max(0, math.Min(255, v)))})
		}
	}
	return out
}
