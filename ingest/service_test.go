package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"arsflow/queue"
	"arsflow/queue/database"
	"arsflow/queue/database/dbtest"
)

// outboxDocs returns the document ids of the extract messages in the outbox,
// with their attempts.
func outboxDocs(t *testing.T, db *database.DB) map[int64][]int {
	t.Helper()
	rows, err := db.Pool.Query(context.Background(), `SELECT subject, msg_id, payload FROM outbox ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[int64][]int{}
	for rows.Next() {
		var subject, msgID string
		var payload []byte
		if err := rows.Scan(&subject, &msgID, &payload); err != nil {
			t.Fatal(err)
		}
		env, err := queue.Decode(payload)
		if err != nil {
			t.Fatal(err)
		}
		if subject != queue.Subject(queue.StageExtract) || msgID != env.MsgID() {
			t.Errorf("outbox row %s %s, want extract subject and %s", subject, msgID, env.MsgID())
		}
		got[env.DocumentID] = append(got[env.DocumentID], env.Attempt)
	}
	return got
}

func TestUpload(t *testing.T) {
	db := dbtest.New(t)
	ctx := context.Background()
	s := New(db, Limits{MaxFileSize: 1 << 20, RatioFloor: 64 << 10})
	good, good2 := testPDF("Forening A 2024"), testPDF("Forening B 2024")
	big := append(append([]byte{}, good...), make([]byte, 2<<20)...)
	zipped := testZip(t,
		zipEntry{name: "Förening B/b.pdf", data: good2},
		zipEntry{name: "Förening B/../../x.pdf", data: testPDF("traversal")},
		zipEntry{name: "Förening B/bomb.pdf", data: make([]byte, 4<<20)},
		zipEntry{name: "Förening B/länk.pdf", data: []byte("/etc/passwd"), mode: 0o777 | fs.ModeSymlink},
	)
	files := []File{
		{Name: "a.pdf", Folder: "Förening A", Data: good},
		{Name: "a-kopia.pdf", Folder: "Förening A", Data: good}, // same bytes in the same upload
		{Name: "text.pdf", Data: []byte("ingen pdf")},
		{Name: "stor.pdf", Data: big},
		{Name: "alla.zip", Data: zipped},
	}
	rep, err := s.Upload(ctx, 0, "cli", files)
	if err != nil {
		t.Fatalf("Upload: %v", err)
	}
	byName := map[string]ReportItem{}
	for _, it := range rep.Items {
		byName[it.Name] = it
	}
	wantOutcome := map[string]string{
		"a.pdf": OutcomeAccepted, "a-kopia.pdf": OutcomeDuplicate, "text.pdf": OutcomeRejected,
		"stor.pdf": OutcomeRejected, "b.pdf": OutcomeAccepted, "Förening B/../../x.pdf": OutcomeRejected,
		"bomb.pdf": OutcomeRejected, "länk.pdf": OutcomeRejected,
	}
	if len(rep.Items) != len(wantOutcome) {
		t.Errorf("report has %d items, want %d: %+v", len(rep.Items), len(wantOutcome), rep.Items)
	}
	for name, want := range wantOutcome {
		it := byName[name]
		if it.Outcome != want {
			t.Errorf("%s: outcome %q (%s), want %q", name, it.Outcome, it.Reason, want)
		}
		if want != OutcomeAccepted && it.Reason == "" {
			t.Errorf("%s: no reason", name)
		}
	}
	if rep.Accepted != 2 || rep.Duplicates != 1 || rep.Rejected != 5 {
		t.Errorf("counts = %d/%d/%d, want 2/1/5", rep.Accepted, rep.Duplicates, rep.Rejected)
	}
	if byName["a-kopia.pdf"].DocumentID != byName["a.pdf"].DocumentID {
		t.Errorf("duplicate points at %d, want %d", byName["a-kopia.pdf"].DocumentID, byName["a.pdf"].DocumentID)
	}

	// Exactly one outbox message per accepted document.
	out := outboxDocs(t, db)
	if len(out) != 2 || len(out[byName["a.pdf"].DocumentID]) != 1 || len(out[byName["b.pdf"].DocumentID]) != 1 {
		t.Errorf("outbox = %v, want one message each for documents %d and %d", out, byName["a.pdf"].DocumentID, byName["b.pdf"].DocumentID)
	}

	// Rejected files are kept and marked; content within the size limit.
	tests := []struct {
		name        string
		wantContent bool
	}{
		{"text.pdf", true}, {"Förening B/../../x.pdf", true}, {"stor.pdf", false},
	}
	for _, tt := range tests {
		t.Run("kept "+tt.name, func(t *testing.T) {
			id := byName[tt.name].DocumentID
			if id == 0 {
				t.Fatal("no document")
			}
			d, err := s.Document(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if d.RejectedReason == "" || d.HasContent != tt.wantContent {
				t.Errorf("document = %+v, want rejected with content %v", d, tt.wantContent)
			}
			_, data, err := s.Original(ctx, id)
			if tt.wantContent && err != nil {
				t.Errorf("Original: %v", err)
			}
			if !tt.wantContent && !errors.Is(err, ErrNotFound) {
				t.Errorf("Original: %v, want ErrNotFound", err)
			}
			if tt.wantContent && d.SHA256 != hexSum(data) {
				t.Errorf("sha256 %s does not match content", d.SHA256)
			}
		})
	}
	// Refused before reading: recorded, no document.
	if byName["bomb.pdf"].DocumentID != 0 || byName["länk.pdf"].DocumentID != 0 {
		t.Errorf("bomb or link has a document: %+v %+v", byName["bomb.pdf"], byName["länk.pdf"])
	}
	var n int
	if err := db.Pool.QueryRow(ctx, `SELECT count(*) FROM batch_items WHERE batch_id = $1`, rep.BatchID).Scan(&n); err != nil || n != 8 {
		t.Errorf("batch_items = %d (%v), want 8", n, err)
	}

	// Folder is kept.
	d, err := s.Document(ctx, byName["b.pdf"].DocumentID)
	if err != nil || d.Folder != "Förening B" || d.ContentType != "application/pdf" {
		t.Errorf("Document = %+v, %v", d, err)
	}
	// Round-trip of the JSON report.
	if _, err := json.Marshal(rep); err != nil {
		t.Fatal(err)
	}
}

func hexSum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestUploadDedupeAcrossUploads(t *testing.T) {
	db := dbtest.New(t)
	ctx := context.Background()
	s := New(db, Limits{})
	good := testPDF("Forening A")
	first, err := s.Upload(ctx, 0, "web", []File{{Name: "a.pdf", Data: good}})
	if err != nil {
		t.Fatal(err)
	}
	second, err := s.Upload(ctx, 0, "cli", []File{
		{Name: "samma-igen.pdf", Folder: "X", Data: bytes.Clone(good)},
		{Name: "ny.pdf", Data: testPDF("Forening B")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if second.BatchID == first.BatchID {
		t.Fatal("same batch twice")
	}
	dup := second.Items[0]
	if dup.Outcome != OutcomeDuplicate || dup.DocumentID != first.Items[0].DocumentID || !strings.Contains(dup.Reason, `"a.pdf"`) {
		t.Errorf("second upload of the same bytes = %+v, want duplicate of document %d", dup, first.Items[0].DocumentID)
	}
	out := outboxDocs(t, db)
	if len(out) != 2 || len(out[dup.DocumentID]) != 1 {
		t.Errorf("outbox = %v, want the duplicate not enqueued again", out)
	}
	var docs int
	if err := db.Pool.QueryRow(ctx, `SELECT count(*) FROM documents`).Scan(&docs); err != nil || docs != 2 {
		t.Errorf("documents = %d (%v), want 2", docs, err)
	}
}

func TestUploadAcceptsEarlierRejectedBytes(t *testing.T) {
	db := dbtest.New(t)
	ctx := context.Background()
	s := New(db, Limits{})
	good := testPDF("Forening A")
	first, err := s.Upload(ctx, 0, "web", []File{{Name: "x.zip", Data: testZip(t, zipEntry{name: "../a.pdf", data: good})}})
	if err != nil {
		t.Fatal(err)
	}
	if first.Items[0].Outcome != OutcomeRejected || first.Items[0].DocumentID == 0 {
		t.Fatalf("first = %+v, want rejected and kept", first.Items[0])
	}
	second, err := s.Upload(ctx, 0, "web", []File{{Name: "a.pdf", Folder: "A", Data: good}})
	if err != nil {
		t.Fatal(err)
	}
	it := second.Items[0]
	if it.Outcome != OutcomeAccepted || it.DocumentID != first.Items[0].DocumentID {
		t.Fatalf("second = %+v, want the kept document accepted", it)
	}
	d, err := s.Document(ctx, it.DocumentID)
	if err != nil || d.RejectedReason != "" || d.BatchID != second.BatchID || d.Filename != "a.pdf" || d.Attempt != 2 {
		t.Errorf("document = %+v, %v", d, err)
	}
	if out := outboxDocs(t, db); len(out[it.DocumentID]) != 1 || out[it.DocumentID][0] != 2 {
		t.Errorf("outbox = %v, want one message with attempt 2", out)
	}
	// A file rejected for its content stays rejected when uploaded again.
	third, err := s.Upload(ctx, 0, "web", []File{{Name: "t.pdf", Data: []byte("text")}})
	if err != nil {
		t.Fatal(err)
	}
	fourth, err := s.Upload(ctx, 0, "web", []File{{Name: "t2.pdf", Data: []byte("text")}})
	if err != nil {
		t.Fatal(err)
	}
	if fourth.Items[0].Outcome != OutcomeRejected || fourth.Items[0].DocumentID != third.Items[0].DocumentID {
		t.Errorf("fourth = %+v, want rejected, pointing at %d", fourth.Items[0], third.Items[0].DocumentID)
	}
}

func TestUploadRefusesOverLimitUploads(t *testing.T) {
	db := dbtest.New(t)
	ctx := context.Background()
	s := New(db, Limits{MaxFiles: 1})
	_, err := s.Upload(ctx, 0, "web", []File{{Name: "a.pdf", Data: testPDF("a")}, {Name: "b.pdf", Data: testPDF("b")}})
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Upload: %v, want ErrTooLarge", err)
	}
	var n int
	if err := db.Pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM batches) + (SELECT count(*) FROM outbox)`).Scan(&n); err != nil || n != 0 {
		t.Errorf("stored %d rows (%v), want none", n, err)
	}
}

func TestRetry(t *testing.T) {
	db := dbtest.New(t)
	ctx := context.Background()
	s := New(db, Limits{})
	rep, err := s.Upload(ctx, 0, "web", []File{{Name: "a.pdf", Data: testPDF("a")}, {Name: "t.pdf", Data: []byte("text")}})
	if err != nil {
		t.Fatal(err)
	}
	good, bad := rep.Items[0].DocumentID, rep.Items[1].DocumentID
	setStatus := func(status string) {
		t.Helper()
		if _, err := db.Pool.Exec(ctx, `UPDATE work_items SET status = $2, last_error = 'fel' WHERE document_id = $1`, good, status); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name    string
		id      int64
		status  string // work item status before the retry; "" leaves it
		want    error
		attempt int // outbox attempts of good after the retry
	}{
		{"still queued", good, "", ErrConflict, 1},
		{"running", good, "running", ErrConflict, 1},
		{"failed", good, "failed", nil, 2},
		{"failed again", good, "failed", nil, 3},
		{"rejected at upload", bad, "", ErrConflict, 3},
		{"missing", 999, "", ErrNotFound, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.status != "" {
				setStatus(tt.status)
			}
			err := s.Retry(ctx, tt.id)
			if !errors.Is(err, tt.want) || tt.want == nil && err != nil {
				t.Fatalf("Retry: %v, want %v", err, tt.want)
			}
			var e *Error
			if err != nil && (!errors.As(err, &e) || e.Message == "") {
				t.Errorf("Retry: %v has no Swedish message", err)
			}
			if got := outboxDocs(t, db)[good]; len(got) != tt.attempt || got[len(got)-1] != tt.attempt {
				t.Errorf("outbox attempts = %v, want 1..%d", got, tt.attempt)
			}
		})
	}
}

func TestUploadConcurrent(t *testing.T) {
	db := dbtest.New(t)
	ctx := context.Background()
	s := New(db, Limits{})
	var shared []File
	for i := range 20 {
		shared = append(shared, File{Name: fmt.Sprintf("%d.pdf", i), Data: testPDF(fmt.Sprint("doc ", i))})
	}
	const uploads = 6
	errs := make(chan error, uploads)
	reports := make(chan *Report, uploads)
	for u := range uploads {
		files := slices.Clone(shared)
		if u%2 == 1 {
			slices.Reverse(files) // opposite order: would deadlock without ordered locking
		}
		go func() {
			rep, err := s.Upload(ctx, 0, "api", files)
			errs <- err
			reports <- rep
		}()
	}
	accepted := 0
	for range uploads {
		if err := <-errs; err != nil {
			t.Fatalf("Upload: %v", err)
		}
		accepted += (<-reports).Accepted
	}
	if accepted != len(shared) {
		t.Errorf("accepted %d in all, want %d", accepted, len(shared))
	}
	out := outboxDocs(t, db)
	if len(out) != len(shared) {
		t.Errorf("outbox has %d documents, want %d", len(out), len(shared))
	}
	for id, attempts := range out {
		if len(attempts) != 1 {
			t.Errorf("document %d enqueued %d times", id, len(attempts))
		}
	}
}
