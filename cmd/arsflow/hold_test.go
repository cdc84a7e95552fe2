package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"arsflow/extract/worker"
	"arsflow/queue/database/dbtest"
	"arsflow/review"
	"arsflow/review/account"
	"arsflow/review/hold"
)

// waitFor polls cond until it holds or a minute passed.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); !cond(); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// A document of a later batch that would join (and reopen) a decided case
// is held until a handläggare confirms it; until then the approved case and
// its export are untouched.
func TestDocumentOfAnotherBatchIsHeld(t *testing.T) {
	db := dbtest.New(t)
	ta := startApp(t, db, t.TempDir(), nil)
	ctx := context.Background()
	token := ta.adminToken(t)
	ta.upload(t, token, demoCases[0])
	items := reviewItems(t, db)
	if len(items) != 1 {
		t.Fatalf("%d cases, want 1", len(items))
	}
	caseID := items[0].CaseID
	anna := ta.reviewer(t, "anna")
	svc := review.New(db)
	svc.Attach = worker.AttachDocument
	c, err := svc.Case(ctx, caseID)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Approve(ctx, anna, caseID, c.Current.ID, c.ValuesHash); err != nil {
		t.Fatal(err)
	}
	if c, _ = svc.Case(ctx, caseID); c.Status != "approved" {
		if err := svc.Approve(ctx, ta.reviewer(t, "bertil"), caseID, c.Current.ID, c.ValuesHash); err != nil {
			t.Fatal(err)
		}
	}
	// The same association's audit report again (other bytes), in a new batch.
	orig, err := os.ReadFile(filepath.Join(demoCases[0], "revisionsberattelse.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	late := filepath.Join(t.TempDir(), "revisionsberattelse-igen.pdf")
	if err := os.WriteFile(late, append(orig, []byte("\n% skickad igen\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	ta.upload(t, token, late)
	holds, err := svc.Holds(ctx, caseID)
	if err != nil || len(holds) != 1 || holds[0].Reason != hold.ReasonDecided {
		t.Fatalf("holds = %+v, %v; want the late document held because the case is decided", holds, err)
	}
	if n := count(t, db, `SELECT count(*) FROM document_extractions WHERE document_id = $1 AND case_id IS NOT NULL`, holds[0].DocumentID); n != 0 {
		t.Fatal("the held document joined a case")
	}
	if c, _ := svc.Case(ctx, caseID); c.Status != "approved" || len(exportedCases(t, ta, ta.adminTokenFor(t, account.ScopeExport))) != 1 {
		t.Fatalf("the decided case changed before anyone confirmed: %s", c.Status)
	}
	// A handläggare confirms: the document joins, the case is summarised
	// again and reopens for a new decision.
	if _, err := svc.ResolveHold(ctx, anna, holds[0].ID, hold.Attach); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the case to reopen", func() bool {
		c, err := svc.Case(ctx, caseID)
		return err == nil && c.Status == "pending" && len(c.Documents) == 5
	})
	if _, err := svc.ResolveHold(ctx, anna, holds[0].ID, hold.Attach); err == nil {
		t.Error("a hold was resolved twice")
	}
}
