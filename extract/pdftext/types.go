package pdftext

import "arsflow/extract/casefile"

// The page types are the case vocabulary's, so that a document's text
// travels from here to the summariser and the web layer unchanged.
type (
	// BBox is a rectangle on a page in PDF user-space points, origin bottom-left.
	BBox = casefile.BBox
	// Word is one word with its position.
	Word = casefile.Word
	// Line is one line of text rebuilt from glyph positions, in reading order.
	Line = casefile.Line
	// Source names where a page's text came from.
	Source = casefile.Source
	// Page is the text of one page.
	Page = casefile.Page
)

// Text sources, in the order they are tried.
const (
	SourcePDF       = casefile.SourcePDF
	SourcePdftotext = casefile.SourcePdftotext
	SourceOCR       = casefile.SourceOCR
	SourceNone      = casefile.SourceNone
)

// Result is the text of a whole document.
type Result struct {
	Pages []Page `json:"pages"`
}
