package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLuhn(t *testing.T) {
	tests := []struct {
		digits string
		want   int
	}{
		{"813600233", 7}, // Friskis&Svettis Lidingö 813600-2337
		{"811218987", 6}, // Skatteverket's example personnummer 811218-9876
	}
	for _, tt := range tests {
		t.Run(tt.digits, func(t *testing.T) {
			if got := luhn(tt.digits); got != tt.want {
				t.Errorf("luhn(%s) = %d, want %d", tt.digits, got, tt.want)
			}
		})
	}
}

func validLuhn(s string) bool {
	d := strings.NewReplacer("-", "", "+", "").Replace(s)
	return len(d) == 10 && int(d[9]-'0') == luhn(d[:9])
}

func TestCases(t *testing.T) {
	for _, k := range cases() {
		t.Run(k.Slug, func(t *testing.T) {
			if !validLuhn(k.Org) || k.Org[2] < '2' {
				t.Errorf("org number %s invalid", k.Org)
			}
			a := k.Acc
			for _, cur := range []bool{true, false} {
				if got, want := a.assets(cur), a.equityEnd(cur)+a.liabs(cur); got != want {
					t.Errorf("cur=%v: assets %d != equity+liabilities %d", cur, got, want)
				}
			}
			f := k.fields()
			mismatch := f["income_total"].(int64)-f["costs_total"].(int64) != f["result"].(int64)
			if mismatch != (a.SkipLastIncomeInSum || len(a.Fin) > 0) {
				t.Errorf("income − costs ≠ result is %v, not as planted", mismatch)
			}
			if k.Board.Chair == k.Board.Treasurer {
				t.Error("chair is treasurer")
			}
			for _, m := range k.MemberList {
				if !validLuhn(m.PNR) {
					t.Errorf("personnummer %s fails Luhn", m.PNR)
				}
			}
		})
	}
}

// TestExpectedCommitted checks that the committed expected.json files are
// what the generator writes now.
func TestExpectedCommitted(t *testing.T) {
	for _, k := range cases() {
		t.Run(k.Slug, func(t *testing.T) {
			dir := t.TempDir()
			if err := writeExpected(k, dir); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join(dir, "expected.json"))
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "holdout", k.Slug, "expected.json"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("testdata/holdout/%s/expected.json is stale: run go run ./cmd/arsgen/holdout", k.Slug)
			}
			var e expected
			if err := json.Unmarshal(got, &e); err != nil {
				t.Fatal(err)
			}
			for _, d := range e.Documents {
				if _, err := os.Stat(filepath.Join("..", "..", "..", "testdata", "holdout", k.Slug, d.File)); err != nil {
					t.Errorf("document %s: %v", d.File, err)
				}
			}
		})
	}
}
