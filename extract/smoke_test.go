package extract

import (
	"encoding/json"
	"os"
	"testing"
)

func TestSmokePrint(t *testing.T) {
	var docs []*Document
	for _, f := range []string{"vb_nordstjarnan.txt", "rr_nordstjarnan.txt", "revb.txt", "protokoll.txt"} {
		docs = append(docs, DocumentFromPages(f, textPages(t, f)))
	}
	c := AssembleCase("x", docs)
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	for _, d := range docs {
		t.Logf("%s %v", d.File, d.Types)
	}
	for _, k := range OutputFields {
		if f, ok := c.Fields[k]; ok {
			t.Logf("%-24s %v  [%s p%d %.2f] %q (%d cands)", k, f.Value, f.File, f.Page, f.Confidence, f.Quote, len(f.Candidates))
		} else {
			t.Logf("%-24s MISSING", k)
		}
	}
	for _, ch := range c.Checks {
		t.Logf("%s %s %s", ch.Code, ch.Severity, ch.Message)
	}
}
