package extract

import "testing"

// BenchmarkDocumentFromPages measures field reading on a four-document case
// of hand-made text (no PDF parsing).
func BenchmarkDocumentFromPages(b *testing.B) {
	for b.Loop() {
		caseOf(goodCase)
	}
}
