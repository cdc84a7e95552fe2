package worker_test

import (
	"context"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"

	"arsflow/extract"
	"arsflow/extract/worker"
	"arsflow/ingest"
	"arsflow/queue"
	"arsflow/queue/database/dbtest"
)

// A loose document whose first attempt failed for good forms a case of its
// own; after an administrator's retry it moves to its association's case, and
// the case it left keeps no fields or checks.
func TestStageDocumentMovingCaseEmptiesTheOldOne(t *testing.T) {
	db := dbtest.New(t)
	ctx := context.Background()
	data, err := os.ReadFile("../../testdata/cases/01-ekbackens-ik/arsredovisning.pdf")
	if err != nil {
		t.Fatal(err)
	}
	ing := ingest.New(db, ingest.Limits{})
	rep, err := ing.Upload(ctx, 0, "api", []ingest.File{{Name: "arsredovisning.pdf", Data: data}})
	if err != nil || rep.Accepted != 1 {
		t.Fatalf("upload: %+v %v", rep, err)
	}
	docID := rep.Items[0].DocumentID
	st := &worker.Stage{DB: db, Options: extract.DefaultOptions()}
	env := queue.Envelope{Stage: queue.StageExtract, BatchID: rep.BatchID, DocumentID: docID, Attempt: 1}
	if err := db.Transact(ctx, func(tx pgx.Tx) error { return st.Failed(ctx, tx, env, "Tidsgränsen överskreds") }); err != nil {
		t.Fatal(err)
	}
	var oldCase int64
	if err := db.Pool.QueryRow(ctx, `SELECT case_id FROM document_extractions WHERE document_id = $1`, docID).Scan(&oldCase); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Pool.Exec(ctx, `UPDATE work_items SET status = 'failed' WHERE item_key = 'document:' || $1::bigint`, docID); err != nil {
		t.Fatal(err)
	}
	if err := ing.Retry(ctx, docID); err != nil {
		t.Fatal(err)
	}
	env.Attempt = 2
	commit, err := st.Process(ctx, env)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Transact(ctx, func(tx pgx.Tx) error { return commit(ctx, tx) }); err != nil {
		t.Fatal(err)
	}
	var newCase int64
	var key string
	if err := db.Pool.QueryRow(ctx, `SELECT c.id, c.association_key FROM cases c
		JOIN document_extractions de ON de.case_id = c.id WHERE de.document_id = $1`, docID).Scan(&newCase, &key); err != nil {
		t.Fatal(err)
	}
	if newCase == oldCase {
		t.Fatalf("the read document stayed in its placeholder case %d (%s)", oldCase, key)
	}
	for _, q := range []string{
		`SELECT count(*) FROM document_extractions WHERE case_id = $1`,
		`SELECT count(*) FROM case_fields WHERE case_id = $1`,
		`SELECT count(*) FROM case_checks WHERE case_id = $1`,
	} {
		var n int
		if err := db.Pool.QueryRow(ctx, q, oldCase).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%s = %d for the emptied case, want 0", q, n)
		}
	}
	var fields int
	_ = db.Pool.QueryRow(ctx, `SELECT count(*) FROM case_fields WHERE case_id = $1`, newCase).Scan(&fields)
	if fields == 0 {
		t.Error("the association's case has no fields")
	}
}
