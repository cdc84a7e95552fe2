package pdftext

import "time"

// Options control how text is extracted.
type Options struct {
	// OCR runs tesseract on pages without usable text.
	OCR bool
	// Languages are tesseract's language codes, joined by "+".
	Languages string
	// DPI is the resolution at which pages are rendered for OCR.
	DPI int
	// PageTimeout bounds each external command (pdftotext, pdftoppm,
	// tesseract) run for a page; zero means no bound beyond ctx.
	PageTimeout time.Duration
	// Pdftotext, Tesseract and Pdftoppm are paths to the poppler and
	// tesseract binaries; "" looks them up in PATH. A missing binary skips
	// the step that needs it.
	Pdftotext, Tesseract, Pdftoppm string
	// Workers is the number of pages worked on at once; zero means
	// runtime.GOMAXPROCS(0).
	Workers int
	// Child is the program ExtractIsolated runs as the parser child; ""
	// runs this executable again. It must call MaybeRunChild first, as
	// cmd/arsflow-extract does: a program that links only the reader
	// starts faster and holds no server code (see ChildWorks).
	Child string `json:"-"`
}

// DefaultOptions returns the options used in production: OCR on, Swedish
// and English, 200 dpi, two minutes per page, binaries from PATH.
func DefaultOptions() Options {
	return Options{
		OCR:         true,
		Languages:   "swe+eng",
		DPI:         200,
		PageTimeout: 2 * time.Minute,
	}
}
