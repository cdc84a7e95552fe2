package summarize

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"arsflow/extract/casefile"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

func TestRulesGolden(t *testing.T) {
	s, err := Rules{}.Summarize(context.Background(), sampleCase())
	if err != nil {
		t.Fatal(err)
	}
	s.Latency = 0
	got, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "rules_kvarnby.golden.json")
	if *update {
		if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if strings.TrimSpace(string(got)) != strings.TrimSpace(string(want)) {
		t.Errorf("rules summary differs from %s (run go test -update to accept):\n%s", golden, got)
	}
}

func TestRulesStructure(t *testing.T) {
	tests := []struct {
		name string
		c    *casefile.Case
		// wantMissing are substrings of sentences that must say "Uppgift saknas".
		wantMissing []string
		wantText    []string
	}{
		{
			name:     "complete case",
			c:        sampleCase(),
			wantText: []string{"1 234 567 kr", "underskott på 15 433 kr", "245 medlemmar", "802412-3450", "Styrelsen beviljades ansvarsfrihet."},
		},
		{
			name:        "empty case",
			c:           &casefile.Case{Fields: map[string]casefile.Field{}},
			wantMissing: []string{"föreningens namn", "organisationsnummer", "räkenskapsår", "antal medlemmar", "summa intäkter", "årets resultat", "revisor", "beslut om ansvarsfrihet", "revisionsberättelse finns inte", "årsmötesprotokoll finns inte"},
		},
		{
			name: "no discharge recommendation",
			c: func() *casefile.Case {
				c := sampleCase()
				delete(c.Fields, casefile.FieldDischargeRecommended)
				return c
			}(),
			wantMissing: []string{"revisionsberättelsen säger inget om ansvarsfrihet"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Rules{}.Summarize(context.Background(), tt.c)
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Sections) != 8 {
				t.Fatalf("got %d sections, want 8", len(s.Sections))
			}
			body := Body(s.Sections)
			for i, sec := range s.Sections {
				if sec.Key != SectionKeys()[i] || sec.Title == "" {
					t.Errorf("section %d = %q %q", i, sec.Key, sec.Title)
				}
				if len(sec.Sentences) == 0 {
					t.Errorf("section %s is empty", sec.Key)
				}
				for _, sent := range sec.Sentences {
					if len(sent.Refs) == 0 && !strings.HasPrefix(sent.Text, MissingPrefix) && sec.Key != SectionNotes {
						t.Errorf("sentence without refs: %q", sent.Text)
					}
				}
			}
			for _, m := range tt.wantMissing {
				if !strings.Contains(body, MissingPrefix+m) {
					t.Errorf("body lacks %q:\n%s", MissingPrefix+m, body)
				}
			}
			for _, w := range tt.wantText {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %q:\n%s", w, body)
				}
			}
			for _, f := range s.Flags {
				if f.Code == FlagUnsupported {
					t.Errorf("rules summary has unsupported claim %q in %s", f.Text, f.Section)
				}
			}
			again, _ := Rules{}.Summarize(context.Background(), tt.c)
			if Body(again.Sections) != body || again.InputHash != s.InputHash {
				t.Error("rules summary is not deterministic")
			}
		})
	}
}

func TestFormatKronor(t *testing.T) {
	if got := FormatKronor(1234567); got != "1 234 567 kr" {
		t.Errorf("FormatKronor = %q", got)
	}
}
