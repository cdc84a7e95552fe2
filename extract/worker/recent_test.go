package worker

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"arsflow/extract"
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
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "cases", "01-*", "*.pdf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no case files: %v", err)
	}
	var kept []*extract.Reading
	var stored []*casefile.Document
	var c recent
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rd := extract.ReadDocument(ctx, filepath.Base(f), data, extract.DefaultOptions())
		raw, err := casefile.EncodeDocument(rd.Doc)
		if err != nil {
			t.Fatal(err)
		}
		var digest string
		var back []byte // the stored jsonb, as pgx reads it
		if err := db.Pool.QueryRow(ctx, `SELECT md5($1::jsonb::text), $1::jsonb`, raw).Scan(&digest, &back); err != nil {
			t.Fatal(err)
		}
		c.put(digest, rd)
		got, hit, err := c.get(back)
		if err != nil || !hit || got != rd {
			t.Fatalf("%s: kept reading not found", f)
		}
		kept = append(kept, got)
		fresh, err := casefile.DecodeDocument(raw)
		if err != nil {
			t.Fatal(err)
		}
		stored = append(stored, fresh)
	}
	a, _ := json.Marshal(extract.Assemble("01", kept))
	b, _ := json.Marshal(extract.AssembleCase("01", stored))
	if string(a) != string(b) {
		t.Errorf("assembled from kept readings differs from a fresh reading:\n%s\n%s", a, b)
	}
	// A miss decodes; the oldest reading goes when more are kept.
	if r, hit, err := c.get([]byte(`{"document": {"file": "x.pdf"}}`)); err != nil || hit || r.Doc == nil {
		t.Errorf("miss: hit %v, err %v", hit, err)
	}
	for i := 0; i < recentSize; i++ {
		c.put(string(rune(1000+i)), kept[0])
	}
	if len(c.m) != recentSize || len(c.order) != recentSize {
		t.Errorf("kept %d readings (%d in order), want %d", len(c.m), len(c.order), recentSize)
	}
}
