package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"arsflow/extract/casefile"
	"arsflow/extract/pdftext"
)

// textPages reads a hand-made fixture: pages separated by form feeds, one
// line per text line, with synthetic boxes.
func textPages(t *testing.T, name string) []pdftext.Page {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "text", name))
	if err != nil {
		t.Fatal(err)
	}
	return pagesOf(strings.Split(string(b), "\f")...)
}

// docOf builds a document from text pages.
func docOf(file string, texts ...string) *casefile.Document {
	return DocumentFromPages(file, pagesOf(texts...))
}
