// Package pdftext turns a PDF into per-page text with line and word positions.
//
// It is built on github.com/ledongthuc/pdf and designed around that library's
// known weaknesses: it extracts page by page and recovers from panics, rebuilds
// words and lines from glyph positions (caching what makes that slow), measures
// the quality of each page's text, falls back to poppler's pdftotext where the
// library fails or its text looks garbled, and runs OCR (tesseract) last. Every
// page records which method produced it.
//
// Extract runs in the calling process. For documents from outside, use
// ExtractIsolated, which runs Extract in a child process bounded in time and
// memory; main (and TestMain in packages that use it) must call
// MaybeRunChild first. Errors carry a Swedish explanation: see Reason.
//
// Line text joins words with one space and table cells (gaps wider than
// 1.5 em) with two or more, like pdftotext -layout. Two-column pages are
// read column by column.
package pdftext
