package pdftext

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// popplerFallback reads pages with pdftotext -bbox-layout: all of them when
// the library could not open the document (all is set), else those whose
// text scored low. A page keeps whichever text scores better.
func popplerFallback(ctx context.Context, t tools, opts Options, file *tempPDF, pages []Page, all bool) ([]Page, error) {
	first, last := 0, 0
	if !all {
		for _, p := range pages {
			if p.Quality >= goodQuality {
				continue
			}
			if first == 0 {
				first = p.Number
			}
			last = p.Number
		}
		if first == 0 {
			return pages, nil
		}
	}
	path, err := file.get()
	if err != nil {
		return pages, err
	}
	args := []string{"-bbox-layout", "-enc", "UTF-8", "-q"}
	if first > 0 {
		args = append(args, "-f", strconv.Itoa(first), "-l", strconv.Itoa(last))
	}
	args = append(args, path, "-")
	n := max(1, last-first+1)
	if all {
		n = 10
	}
	timeout := opts.PageTimeout * time.Duration(n)
	out, err := runTool(ctx, timeout, nil, t.pdftotext, args...)
	if err != nil {
		var te *errTool
		if errors.As(err, &te) && strings.Contains(strings.ToLower(te.stderr), "password") {
			return pages, fmt.Errorf("pdftotext: %w", ErrEncrypted)
		}
		if len(out) == 0 {
			return pages, fmt.Errorf("pdftotext: %w", err)
		}
	}
	got, perr := parseBBoxLayout(out)
	if perr != nil && len(got) == 0 {
		return pages, fmt.Errorf("pdftotext: %w", perr)
	}
	if all {
		for i := range got {
			got[i].Number = i + 1
		}
		return got, nil
	}
	for i, g := range got {
		num := first + i
		if num < 1 || num > len(pages) {
			continue
		}
		p := &pages[num-1]
		if p.Quality >= goodQuality {
			continue
		}
		g.Number = num
		if g.Quality > p.Quality || (g.Quality == p.Quality && len(g.Text) > len(p.Text)) {
			*p = g
		}
	}
	return pages, nil
}

// bboxDoc is the XHTML that pdftotext -bbox-layout writes.
type bboxDoc struct {
	Pages []struct {
		Width  float64 `xml:"width,attr"`
		Height float64 `xml:"height,attr"`
		Words  []struct {
			XMin float64 `xml:"xMin,attr"`
			YMin float64 `xml:"yMin,attr"`
			XMax float64 `xml:"xMax,attr"`
			YMax float64 `xml:"yMax,attr"`
			Text string  `xml:",chardata"`
		} `xml:"flow>block>line>word"`
	} `xml:"body>doc>page"`
}

// parseBBoxLayout turns pdftotext's word boxes into pages, rebuilding lines
// with the same layout code as the library's glyphs.
func parseBBoxLayout(out []byte) ([]Page, error) {
	var doc bboxDoc
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("parse bbox layout: %w", err)
	}
	pages := make([]Page, 0, len(doc.Pages))
	for _, dp := range doc.Pages {
		p := Page{Width: dp.Width, Height: dp.Height, Source: SourcePdftotext}
		gs := make([]glyph, 0, len(dp.Words))
		for _, w := range dp.Words {
			h := w.YMax - w.YMin
			if h <= 0 || strings.TrimSpace(w.Text) == "" {
				continue
			}
			// pdftotext's box spans ascender to descender, from the top.
			size := h / (ascent + descent)
			gs = append(gs, glyph{
				s:    strings.TrimSpace(w.Text),
				x:    w.XMin,
				y:    dp.Height - w.YMax + descent*size,
				w:    w.XMax - w.XMin,
				size: size,
			})
		}
		p.Lines = buildLines(gs)
		p.Text = joinLines(p.Lines)
		p.Quality = Score(p.Text)
		pages = append(pages, p)
	}
	return pages, nil
}
