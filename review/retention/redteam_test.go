package retention_test

import (
	"context"
	"testing"
	"time"

	"arsflow/review/retention"
)

// A document held for a handläggare to confirm (it would reopen a decided
// case, or join a case of another batch) awaits a person's decision: it
// belongs to no case while it waits, but retention must leave it alone, as
// it leaves a pending case alone. Before, it was taken for a document
// outside any case: its page text and quotes, and then its original, were
// deleted while the hold was open, so the person confirming it attached a
// document without content.
func TestRetentionLeavesHeldDocumentsAlone(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	decided := f.decidedCase("Gamla IK", "Dragan Petrović", 20*day, 10*day)
	held := f.document("sen handling", 800*day, false)
	f.extraction(held, 0, "Per Persson")
	f.exec(`INSERT INTO case_holds (document_id, case_id, reason) VALUES ($1, $2, 'decided')`, held, decided.caseID)

	job := &retention.Job{DB: f.db, Policy: retention.Policy{Originals: 730 * day, PersonalData: 365 * day}}
	rep, err := job.RunOnce(ctx, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if rep != (retention.Report{}) {
		t.Errorf("report = %+v, want nothing deleted", rep)
	}
	if n := f.count(`SELECT count(*) FROM documents WHERE id = $1 AND content IS NOT NULL`, held); n != 1 {
		t.Error("the original of a held document was deleted")
	}
	if n := f.count(`SELECT count(*) FROM pages WHERE document_id = $1 AND text LIKE '%Per Persson%'`, held); n != 1 {
		t.Error("the page text of a held document was deleted")
	}
	if n := f.count(`SELECT count(*) FROM document_extractions WHERE document_id = $1 AND personal_data_deleted_at IS NULL`, held); n != 1 {
		t.Error("a held document's extraction was purged")
	}

	// Once a person kept it apart from the case, it counts as any other
	// document outside a case (a case of its own is formed by then).
	f.exec(`UPDATE case_holds SET resolved_at = now(), resolved_by = $2, resolution = 'separate' WHERE document_id = $1`, held, f.hl.ID)
	if rep, err = job.RunOnce(ctx, time.Now()); err != nil {
		t.Fatal(err)
	}
	if rep.Originals != 1 || rep.LoneDocuments != 1 {
		t.Errorf("after the hold was resolved: %+v, want its original and personal data deleted", rep)
	}
}
