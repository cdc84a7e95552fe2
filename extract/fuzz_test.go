package extract

import (
	"strings"
	"testing"

	"arsflow/extract/casefile"
)

// FuzzFields feeds arbitrary text through classification, field reading and
// the checks: nothing may panic and every field must carry evidence.
func FuzzFields(f *testing.F) {
	for _, s := range goodCase {
		f.Add(s)
	}
	f.Add("Summa intäkter   (   \nÅrets resultat −\f§ 1 ansvarsfrihet beviljades ej")
	f.Fuzz(func(t *testing.T, s string) {
		doc := DocumentFromPages("f.pdf", pagesOf(strings.Split(s, "\f")...))
		for k, fl := range doc.Fields {
			if fl.File != "f.pdf" || fl.Page < 1 || fl.Confidence < 0 || fl.Confidence > 1 {
				t.Fatalf("%s: bad evidence %+v", k, fl.Candidate)
			}
		}
		AssembleCase("x", []*casefile.Document{doc})
	})
}
