// Package pdftext turns a PDF into per-page text with line and word positions.
//
// It is built on github.com/ledongthuc/pdf and designed around that library's
// known weaknesses: it extracts page by page and recovers from panics, rebuilds
// words and lines from glyph positions (caching what makes that slow), measures
// the quality of each page's text, falls back to poppler's pdftotext where the
// library fails or its text looks garbled, and runs OCR (tesseract) last. Every
// page records which method produced it.
package pdftext
