package extract

import (
	"context"
	"os"
	"os/exec"
	"sort"
	"testing"
)

// TestEvalThresholds runs the evaluation on testdata/cases and, when it is
// there, on the real development corpus in ../shared/real-corpus, and fails
// below the figures extraction has to hold: field F1 on text-layer and on
// scanned cases, every check's precision and recall, and the accuracy of
// values given a confidence of 0.9 or more. Scanned cases need tesseract;
// without it their field F1 is not held to. -short skips the test.
func TestEvalThresholds(t *testing.T) {
	if testing.Short() {
		t.Skip("the evaluation reads and OCRs every case")
	}
	_, ocrErr := exec.LookPath("tesseract")
	for _, c := range []struct {
		name, dir           string
		optional            bool
		fieldsText, scanned float64
	}{
		{"testdata", "../testdata/cases", false, 0.99, 0.99},
		{"real-corpus", "../../shared/real-corpus/cases", true, 0.90, 0.85},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if _, err := os.Stat(c.dir); err != nil {
				if c.optional {
					t.Skipf("%s is not here", c.dir)
				}
				t.Fatal(err)
			}
			r, err := Eval(context.Background(), []string{c.dir}, DefaultOptions(), nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, ce := range r.Cases {
				if ce.Error != "" {
					t.Errorf("%s: %s", ce.Dir, ce.Error)
				}
			}
			if f := r.FieldsText.F1(); f < c.fieldsText {
				t.Errorf("field F1 on text-layer cases %.3f, want ≥ %.2f", f, c.fieldsText)
			}
			if f := r.FieldsScanned.F1(); f < c.scanned && ocrErr == nil {
				t.Errorf("field F1 on scanned cases %.3f, want ≥ %.2f", f, c.scanned)
			}
			var codes []string
			for code := range r.Checks {
				codes = append(codes, code)
			}
			sort.Strings(codes)
			for _, code := range codes {
				k := r.Checks[code]
				if p, rc := k.Precision(), k.Recall(); p < 0.9 || rc < 0.9 {
					t.Errorf("check %s: precision %.3f, recall %.3f (TP %d, FP %d, FN %d), want both ≥ 0.90", code, p, rc, k.TP, k.FP, k.FN)
				}
			}
			for _, b := range r.Calibration {
				if b.Low >= 0.9 && b.Values > 0 && b.Accuracy() < 0.98 {
					t.Errorf("values with confidence ≥ %.2f: %d of %d right (%.3f), want ≥ 0.98", b.Low, b.Right, b.Values, b.Accuracy())
				}
			}
			t.Logf("fields F1 text-layer %.3f, scanned %.3f; checks P %.3f R %.3f", r.FieldsText.F1(), r.FieldsScanned.F1(), r.ChecksAll.Precision(), r.ChecksAll.Recall())
		})
	}
}
