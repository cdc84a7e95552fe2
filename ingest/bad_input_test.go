package ingest

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"arsflow/queue/database/dbtest"
)

// TestUploadBadInputs uploads each class of bad input beside a good PDF: the
// bad file is recorded as rejected with a clear Swedish reason and kept when
// its bytes could be read safely; the good file is accepted and enqueued.
func TestUploadBadInputs(t *testing.T) {
	db := dbtest.New(t)
	ctx := context.Background()
	lim := Limits{MaxFileSize: 1 << 20, RatioFloor: 64 << 10, MaxFiles: 10}
	s := New(db, lim)
	good := testPDF("ok")
	zipWith := func(e zipEntry) []byte {
		return testZip(t, zipEntry{name: "Förening/ok-i-zip.pdf", data: testPDF("zip " + e.name)}, e)
	}
	var many []zipEntry
	for i := range 11 {
		many = append(many, zipEntry{name: fmt.Sprintf("%d.pdf", i), data: testPDF(fmt.Sprint(i))})
	}
	tests := []struct {
		name   string
		bad    File
		item   string // the name of the rejected item
		reason string
		kept   bool
	}{
		{"text renamed .pdf", File{Name: "a.pdf", Data: []byte("hej")}, "a.pdf", "filen är inte en PDF (innehållet börjar inte med %PDF-)", true},
		{"PNG renamed .pdf", File{Name: "b.pdf", Data: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDRxx")}, "b.pdf", "PNG-bild", true},
		{"empty file", File{Name: "c.pdf", Data: []byte{}}, "c.pdf", "filen är tom", true},
		{"oversize file", File{Name: "d.pdf", Data: append(testPDF("d"), make([]byte, 2<<20)...)}, "d.pdf", "filen är för stor", true},
		{"zip bomb", File{Name: "e.zip", Data: zipWith(zipEntry{name: "Förening/bomb.pdf", data: make([]byte, 8<<20)})}, "bomb.pdf", "packas upp till 8 MiB", false},
		{"too many entries", File{Name: "f.zip", Data: testZip(t, many...)}, "f.zip", "för många filer", true},
		{"path traversal", File{Name: "g.zip", Data: zipWith(zipEntry{name: "../g.pdf", data: testPDF("g")})}, "../g.pdf", "pekar utanför zip-filen", true},
		{"absolute path", File{Name: "h.zip", Data: zipWith(zipEntry{name: "/h.pdf", data: testPDF("h")})}, "/h.pdf", "absolut sökväg", true},
		{"symlink entry", File{Name: "i.zip", Data: zipWith(zipEntry{name: "Förening/i.pdf", data: []byte("/etc/passwd"), mode: fs.ModeSymlink | 0o777})}, "i.pdf", "symbolisk länk", false},
		{"encrypted entry", File{Name: "j.zip", Data: zipWith(zipEntry{name: "Förening/j.pdf", data: []byte("xx"), flags: 1})}, "j.pdf", "krypterad", false},
		{"nested zip", File{Name: "k.zip", Data: zipWith(zipEntry{name: "Förening/inre.zip", data: testZip(t, zipEntry{name: "x.pdf", data: testPDF("x")})})}, "inre.zip", "zip-filer inuti zip-filer", true},
		{"corrupt zip", File{Name: "l.zip", Data: append([]byte("PK\x03\x04"), bytes.Repeat([]byte{7}, 300)...)}, "l.zip", "zip-filen är skadad", true},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			goodFile := File{Name: "bra.pdf", Folder: "Förening", Data: append(bytes.Clone(good), fmt.Sprintf("%% %d\n", i)...)}
			rep, err := s.Upload(ctx, 0, "api", []File{goodFile, tt.bad})
			if err != nil {
				t.Fatalf("Upload: %v", err)
			}
			var bad *ReportItem
			accepted := map[string]int64{}
			for j, it := range rep.Items {
				switch {
				case it.Name == tt.item:
					bad = &rep.Items[j]
				case it.Outcome == OutcomeAccepted:
					accepted[it.Name] = it.DocumentID
				default:
					t.Errorf("unexpected item %+v", it)
				}
			}
			if bad == nil || bad.Outcome != OutcomeRejected || !strings.Contains(bad.Reason, tt.reason) {
				t.Fatalf("bad item = %+v, want rejected with %q", bad, tt.reason)
			}
			if accepted["bra.pdf"] == 0 {
				t.Errorf("the good file was not accepted: %+v", rep.Items)
			}
			out := outboxDocs(t, db)
			for name, id := range accepted {
				if len(out[id]) != 1 {
					t.Errorf("%s (document %d) enqueued %d times, want once", name, id, len(out[id]))
				}
			}
			if (bad.DocumentID != 0) != tt.kept {
				t.Fatalf("bad file kept = %v, want %v", bad.DocumentID != 0, tt.kept)
			}
			if tt.kept {
				d, err := s.Document(ctx, bad.DocumentID)
				if err != nil || d.RejectedReason != bad.Reason {
					t.Errorf("kept document = %+v, %v; want marked %q", d, err, bad.Reason)
				}
				if len(out[bad.DocumentID]) != 0 {
					t.Errorf("rejected document %d was enqueued", bad.DocumentID)
				}
			}
			var reason string
			if err := db.Pool.QueryRow(ctx, `SELECT reason FROM batch_items WHERE batch_id = $1 AND filename = $2`,
				rep.BatchID, tt.item).Scan(&reason); err != nil || reason != bad.Reason {
				t.Errorf("batch item reason = %q, %v", reason, err)
			}
		})
	}
}
