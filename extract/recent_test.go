package extract

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"arsflow/extract/casefile"
	"arsflow/queue/database/dbtest"
)

// TestRecentReadingsAssembleAlike: a reading kept under the digest
// PostgreSQL gives when a document is saved is found again from the stored
// jsonb read back, and a case assembled from kept readings is the case
// assembled from the stored documents read afresh.
func TestRecentReadingsAssembleAlike(t *testing.T) {
	db := dbtest.New(t)
	ctx := context.Background()
	files, err := filepath.Glob(filepath.Join("..", "testdata", "cases", "01-*", "*.pdf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no case files: %v", err)
	}
	var kept, stored []*casefile.Document
	var c recent
	known := map[*casefile.Document]*reading{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, rd := extractDocument(ctx, filepath.Base(f), data, DefaultOptions())
		raw, err := casefile.EncodeDocument(doc)
		if err != nil {
			t.Fatal(err)
		}
		var digest string
		var back []byte // the stored jsonb, as pgx reads it
		if err := db.Pool.QueryRow(ctx, `SELECT md5($1::jsonb::text), $1::jsonb`, raw).Scan(&digest, &back); err != nil {
			t.Fatal(err)
		}
		c.put(digest, doc, rd)
		got, grd, err := c.get(back)
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
	if _, rd, err := c.get([]byte(`{"document": {"file": "x.pdf"}}`)); err != nil || rd != nil {
		t.Errorf("miss: reading %v, err %v", rd, err)
	}
	for i := 0; i < recentSize; i++ {
		c.put(string(rune(1000+i)), kept[0], nil)
	}
	if len(c.m) != recentSize || len(c.order) != recentSize {
		t.Errorf("kept %d readings (%d in order), want %d", len(c.m), len(c.order), recentSize)
	}
}
