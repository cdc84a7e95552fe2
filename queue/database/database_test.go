package database_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5"

	"arsflow/queue/database/dbtest"
)

func TestTransact(t *testing.T) {
	db, owner := dbtest.NewWithOwner(t)
	ctx := context.Background()
	count := func() int {
		var n int
		if err := db.Pool.QueryRow(ctx, `SELECT count(*) FROM batches`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	insert := func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO batches (source) VALUES ('test')`)
		return err
	}
	tests := []struct {
		name string
		fn   func(tx pgx.Tx) error
		want int
	}{
		{"commit", insert, 1},
		{"rollback on error", func(tx pgx.Tx) error { _ = insert(tx); return errors.New("boom") }, 1},
		{"rollback on panic", func(tx pgx.Tx) error { _ = insert(tx); panic("boom") }, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			func() {
				defer func() { _ = recover() }()
				_ = db.Transact(ctx, tt.fn)
			}()
			if got := count(); got != tt.want {
				t.Errorf("rows = %d, want %d", got, tt.want)
			}
		})
	}
	if err := owner.Migrate(ctx); err != nil {
		t.Errorf("second Migrate: %v", err)
	}
}

func TestAppendOnlyAndHumanControl(t *testing.T) {
	db := dbtest.New(t)
	ctx := context.Background()
	mustExec := func(sql string, args ...any) {
		t.Helper()
		if _, err := db.Pool.Exec(ctx, sql, args...); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	mustExec(`INSERT INTO audit_log (actor, action) VALUES ('system', 'test')`)
	if _, err := db.Pool.Exec(ctx, `UPDATE audit_log SET action = 'x'`); err == nil {
		t.Error("audit_log accepted an UPDATE")
	}
	if _, err := db.Pool.Exec(ctx, `DELETE FROM audit_log`); err == nil {
		t.Error("audit_log accepted a DELETE")
	}
	mustExec(`INSERT INTO cases (association_key, fiscal_year) VALUES ('802000-0001', 2025)`)
	mustExec(`INSERT INTO summaries (case_id, version, backend, backend_version, location, input_hash, sections, body)
		VALUES (1, 1, 'rules', '1', 'internal', 'h', '{}', 'text')`)
	mustExec(`INSERT INTO users (username, password_hash, role) VALUES ('anna', 'x', 'handlaggare'), ('admin', 'x', 'administrator')`)
	mustExec(`INSERT INTO review_items (case_id, summary_id, status) VALUES (1, 1, 'pending')`)
	if _, err := db.Pool.Exec(ctx, `INSERT INTO decisions (case_id, summary_id, user_id, decision) VALUES (1, 1, 1, 'approve')`); err == nil {
		t.Fatal("decision by a user whose role no grant gave")
	}
	mustExec(`INSERT INTO role_grants (user_id, role, source) VALUES (1, 'handlaggare', 'operator'), (2, 'administrator', 'operator')`)
	mustExec(`UPDATE users SET grant_id = id`)
	if _, err := db.Pool.Exec(ctx, `UPDATE review_items SET status = 'approved', decided_at = now(), decided_by = 1`); err == nil {
		t.Fatal("approved without a logged decision")
	}
	if _, err := db.Pool.Exec(ctx, `INSERT INTO decisions (case_id, summary_id, user_id, decision) VALUES (1, 1, 2, 'approve')`); err == nil {
		t.Fatal("decision by an administrator, not a handläggare")
	}
	mustExec(`INSERT INTO decisions (case_id, summary_id, user_id, decision) VALUES (1, 1, 1, 'approve')`)
	mustExec(`UPDATE review_items SET status = 'approved', decided_at = now(), decided_by = 1`)
}
