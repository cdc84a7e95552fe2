package pdftext

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// ocrPages OCRs the pages at the given indexes, several at a time, and
// replaces a page's text when the OCR text scores better.
func ocrPages(ctx context.Context, t tools, opts Options, file *tempPDF, pages []Page, idx []int) {
	path, err := file.get()
	if err != nil {
		return
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(opts.Workers, len(idx)) {
		wg.Go(func() {
			for i := range next {
				p, err := ocrPage(ctx, t, opts, path, pages[i].Number)
				if err != nil {
					continue
				}
				if p.Quality > pages[i].Quality {
					p.Number = pages[i].Number
					if pages[i].Width > 0 {
						p.Width, p.Height = pages[i].Width, pages[i].Height
					}
					pages[i] = p
				}
			}
		})
	}
	for _, i := range idx {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
}

// ocrPage renders one page with pdftoppm and reads it with tesseract.
func ocrPage(ctx context.Context, t tools, opts Options, path string, num int) (Page, error) {
	dir, err := os.MkdirTemp("", "pdftext-ocr-*")
	if err != nil {
		return Page{}, fmt.Errorf("ocr page %d: %w", num, err)
	}
	defer os.RemoveAll(dir)
	dpi := opts.DPI
	if dpi <= 0 {
		dpi = 200
	}
	n := strconv.Itoa(num)
	prefix := filepath.Join(dir, "page")
	if _, err := runTool(ctx, opts.PageTimeout, nil, t.pdftoppm,
		"-r", strconv.Itoa(dpi), "-gray", "-png", "-singlefile", "-f", n, "-l", n, path, prefix); err != nil {
		return Page{}, fmt.Errorf("ocr page %d: render: %w", num, err)
	}
	out, err := runTool(ctx, opts.PageTimeout, []string{"OMP_THREAD_LIMIT=1"}, t.tesseract,
		prefix+".png", "stdout", "-l", t.langs, "tsv")
	if err != nil {
		return Page{}, fmt.Errorf("ocr page %d: tesseract: %w", num, err)
	}
	p := parseTSV(out, float64(dpi))
	p.Number = num
	return p, nil
}

// parseTSV reads tesseract's TSV output into a page. Lines are tesseract's
// own (block, paragraph, line); pixel boxes become PDF points with the
// origin at the bottom left.
func parseTSV(out []byte, dpi float64) Page {
	p := Page{Source: SourceOCR}
	scale := 72 / dpi
	var heightPx float64
	type key struct{ block, par, line int }
	var cur key
	var line *Line
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 12 {
			continue
		}
		level, err := strconv.Atoi(f[0])
		if err != nil {
			continue // the header
		}
		num := func(i int) float64 { v, _ := strconv.ParseFloat(f[i], 64); return v }
		left, top, w, h := num(6), num(7), num(8), num(9)
		if level == 1 {
			heightPx = h
			p.Width, p.Height = w*scale, h*scale
			continue
		}
		text := strings.TrimSpace(f[11])
		if level != 5 || text == "" {
			continue
		}
		k := key{int(num(2)), int(num(3)), int(num(4))}
		box := BBox{X0: left * scale, Y0: (heightPx - top - h) * scale, X1: (left + w) * scale, Y1: (heightPx - top) * scale}
		if line == nil || k != cur {
			p.Lines = append(p.Lines, Line{BBox: box})
			line = &p.Lines[len(p.Lines)-1]
			cur = k
		} else {
			line.Text += " "
			line.BBox = union(line.BBox, box)
		}
		line.Text += text
		line.Words = append(line.Words, Word{Text: text, BBox: box})
	}
	p.Text = joinLines(p.Lines)
	p.Quality = Score(p.Text)
	return p
}
