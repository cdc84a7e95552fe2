package extract

import (
	"strings"
	"testing"

	"arsflow/extract/casefile"
)

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-03-14", "31/12 2025", "den 14 mars 2025", "14:e mars 2025", "20250314", "1 januari 31 december 2012", "31.12.2025", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		iso, ok := ParseDate(s)
		if !ok {
			return
		}
		if again, ok := ParseDate(iso); !ok || again != iso {
			t.Fatalf("ParseDate(%q) = %q, which reads back as %q, %v", s, iso, again, ok)
		}
	})
}

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
