package pdftext

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"sync"
	"unicode"
)

// Extract extracts the text of every page of the PDF in data, in-process.
//
// Each page is read with ledongthuc/pdf, words and lines rebuilt from glyph
// positions, with panics recovered per page. Pages whose text is missing or
// looks garbled are read again with poppler's pdftotext, and pages still
// without text are OCR'd with tesseract when opts.OCR is set and the
// binaries exist; otherwise they are marked NeedsOCR. Page.Source records
// which method produced each page.
//
// Extract returns an error wrapping ErrNotPDF, ErrEncrypted or ErrDamaged
// when the document cannot be read at all. When it can be read but no page
// yields any text, it returns the Result (so that NeedsOCR can be seen)
// together with an error wrapping ErrNoText.
func Extract(ctx context.Context, data []byte, opts Options) (*Result, error) {
	if findHeader(data) < 0 {
		return nil, fmt.Errorf("pdftext: extract: %w", ErrNotPDF)
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	file := &tempPDF{data: data}
	defer file.remove()

	doc, openErr := openDocument(data)
	var pages []Page
	var images []float64
	if openErr == nil {
		pages, images = doc.readAll(ctx, opts.Workers)
	}
	if err := ctx.Err(); err != nil {
		return nil, ctxError("extract", err)
	}

	// Poppler where the library failed, or for the pages it read badly. The
	// tools are looked up only then: a document whose every page reads well
	// does not pay for searching PATH.
	var tools tools
	looked := false
	if openErr != nil || readBadly(pages) {
		tools, looked = findTools(opts), true
	}
	if tools.pdftotext != "" {
		var err error
		pages, err = popplerFallback(ctx, tools, opts, file, pages, openErr != nil)
		if err != nil {
			if errors.Is(err, ErrEncrypted) || openErr == nil && errors.Is(err, context.DeadlineExceeded) {
				return nil, fmt.Errorf("pdftext: extract: %w", err)
			}
			if openErr != nil {
				return nil, fmt.Errorf("pdftext: extract: %w (library: %v; pdftotext: %v)", damaged(openErr), openErr, err)
			}
		}
	}
	if len(pages) == 0 {
		if openErr == nil {
			openErr = errors.New("no pages")
		}
		return nil, fmt.Errorf("pdftext: extract: %w", damaged(openErr))
	}

	// OCR last, for pages without usable text.
	var need []int
	for i := range pages {
		img := 0.0
		if i < len(images) {
			img = images[i]
		}
		if needsOCR(&pages[i], img) {
			need = append(need, i)
		}
	}
	if len(need) > 0 {
		if !looked {
			tools = findTools(opts)
		}
		tools = tools.withLanguages(opts)
		if opts.OCR && tools.ocrReady() {
			ocrPages(ctx, tools, opts, file, pages, need)
		}
		for _, i := range need {
			p := &pages[i]
			if p.Source != SourceOCR && !hasText(p) {
				p.NeedsOCR = true
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, ctxError("extract", err)
	}
	for i := range pages {
		cleanPage(&pages[i])
	}
	res := &Result{Pages: pages}
	if !res.HasText() {
		return res, fmt.Errorf("pdftext: extract: %w", ErrNoText)
	}
	return res, nil
}

// damaged maps an open error to a sentinel: encryption stays, the rest is
// damage.
func damaged(err error) error {
	if errors.Is(err, ErrEncrypted) || errors.Is(err, ErrNotPDF) {
		return err
	}
	return ErrDamaged
}

// ctxError maps a context error to ErrTimeout where the deadline passed.
func ctxError(op string, err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("pdftext: %s: %w", op, ErrTimeout)
	}
	return fmt.Errorf("pdftext: %s: %w", op, err)
}

// readAll reads every page with the library, on several goroutines.
func (d *document) readAll(ctx context.Context, workers int) ([]Page, []float64) {
	n := len(d.pages)
	pages := make([]Page, n)
	images := make([]float64, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Go(func() {
			for i := range next {
				lp := d.readPage(i + 1)
				pages[i], images[i] = lp.page, lp.imageArea
			}
		})
	}
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	for i := range n {
		select {
		case next <- i:
			continue
		case <-ctx.Done():
		}
		break
	}
	close(next)
	// A page stuck in the library cannot be stopped; the caller gets its
	// timeout anyway (ExtractIsolated is the way to contain such files).
	select {
	case <-done:
		return pages, images
	case <-ctx.Done():
		return nil, nil
	}
}

// readBadly reports whether the library read a page below goodQuality, so
// that poppler reads it again.
func readBadly(pages []Page) bool {
	for _, p := range pages {
		if p.Quality < goodQuality {
			return true
		}
	}
	return false
}

// hasText reports whether a page has a minimum of letters or digits.
func hasText(p *Page) bool {
	return Score(p.Text) > 0
}

// needsOCR reports whether a page should be OCR'd: its text layer is not
// usable, because it is missing or garbled, or because the page is mostly
// an image with no more than a stamped line on it (fewer than 20 letters,
// "Sida 1 av 2"). A page with a usable text layer is never OCR'd for
// holding an image too, nor for holding little text.
func needsOCR(p *Page, imageShare float64) bool {
	if p.Quality < 0.5 {
		return true
	}
	letters := 0
	for _, r := range p.Text {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return imageShare > 0.5 && letters < 20
}

// tempPDF writes the document to a temporary file once, for the external
// tools.
type tempPDF struct {
	data []byte
	once sync.Once
	path string
	err  error
}

func (t *tempPDF) get() (string, error) {
	t.once.Do(func() {
		f, err := os.CreateTemp("", "pdftext-*.pdf")
		if err != nil {
			t.err = fmt.Errorf("create temp file: %w", err)
			return
		}
		t.path = f.Name()
		if _, err := f.Write(t.data); err != nil {
			t.err = fmt.Errorf("write temp file: %w", err)
		}
		if err := f.Close(); err != nil && t.err == nil {
			t.err = fmt.Errorf("close temp file: %w", err)
		}
	})
	return t.path, t.err
}

func (t *tempPDF) remove() {
	if t.path != "" {
		os.Remove(t.path)
	}
}
