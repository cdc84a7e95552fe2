package summarize

import (
	"context"
	"strings"
	"testing"

	"arsflow/extract/casefile"
)

// TestToCheckFlags: a value read with low confidence is flagged in the
// section whose sentence states it, whatever the backend; a confident one
// is not.
func TestToCheckFlags(t *testing.T) {
	field := func(v any, conf float64) casefile.Field {
		return casefile.Field{Candidate: casefile.Candidate{Value: v, File: "ar.pdf", Page: 2, Quote: "q", Confidence: conf}}
	}
	c := &casefile.Case{Path: "x", Fields: map[string]casefile.Field{
		casefile.FieldAssociationName: field("Roddklubben Vågen", 0.97),
		casefile.FieldIncomeTotal:     field(412300.0, 0.95),
		casefile.FieldResult:          field(-12500.0, 0.62),
		casefile.FieldMembersTotal:    field(120.0, 0.85),
	}}
	s, err := Rules{}.Summarize(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	Check(s, c)
	got := map[string]Flag{}
	for _, f := range s.Flags {
		if f.Code == FlagToCheck {
			got[f.Section+" "+f.Text] = f
		}
	}
	for _, want := range []string{SectionFinances + " 12 500", SectionMembers + " 120"} {
		f, ok := got[want]
		if !ok {
			t.Errorf("no to_check flag %q; flags %+v", want, s.Flags)
			continue
		}
		if !strings.Contains(f.Message, "kontrollera") || len(f.Refs) != 1 || f.Refs[0].Page != 2 {
			t.Errorf("flag %q: %+v", want, f)
		}
		found := false
		for _, sec := range s.Sections {
			for _, sen := range sec.Sentences {
				found = found || sec.Key == f.Section && strings.Contains(sen.Text, f.Text)
			}
		}
		if !found {
			t.Errorf("flag %q names no sentence of its section", want)
		}
	}
	if len(got) != 2 {
		t.Errorf("to_check flags %v, want exactly the result and the members", got)
	}
}
