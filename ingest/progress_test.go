package ingest

import (
	"context"
	"fmt"
	"testing"

	"arsflow/queue/database/dbtest"
)

func TestProgress(t *testing.T) {
	db := dbtest.New(t)
	ctx := context.Background()
	s := New(db, Limits{})
	var files []File
	for i := range 5 {
		files = append(files, File{Name: fmt.Sprintf("%d.pdf", i), Data: testPDF(fmt.Sprint(i))})
	}
	files = append(files, File{Name: "text.pdf", Data: []byte("text")})
	rep, err := s.Upload(ctx, 0, "api", files)
	if err != nil {
		t.Fatal(err)
	}
	id := func(i int) int64 { return rep.Items[i].DocumentID }
	sim := simulate{t, db}
	sim.toReview(id(0))
	// 1: extraction failed in the extract stage.
	sim.failExtract(id(1), "tidsgränsen för textutdrag överskreds")
	// 2: extracted with an error into the case of 0, which is in review.
	var caseID int64
	db.Pool.QueryRow(ctx, `SELECT case_id FROM document_extractions WHERE document_id = $1`, id(0)).Scan(&caseID)
	sim.exec(`INSERT INTO document_extractions (document_id, case_id, attempt, result, error) VALUES ($1, $2, 1, '{}', 'PDF-filen är avkortad')`, id(2), caseID)
	sim.exec(`UPDATE work_items SET status = 'done' WHERE item_key = $1`, fmt.Sprint("document:", id(2)))
	// 3: extracted into a case now being summarised.
	var case3 int64
	db.Pool.QueryRow(ctx, `INSERT INTO cases (association_key) VALUES ('k3') RETURNING id`).Scan(&case3)
	sim.exec(`INSERT INTO document_extractions (document_id, case_id, attempt, result) VALUES ($1, $2, 1, '{}')`, id(3), case3)
	sim.exec(`UPDATE work_items SET status = 'done' WHERE item_key = $1`, fmt.Sprint("document:", id(3)))
	sim.exec(`INSERT INTO work_items (stage, item_key, case_id, msg_id, status) VALUES ('summarize', $1, $2, 'm', 'running')`, fmt.Sprint("case:", case3), case3)
	// 4: still queued for extraction.

	p, err := s.Progress(ctx, rep.BatchID)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		doc                  int
		stage, status, error string
		inReview, failed     bool
	}{
		{0, "review", "pending", "", true, false},
		{1, "extract", "failed", "tidsgränsen för textutdrag överskreds", false, true},
		{2, "extract", "failed", "PDF-filen är avkortad", true, true},
		{3, "summarize", "running", "", false, false},
		{4, "extract", "queued", "", false, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint("document ", tt.doc), func(t *testing.T) {
			d := p.Documents[tt.doc]
			if d.DocumentID != id(tt.doc) || d.Stage != tt.stage || d.Status != tt.status || d.Error != tt.error ||
				d.InReview != tt.inReview || d.Failed != tt.failed {
				t.Errorf("document = %+v, want %+v", d, tt)
			}
		})
	}
	if p.Accepted != 5 || p.InReview != 1 || p.Failed != 2 || p.Rejected != 1 || p.Done {
		t.Errorf("progress = %+v", p)
	}
	if len(p.Cases) != 2 || !p.Cases[0].InReview || p.Cases[0].Status != "pending" || len(p.Cases[0].DocumentIDs) != 2 || p.Cases[1].Stage != "summarize" {
		t.Errorf("cases = %+v", p.Cases)
	}
}
