package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"arsflow/queue/database"
	"arsflow/queue/database/dbtest"
	"arsflow/review/account"
)

// adminTokenFor creates an API token for the first administrator.
func adminTokenFor(t *testing.T, db *database.DB) string {
	t.Helper()
	acct := account.New(db, account.Config{})
	admin, err := acct.UserByName(context.Background(), "admin")
	if err != nil {
		t.Fatal(err)
	}
	token, err := acct.CreateToken(context.Background(), admin.ID, "process-test", account.ScopeIngest, 0)
	if err != nil {
		t.Fatal(err)
	}
	return token
}

func TestKilledProcessLosesAndDuplicatesNothing(t *testing.T) {
	db := dbtest.New(t)
	dbURL := db.Pool.Config().ConnString()
	dataDir := t.TempDir()

	env := []string{"DATABASE_URL=" + dbURL, "ARSFLOW_DATA_DIR=" + dataDir, "ARSFLOW_ADMIN_PASSWORD=krasch-prov-för-drift", "ARSFLOW_ACK_WAIT=3s"}
	serve := arsflowProc(t, "serve", env, "serve")
	serve.start()
	// Ten text-layer cases, one folder each.
	var folders []string
	all, _ := filepath.Glob("../../testdata/cases/*")
	for _, dir := range all {
		if len(folders) == 10 {
			break
		}
		if strings.Contains(dir, "skannad") || strings.Contains(dir, "lang") {
			continue
		}
		folders = append(folders, dir)
	}
	pdfs := pdfSources(t, folders...)
	uploadTo(t, serve.url(), adminTokenFor(t, db), pdfs)

	// Kill the process once the first case reached review, with the rest in flight.
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) && count(t, db, `SELECT count(*) FROM review_items`) == 0 {
		time.Sleep(20 * time.Millisecond)
	}
	serve.kill()
	inReview := count(t, db, `SELECT count(*) FROM review_items`)
	t.Logf("killed with %d of %d cases in review", inReview, len(folders))

	serve.start() // again, on the same data directory
	deadline = time.Now().Add(4 * time.Minute)
	for time.Now().Before(deadline) && count(t, db, `SELECT count(*) FROM review_items`) < len(folders) {
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(4 * time.Second) // past the ack wait, so a duplicate redelivery would have surfaced
	serve.kill()

	checks := []struct {
		what string
		sql  string
		want int
	}{
		{"cases in review", `SELECT count(*) FROM review_items WHERE status = 'pending'`, len(folders)},
		{"cases", `SELECT count(*) FROM cases`, len(folders)},
		{"summaries (one per case)", `SELECT count(*) FROM summaries`, len(folders)},
		{"cases whose group completed other than once", `SELECT count(*) FROM cases WHERE summarize_requests <> 1`, 0},
		// A message lost with the killed process (or acked by a delivery that
		// found its item busy) is published again by the reconciler under an
		// id of its own; the item, and so the count, is the same.
		{"summarize messages (one item per case)", `SELECT count(DISTINCT split_part(msg_id, ':requeued:', 1)) FROM outbox WHERE subject = 'arsflow.work.summarize'`, len(folders)},
		{"documents extracted into a case", `SELECT count(*) FROM document_extractions WHERE case_id IS NOT NULL AND error IS NULL`, len(pdfs)},
		{"review entries in the audit log", `SELECT count(*) FROM audit_log WHERE action = 'review.enter'`, len(folders)},
		{"dead letters", `SELECT count(*) FROM dead_letters`, 0},
		{"unpublished outbox rows", `SELECT count(*) FROM outbox WHERE published_at IS NULL`, 0},
	}
	if n := count(t, db, `SELECT count(*) FROM outbox WHERE msg_id LIKE '%:requeued:%'`); n > 0 {
		t.Logf("%d lost messages published again by the reconciler", n)
	}
	for _, c := range checks {
		if got := count(t, db, c.sql); got != c.want {
			t.Errorf("%s = %d, want %d", c.what, got, c.want)
		}
	}
}
