package review_test

import (
	"context"
	"errors"
	"testing"

	"arsflow/review"
)

func exportIDs(t *testing.T, svc *review.Service) []int64 {
	t.Helper()
	cases, err := svc.Export(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, c := range cases {
		ids = append(ids, c.CaseID)
	}
	return ids
}

func TestEnterIsIdempotentAndReopens(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	f := e.insertCase(t, "Bollklubben", "802000-0001", 2024)
	for i := 0; i < 3; i++ {
		if err := e.svc.Enter(ctx, f.CaseID, f.SummaryID); err != nil {
			t.Fatal(err)
		}
	}
	page, err := e.svc.Queue(ctx, review.QueueFilter{})
	if err != nil || len(page.Items) != 1 || page.Counts.Pending != 1 {
		t.Fatalf("queue after 3 enters: %+v, %v", page, err)
	}
	if n := e.auditCount(t, review.ActionReviewEnter, f.CaseID); n != 1 {
		t.Fatalf("review.enter audit rows = %d, want 1", n)
	}
	// A summary of another case is refused.
	other := e.insertCase(t, "Scoutkåren", "802000-0002", 2024)
	if err := e.svc.Enter(ctx, f.CaseID, other.SummaryID); !errors.Is(err, review.ErrInvalid) {
		t.Fatalf("foreign summary: %v", err)
	}
	// A newer summary for a pending case replaces it.
	v2 := e.insertSummary(t, f.CaseID, 2, "openai", "Bollklubben")
	if err := e.svc.Enter(ctx, f.CaseID, v2); err != nil {
		t.Fatal(err)
	}
	c, _ := e.svc.Case(ctx, f.CaseID)
	if c.Current.ID != v2 || len(c.Previous) != 1 {
		t.Fatalf("current = %d, previous = %d", c.Current.ID, len(c.Previous))
	}
	// A redelivered older summary changes nothing.
	if err := e.svc.Enter(ctx, f.CaseID, f.SummaryID); err != nil {
		t.Fatal(err)
	}
	if c, _ := e.svc.Case(ctx, f.CaseID); c.Current.ID != v2 {
		t.Fatalf("older summary replaced the newer one")
	}
	// Approve, then a newer summary puts the case back to pending and out of the export.
	if err := e.svc.Approve(ctx, e.hl, f.CaseID, v2, e.shown(t, f.CaseID)); err != nil {
		t.Fatal(err)
	}
	if ids := exportIDs(t, e.svc); len(ids) != 1 {
		t.Fatalf("export = %v", ids)
	}
	v3 := e.insertSummary(t, f.CaseID, 3, "rules", "Bollklubben")
	if err := e.svc.Enter(ctx, f.CaseID, v3); err != nil {
		t.Fatal(err)
	}
	if c, _ := e.svc.Case(ctx, f.CaseID); c.Status != "pending" || c.Current.ID != v3 {
		t.Fatalf("after newer summary: status %s current %d", c.Status, c.Current.ID)
	}
	if ids := exportIDs(t, e.svc); len(ids) != 0 {
		t.Fatalf("reopened case still exported: %v", ids)
	}
	var actor string
	if err := e.db.Pool.QueryRow(ctx, `SELECT actor FROM audit_log WHERE action = $1 AND object_id = $2`, review.ActionReviewReopen, f.CaseID).Scan(&actor); err != nil || actor != review.ActorSystem {
		t.Fatalf("reopen audit: actor %q, %v", actor, err)
	}
}

func TestDecisions(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	approved := e.insertCase(t, "Bollklubben", "802000-0001", 2024)
	rejected := e.insertCase(t, "Scoutkåren", "802000-0002", 2024)
	pending := e.insertCase(t, "Pensionärsföreningen", "802000-0003", 2024)
	for _, f := range []fixtureCase{approved, rejected, pending} {
		if err := e.svc.Enter(ctx, f.CaseID, f.SummaryID); err != nil {
			t.Fatal(err)
		}
	}
	if ids := exportIDs(t, e.svc); len(ids) != 0 {
		t.Fatalf("export before any decision: %v", ids)
	}
	tests := []struct {
		name string
		run  func() error
		want error
	}{
		{"administrator cannot approve", func() error {
			return e.svc.Approve(ctx, e.admin, approved.CaseID, approved.SummaryID, e.shown(t, approved.CaseID))
		}, review.ErrForbidden},
		{"nobody cannot approve", func() error {
			return e.svc.Approve(ctx, nil, approved.CaseID, approved.SummaryID, e.shown(t, approved.CaseID))
		}, review.ErrUnauthenticated},
		{"reject needs a reason", func() error { return e.svc.Reject(ctx, e.hl, rejected.CaseID, rejected.SummaryID, "  ") }, review.ErrInvalid},
		{"stale summary", func() error {
			return e.svc.Approve(ctx, e.hl, approved.CaseID, rejected.SummaryID, e.shown(t, approved.CaseID))
		}, review.ErrStale},
		{"unknown case", func() error { return e.svc.Approve(ctx, e.hl, 999999, approved.SummaryID, "x") }, review.ErrNotFound},
		{"approve", func() error {
			return e.svc.Approve(ctx, e.hl, approved.CaseID, approved.SummaryID, e.shown(t, approved.CaseID))
		}, nil},
		{"approve twice", func() error {
			return e.svc.Approve(ctx, e.hl, approved.CaseID, approved.SummaryID, e.shown(t, approved.CaseID))
		}, review.ErrConflict},
		{"reject", func() error {
			return e.svc.Reject(ctx, e.hl, rejected.CaseID, rejected.SummaryID, "Revisionsberättelse saknas.")
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.run()
			if tt.want == nil && err != nil || tt.want != nil && !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
	ids := exportIDs(t, e.svc)
	if len(ids) != 1 || ids[0] != approved.CaseID {
		t.Fatalf("export = %v, want only %d", ids, approved.CaseID)
	}
	if n := e.auditCount(t, review.ActionCaseApprove, approved.CaseID); n != 1 {
		t.Fatalf("approve audit rows = %d", n)
	}
	if n := e.auditCount(t, review.ActionCaseReject, rejected.CaseID); n != 1 {
		t.Fatalf("reject audit rows = %d", n)
	}
	var decisions int
	_ = e.db.Pool.QueryRow(ctx, `SELECT count(*) FROM decisions`).Scan(&decisions)
	if decisions != 2 {
		t.Fatalf("decisions = %d, want 2", decisions)
	}
	// The database itself refuses an approval without a logged decision.
	if _, err := e.db.Pool.Exec(ctx,
		`UPDATE review_items SET status = 'approved', decided_at = now(), decided_by = $2 WHERE case_id = $1`,
		pending.CaseID, e.hl.ID); err == nil {
		t.Fatal("trigger allowed an approval without a decision")
	}
	if _, err := e.db.Pool.Exec(ctx, `DELETE FROM audit_log`); err == nil {
		t.Fatal("audit_log is not append-only")
	}
}

func TestCorrectionsAppearInExport(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	f := e.insertCase(t, "Bollklubben", "802000-0001", 2024)
	if err := e.svc.Enter(ctx, f.CaseID, f.SummaryID); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, key, input string
		want             error
	}{
		{"admin may not correct", "members_total", "150", review.ErrForbidden},
		{"not a number", "members_total", "många", review.ErrInvalid},
		{"unchanged", "members_total", "142", review.ErrInvalid},
		{"members", "members_total", "1 150", nil},
		{"missing field filled in", "equity", "−3 400,50", nil},
		{"exponent is not a Swedish number", "income_total", "1e5", review.ErrInvalid},
		{"amount in thousands, as documents print it", "costs_total", "12,5 tkr", nil},
		{"unknown field", "shoe_size", "42", review.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := e.hl
			if tt.want == review.ErrForbidden {
				u = e.admin
			}
			err := e.svc.Correct(ctx, u, f.CaseID, tt.key, tt.input, "Fel avläst")
			if tt.want == nil && err != nil || tt.want != nil && !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
	if err := e.svc.Approve(ctx, e.hl, f.CaseID, f.SummaryID, e.shown(t, f.CaseID)); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Correct(ctx, e.hl, f.CaseID, "members_total", "7", "Fel avläst"); !errors.Is(err, review.ErrConflict) {
		t.Fatalf("correction after decision: %v", err)
	}
	cases, err := e.svc.Export(ctx)
	if err != nil || len(cases) != 1 {
		t.Fatalf("export: %v %v", cases, err)
	}
	c := cases[0]
	if got := c.Fields["members_total"]; got.Value != 1150.0 || !got.Corrected || got.MachineValue != 142.0 {
		t.Errorf("members_total = %+v", got)
	}
	if got := c.Fields["equity"]; got.Value != -3400.5 || !got.Corrected {
		t.Errorf("equity = %+v", got)
	}
	if got := c.Fields["costs_total"]; got.Value != 12500.0 || !got.Corrected {
		t.Errorf("costs_total = %+v", got)
	}
	if got := c.Fields["org_number"]; got.Value != "802000-0001" || got.Corrected || got.Page != 1 {
		t.Errorf("org_number = %+v", got)
	}
	if c.DecidedBy != "hanna" || c.DecidedAt.IsZero() || len(c.Summary.Sections) != 2 {
		t.Errorf("export case = %+v", c)
	}
	var backend string
	if err := e.db.Pool.QueryRow(ctx, `SELECT backend FROM corrections WHERE field_key = 'members_total'`).Scan(&backend); err != nil || backend != "rules" {
		t.Errorf("correction backend = %q, %v", backend, err)
	}
	if n := e.auditCount(t, review.ActionCaseCorrect, f.CaseID); n != 3 {
		t.Errorf("correction audit rows = %d, want 3", n)
	}
	k, err := e.svc.KPI(ctx)
	if err != nil || k.Decided() != 1 || len(k.BackendRates) != 1 || k.BackendRates[0].Percent() != 100 || k.Approved != k.Decided() {
		t.Errorf("figures = %+v, %v", k, err)
	}
}
