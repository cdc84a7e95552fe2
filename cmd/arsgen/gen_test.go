package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

const corpus = "../../testdata/cases"

// TestExpectedUpToDate regenerates every case's expected.json and compares
// it with the committed one, so the ground truth and the generator cannot
// drift apart.
func TestExpectedUpToDate(t *testing.T) {
	for _, s := range cases() {
		t.Run(s.Slug, func(t *testing.T) {
			_, exp := buildCase(s)
			got, err := json.MarshalIndent(exp, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join(corpus, s.Slug, "expected.json"))
			if err != nil {
				t.Fatalf("read committed expected.json: %v (run go run ./cmd/arsgen)", err)
			}
			if !bytes.Equal(append(got, '\n'), want) {
				t.Errorf("expected.json differs from the generator's; run go run ./cmd/arsgen and review the diff")
			}
		})
	}
}

// TestPDFsDeterministic renders every fpdf-produced text document again
// and compares it byte for byte with the committed file. groff and scanned
// files need external tools and are not compared here.
func TestPDFsDeterministic(t *testing.T) {
	for _, s := range cases() {
		docs, _ := buildCase(s)
		for i, f := range s.Files {
			if f.Scanned || f.Producer == prodGroff {
				continue
			}
			t.Run(s.Slug+"/"+f.Name, func(t *testing.T) {
				got, err := renderFile(context.Background(), f, docs[f.Name], s.seed()+int64(i))
				if err != nil {
					t.Fatal(err)
				}
				want, err := os.ReadFile(filepath.Join(corpus, s.Slug, f.Name))
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("regenerated PDF differs from the committed one")
				}
			})
		}
	}
}

// TestCorpusShape checks the corpus meets its own requirements: enough
// cases, every check code planted, clean demo cases first.
func TestCorpusShape(t *testing.T) {
	cs := cases()
	if len(cs) < 22 {
		t.Errorf("got %d cases, want at least 22", len(cs))
	}
	seen := map[string]bool{}
	scanned, long := 0, 0
	for i, s := range cs {
		_, exp := buildCase(s)
		for _, c := range exp.Checks {
			seen[c] = true
		}
		if exp.Scanned {
			scanned++
		}
		for _, f := range s.Files {
			if f.Long {
				long++
			}
		}
		if i < 3 && (len(exp.Checks) != 0 || exp.Scanned || len(s.Files) != 4) {
			t.Errorf("demo case %s: want clean, text layer, 4 files", s.Slug)
		}
	}
	for _, c := range []string{"missing_activity_report", "missing_annual_accounts",
		"missing_income_statement", "missing_balance_sheet", "missing_audit_report",
		"missing_agm_minutes", "org_number_invalid", "org_number_mismatch", "fiscal_year_mismatch",
		"income_statement_mismatch", "balance_sheet_mismatch", "members_mismatch",
		"discharge_not_recommended", "discharge_statement_missing", "agm_decision_missing",
		"auditor_on_board", "unsigned", "personal_data", "prompt_injection"} {
		if !seen[c] {
			t.Errorf("no case plants %s", c)
		}
	}
	if scanned < 2 || long < 2 {
		t.Errorf("got %d scanned and %d long cases, want 2 of each", scanned, long)
	}
}

func TestLuhn(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"813600233", 7}, // Friskis&Svettis Lidingö 813600-2337
		{"811228987", 4}, // Skatteverket's example 811228-9874
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := luhn(tt.in); got != tt.want {
				t.Errorf("luhn(%s) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}
