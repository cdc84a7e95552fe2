package extract

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"arsflow/extract/casefile"
)

// TestRecentReadingsAssembleAlike: a case assembled from the readings a
// stage kept is the case assembled from the stored documents read afresh.
func TestRecentReadingsAssembleAlike(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "cases", "01-*", "*.pdf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no case files: %v", err)
	}
	var kept, stored []*casefile.Document
	var c recent
	known := map[*casefile.Document]*reading{}
	for i, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, rd := extractDocument(context.Background(), filepath.Base(f), data, DefaultOptions())
		raw, err := casefile.EncodeDocument(doc)
		if err != nil {
			t.Fatal(err)
		}
		digest := string(rune('a' + i))
		c.put(digest, doc, rd)
		got, grd, err := c.get(digest, raw)
		if err != nil || got != doc || grd != rd {
			t.Fatalf("%s: kept reading not found", f)
		}
		known[got] = grd
		kept = append(kept, got)
		fresh, err := casefile.DecodeDocument(raw)
		if err != nil {
			t.Fatal(err)
		}
		stored = append(stored, fresh)
	}
	a, _ := json.Marshal(assemble("01", kept, readings(kept, known)))
	b, _ := json.Marshal(AssembleCase("01", stored))
	if string(a) != string(b) {
		t.Errorf("assembled from kept readings differs from a fresh reading:\n%s\n%s", a, b)
	}
	// A miss decodes; the oldest reading goes when more are kept.
	if _, rd, err := c.get("unknown", []byte(`{"document":{"file":"x.pdf"}}`)); err != nil || rd != nil {
		t.Errorf("miss: reading %v, err %v", rd, err)
	}
	for i := 0; i < recentSize; i++ {
		c.put(string(rune(1000+i)), kept[0], nil)
	}
	if _, rd, _ := c.get("a", []byte(`{"document":{"file":"x.pdf"}}`)); rd != nil {
		t.Error("the oldest reading is still kept past recentSize")
	}
}
