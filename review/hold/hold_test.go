package hold_test

import (
	"context"
	"crypto/sha256"
	"testing"

	"github.com/jackc/pgx/v5"

	"arsflow/queue/database"
	"arsflow/queue/database/dbtest"
	"arsflow/review/hold"
)

// document inserts a document of a new batch, extracted into caseID (0: not
// yet in a case), and returns its id and batch.
func document(t *testing.T, db *database.DB, name string, caseID int64) (int64, int64) {
	t.Helper()
	ctx := context.Background()
	var batch, doc int64
	if err := db.Pool.QueryRow(ctx, `INSERT INTO batches (source) VALUES ('web') RETURNING id`).Scan(&batch); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(name))
	if err := db.Pool.QueryRow(ctx, `INSERT INTO documents (batch_id, filename, sha256, size_bytes) VALUES ($1, $2, $3, 1) RETURNING id`,
		batch, name, sum[:]).Scan(&doc); err != nil {
		t.Fatal(err)
	}
	var c *int64
	if caseID != 0 {
		c = &caseID
	}
	if _, err := db.Pool.Exec(ctx, `INSERT INTO document_extractions (document_id, case_id, attempt, result) VALUES ($1, $2, 1, '{}')`, doc, c); err != nil {
		t.Fatal(err)
	}
	return doc, batch
}

func TestNeeded(t *testing.T) {
	ctx := context.Background()
	db := dbtest.New(t)
	var caseID int64
	if err := db.Pool.QueryRow(ctx, `INSERT INTO cases (association_key) VALUES ('org:802000-0001') RETURNING id`).Scan(&caseID); err != nil {
		t.Fatal(err)
	}
	first, firstBatch := document(t, db, "a.pdf", caseID)
	late, lateBatch := document(t, db, "b.pdf", 0)
	needed := func(doc, batch int64) bool {
		var held bool
		err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
			var err error
			held, err = hold.Needed(ctx, tx, doc, caseID, batch)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return held
	}
	if needed(first, firstBatch) {
		t.Error("a document already in the case was held")
	}
	for i := 0; i < 2; i++ {
		if !needed(late, lateBatch) {
			t.Fatal("a document of another batch joined without a person")
		}
	}
	var id int64
	var reason string
	if err := db.Pool.QueryRow(ctx, `SELECT id, reason FROM case_holds WHERE document_id = $1 AND resolved_at IS NULL`, late).Scan(&id, &reason); err != nil || reason != hold.ReasonOtherBatch {
		t.Fatalf("hold: %q, %v; want one open hold for another batch", reason, err)
	}
	var userID int64
	if err := db.Pool.QueryRow(ctx, `INSERT INTO users (username, password_hash, role) VALUES ('hanna', 'x', 'handlaggare') RETURNING id`).Scan(&userID); err != nil {
		t.Fatal(err)
	}
	if _, err := hold.Resolve(ctx, db.Pool, id, userID, hold.Attach); err != nil {
		t.Fatal(err)
	}
	if needed(late, lateBatch) {
		t.Error("a confirmed document is still held")
	}
	if _, err := hold.Resolve(ctx, db.Pool, id, userID, hold.Attach); err != hold.ErrNotFound {
		t.Errorf("resolving twice: %v", err)
	}
}
