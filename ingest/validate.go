package ingest

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
)

// headWindow and tailWindow are how far from the start a PDF header and from
// the end an end-of-file marker are looked for. PDF readers accept a header
// anywhere in the first 1024 bytes.
const (
	headWindow = 1024
	tailWindow = 1024
)

var (
	pdfMagic    = []byte("%PDF-")
	pdfEOF      = []byte("%%EOF")
	zipMagic    = []byte("PK\x03\x04")
	zipEmpty    = []byte("PK\x05\x06")
	zipSpanning = []byte("PK\x07\x08")
)

// Check validates one file by its content: size is the number of bytes
// received (data may be shorter when the file was over the limit and not
// kept). It returns a rejection as an *Error of kind ErrRejected with a
// Swedish reason, and for an accepted file possibly a warning.
func Check(data []byte, size int64, lim Limits) (warning string, err error) {
	lim = lim.withDefaults()
	switch {
	case size == 0:
		return "", fail(ErrRejected, "filen är tom")
	case size > lim.MaxFileSize:
		return "", fail(ErrRejected, fmt.Sprintf("filen är för stor (%s; största tillåtna storlek är %s)",
			humanSize(size), humanSize(lim.MaxFileSize)))
	}
	if !isPDF(data) {
		msg := "filen är inte en PDF (innehållet börjar inte med %PDF-)"
		if kind := describe(data); kind != "" {
			msg += "; innehållet ser ut som " + kind
		}
		return "", fail(ErrRejected, msg)
	}
	tail := data[max(0, len(data)-tailWindow):]
	if !bytes.Contains(tail, pdfEOF) {
		warning = "filen saknar %%EOF i slutet och kan vara avkortad"
	}
	return warning, nil
}

// isPDF reports whether a PDF header, "%PDF-" and a version digit, occurs in
// the first 1024 bytes.
func isPDF(data []byte) bool {
	head := data[:min(len(data), headWindow+len(pdfMagic)+1)]
	i := bytes.Index(head, pdfMagic)
	if i < 0 || i > headWindow {
		return false
	}
	j := i + len(pdfMagic)
	return j < len(data) && data[j] >= '1' && data[j] <= '9'
}

// isZip reports whether data starts like a zip archive.
func isZip(data []byte) bool {
	return bytes.HasPrefix(data, zipMagic) || bytes.HasPrefix(data, zipEmpty) || bytes.HasPrefix(data, zipSpanning)
}

// contentType names data's media type for the documents table.
func contentType(data []byte) string {
	switch {
	case isPDF(data):
		return "application/pdf"
	case isZip(data):
		return "application/zip"
	case len(data) == 0:
		return "application/octet-stream"
	}
	ct, _, _ := strings.Cut(http.DetectContentType(data), ";")
	return ct
}

// describe says in Swedish what data looks like, for a rejection message; ""
// when unknown.
func describe(data []byte) string {
	if len(data) == 0 {
		return ""
	}
	if isZip(data) {
		return "en zip-fil (eller ett Office-dokument)"
	}
	switch contentType(data) {
	case "image/png":
		return "en PNG-bild"
	case "image/jpeg":
		return "en JPEG-bild"
	case "image/gif":
		return "en GIF-bild"
	case "image/webp", "image/bmp", "image/x-icon":
		return "en bild"
	case "text/html":
		return "en webbsida (HTML)"
	case "text/xml":
		return "XML"
	case "text/plain":
		return "vanlig text"
	case "application/x-gzip", "application/x-rar-compressed", "application/x-7z-compressed":
		return "ett komprimerat arkiv som inte är zip"
	}
	if bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0")) {
		return "ett äldre Office-dokument"
	}
	if bytes.HasPrefix(data, []byte("II*\x00")) || bytes.HasPrefix(data, []byte("MM\x00*")) {
		return "en TIFF-bild"
	}
	return ""
}
