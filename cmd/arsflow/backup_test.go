package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"arsflow/queue/database"
	"arsflow/queue/database/dbtest"
	"arsflow/review"
)

// pgTool finds a PostgreSQL client program (pg_dump, pg_restore).
func pgTool(t *testing.T, name string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/" + name)
	if len(found) == 0 {
		t.Fatalf("%s is required for this test (apt-get install postgresql-client)", name)
	}
	sort.Strings(found)
	return found[len(found)-1]
}

// ids returns the ids a query lists, in order.
func ids(t *testing.T, db *database.DB, sql string) []int64 {
	t.Helper()
	rows, err := db.Pool.Query(context.Background(), sql)
	if err != nil {
		t.Fatal(err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// emptyDatabase creates an empty database (no migrations) on the test
// server, dropped when the test ends, and returns its URL.
func emptyDatabase(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, dbtest.URL())
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	name := fmt.Sprintf("arsflow_restore_%d", time.Now().UnixNano())
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), dbtest.URL())
		if err == nil {
			_, _ = c.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
			c.Close(context.Background())
		}
	})
	u, _ := url.Parse(dbtest.URL())
	u.Path = "/" + name
	return u.String()
}

// TestBackupRestore backs up a running system with pg_dump while a batch is
// in flight, restores the dump with pg_restore into a fresh database, and
// starts arsflow on it with a fresh, empty JetStream directory (the README
// says why JetStream's directory need not be backed up): every case,
// decision and audit entry from before the backup is there, and the batch
// that was in flight reaches review exactly once.
func TestBackupRestore(t *testing.T) {
	db := dbtest.New(t)
	ta := startAppWith(t, db, t.TempDir(), func(c *config) { c.AckWait = 3 * time.Second }, nil)
	token := ta.adminToken(t)
	ta.upload(t, token, demoCases...)
	ctx := context.Background()
	anna := ta.reviewer(t, "anna")
	items := reviewItems(t, db)
	svc := review.New(db)
	shown, err := svc.Case(ctx, items[0].CaseID)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Approve(ctx, anna, items[0].CaseID, items[0].SummaryID, shown.ValuesHash); err != nil {
		t.Fatal(err)
	}
	if err := svc.Reject(ctx, anna, items[1].CaseID, items[1].SummaryID, "Revisionsberättelsen saknar underskrift"); err != nil {
		t.Fatal(err)
	}
	inFlight := bulkCases(t, 4, 7)
	uploadTo(t, ta.srv.URL, token, inFlight) // still being read when the backup is taken

	queries := map[string]string{
		"cases":     `SELECT id FROM cases ORDER BY id`,
		"decisions": `SELECT id FROM decisions ORDER BY id`,
		"audit log": `SELECT id FROM audit_log ORDER BY id`,
		"documents": `SELECT id FROM documents ORDER BY id`,
		"summaries": `SELECT id FROM summaries ORDER BY id`,
	}
	before := map[string][]int64{}
	for what, q := range queries {
		before[what] = ids(t, db, q)
	}
	dump := filepath.Join(t.TempDir(), "arsflow.dump")
	if out, err := exec.Command(pgTool(t, "pg_dump"), "--format=custom", "--file="+dump, db.Pool.Config().ConnString()).CombinedOutput(); err != nil {
		t.Fatalf("pg_dump: %v\n%s", err, out)
	}
	ta.stop() // the machine is lost, JetStream directory and all

	target := emptyDatabase(t)
	if out, err := exec.Command(pgTool(t, "pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", "--dbname="+target, dump).CombinedOutput(); err != nil {
		t.Fatalf("pg_restore: %v\n%s", err, out)
	}
	restored, err := database.Open(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(restored.Close)
	for what, q := range queries {
		have := map[int64]bool{}
		for _, id := range ids(t, restored, q) {
			have[id] = true
		}
		missing := 0
		for _, id := range before[what] {
			if !have[id] {
				missing++
			}
		}
		t.Logf("restored %s: %d from before the backup, %d missing", what, len(before[what]), missing)
		if missing > 0 {
			t.Errorf("%d %s from before the backup are missing after the restore", missing, what)
		}
	}
	var approved, rejected string
	_ = restored.Pool.QueryRow(ctx, `SELECT status FROM review_items WHERE case_id = $1`, items[0].CaseID).Scan(&approved)
	_ = restored.Pool.QueryRow(ctx, `SELECT status FROM review_items WHERE case_id = $1`, items[1].CaseID).Scan(&rejected)
	if approved != "approved" || rejected != "rejected" {
		t.Errorf("restored decisions: %q and %q, want approved and rejected", approved, rejected)
	}
	if _, err := restored.Pool.Exec(ctx, `DELETE FROM audit_log`); err == nil {
		t.Error("the restored audit log accepts DELETE; its guard did not come back")
	}

	emptyDir := t.TempDir()
	startAppWith(t, restored, emptyDir, func(c *config) { c.AckWait = 3 * time.Second }, nil)
	cases := len(demoCases) + 4
	waitInReview(t, restored, cases, 5*time.Minute, nil)
	time.Sleep(2 * time.Second)
	o := tally(t, restored, cases, len(inFlight)+count(t, restored, `SELECT count(*) FROM documents WHERE batch_id = 1 AND rejected_reason IS NULL`))
	t.Logf("after the restore: %s; %d items published again by the reconciler", o, count(t, restored, `SELECT count(*) FROM outbox WHERE msg_id LIKE '%:requeued:%'`))
	o.check(t, restored)
	_ = os.Remove(dump)
}
