package casefile

// BBox is a rectangle on a page in PDF user-space points, origin bottom-left.
type BBox struct {
	X0 float64 `json:"x0"`
	Y0 float64 `json:"y0"`
	X1 float64 `json:"x1"`
	Y1 float64 `json:"y1"`
}

// Union returns the smallest box holding a and b; a zero box is empty.
func (a BBox) Union(b BBox) BBox {
	if a == (BBox{}) {
		return b
	}
	if b == (BBox{}) {
		return a
	}
	return BBox{X0: min(a.X0, b.X0), Y0: min(a.Y0, b.Y0), X1: max(a.X1, b.X1), Y1: max(a.Y1, b.Y1)}
}

// Word is one word with its position.
type Word struct {
	Text string `json:"text"`
	BBox BBox   `json:"bbox"`
}

// Line is one line of text rebuilt from glyph positions, in reading order.
type Line struct {
	Text  string `json:"text"`
	BBox  BBox   `json:"bbox"`
	Words []Word `json:"words,omitempty"`
}

// Source names where a page's text came from.
type Source string

// Text sources, in the order they are tried.
const (
	SourcePDF       Source = "pdf"       // ledongthuc/pdf, rebuilt from glyph positions
	SourcePdftotext Source = "pdftotext" // poppler fallback
	SourceOCR       Source = "ocr"       // tesseract
	SourceNone      Source = "none"      // no text could be had
)

// Page is the text of one page.
type Page struct {
	Number  int     `json:"number"` // 1-based
	Width   float64 `json:"width,omitempty"`
	Height  float64 `json:"height,omitempty"`
	Source  Source  `json:"source"`
	Quality float64 `json:"quality"` // 0 (garbled or empty) .. 1 (clean text)
	Text    string  `json:"text"`    // lines joined by "\n"
	Lines   []Line  `json:"lines,omitempty"`
	// NeedsOCR is set when the page has no usable text layer and OCR was not available.
	NeedsOCR bool `json:"needs_ocr,omitempty"`
}
