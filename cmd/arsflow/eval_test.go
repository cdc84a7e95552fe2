package main

import (
	"path/filepath"
	"testing"
	"time"

	"arsflow/extract"
	"arsflow/review"
)

func TestEvalRecord(t *testing.T) {
	path := filepath.Join(t.TempDir(), "evaluation.json")
	r := &extract.Report{
		Cases:      []extract.CaseEval{{Dir: "a"}, {Dir: "b", Scanned: true}},
		FieldsText: extract.Counts{TP: 9, FN: 1}, FieldsScanned: extract.Counts{TP: 4, FP: 1}, FieldsAll: extract.Counts{TP: 13, FP: 1, FN: 1},
		ChecksAll: extract.Counts{TP: 3, FN: 1}, PlantedMissed: 1,
	}
	if err := recordEval(path, review.RoleBlind, "testdata/x", r); err != nil {
		t.Fatal(err)
	}
	r.FieldsText = extract.Counts{TP: 10}
	if err := recordEval(path, review.RoleBlind, "testdata/x", r); err != nil {
		t.Fatal(err)
	}
	if err := recordEval(path, review.RoleDevelopment, "testdata/y", r); err != nil {
		t.Fatal(err)
	}
	ev, err := review.ReadEvaluation(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(ev.Corpora) != 2 {
		t.Fatalf("%d corpora recorded, want 2 (a rerun replaces its corpus)", len(ev.Corpora))
	}
	c := ev.Corpora[0]
	want := review.CorpusEvaluation{Corpus: "testdata/x", Role: review.RoleBlind, MeasuredAt: time.Now().Format(time.DateOnly),
		Cases: 2, ScannedCases: 1, FieldF1Text: 1, FieldF1Scanned: 0.889, FieldF1: 0.929,
		ChecksPrecision: 1, ChecksRecall: 0.75, PlantedMissed: 1, DocumentTypesF1: 1, PersonalDataRecall: 1}
	if c != want {
		t.Errorf("recorded %+v\nwant     %+v", c, want)
	}
}
