package extract

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"testing"
)

var evalDir = flag.String("eval", "", "run the evaluation on this corpus folder and print mismatches")

// TestEvalDev prints an evaluation report for -eval DIR (development aid).
func TestEvalDev(t *testing.T) {
	if *evalDir == "" {
		t.Skip("no -eval DIR")
	}
	opts := DefaultOptions()
	opts.Text.OCR = !strings.Contains(*evalDir, "noocr")
	r, err := Eval(context.Background(), strings.Split(strings.TrimSuffix(*evalDir, ",noocr"), ","), opts, func(ce CaseEval) {
		fmt.Printf("%-50s F1 %.3f %s\n", ce.Dir, ce.Fields.F1(), ce.Error)
		for _, m := range ce.Mismatches {
			fmt.Printf("    %-13s %-24s expected=%v got=%v\n", m.Kind, m.Key, m.Expected, m.Got)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range OutputFields {
		if c, ok := r.Fields[k]; ok {
			fmt.Printf("  %-26s P %.3f R %.3f F1 %.3f\n", k, c.Precision(), c.Recall(), c.F1())
		}
	}
	fmt.Printf("text F1 %.3f  scanned F1 %.3f  all %.3f\n", r.FieldsText.F1(), r.FieldsScanned.F1(), r.FieldsAll.F1())
	for _, k := range SortedKeys(r.Checks) {
		c := r.Checks[k]
		fmt.Printf("  %-30s P %.3f R %.3f (%d/%d/%d)\n", k, c.Precision(), c.Recall(), c.TP, c.FP, c.FN)
	}
	fmt.Printf("types P %.3f R %.3f; personal R %.3f; planted missed %d\n", r.DocumentTypes.Precision(), r.DocumentTypes.Recall(), r.PersonalData.Recall(), r.PlantedMissed)
}
