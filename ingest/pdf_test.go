package ingest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io/fs"
	"testing"
)

// testPDF returns a small, valid one-page PDF showing text (ASCII), with a
// correct cross-reference table.
func testPDF(text string) []byte {
	stream := fmt.Sprintf("BT /F1 12 Tf 72 720 Td (%s) Tj ET", text)
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// zipEntry is one entry of a test zip.
type zipEntry struct {
	name  string
	data  []byte
	mode  fs.FileMode // 0: regular file
	flags uint16      // extra general-purpose flags (0x1: encrypted)
	store bool        // no compression
	raw   *rawEntry   // write these raw bytes and header sizes instead
}

// rawEntry is an entry written with lying headers.
type rawEntry struct {
	compressed   []byte
	crc          uint32
	uncompressed uint64 // declared
}

// testZip builds a zip from entries.
func testZip(t testing.TB, entries ...zipEntry) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, e := range entries {
		fh := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.store {
			fh.Method = zip.Store
		}
		if e.mode != 0 {
			fh.SetMode(e.mode)
		}
		if e.raw != nil {
			fh.CompressedSize64 = uint64(len(e.raw.compressed))
			fh.UncompressedSize64 = e.raw.uncompressed
			fh.CRC32 = e.raw.crc
			w, err := zw.CreateRaw(fh)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.Write(e.raw.compressed); err != nil {
				t.Fatal(err)
			}
			continue
		}
		fh.Flags |= e.flags
		w, err := zw.CreateHeader(fh)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
