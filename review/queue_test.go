package review_test

import (
	"context"
	"slices"
	"testing"

	"arsflow/review"
)

// TestQueueFilters: each filter, and all at once, lists the cases it names
// and counts them by status, claimed cases and other batches included.
func TestQueueFilters(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	other := e.handlaggare(t, "olle")
	a := e.insertCase(t, "Ekbackens IK", "802000-0001", 2025)            // low confidence, claimed by hanna
	b := e.insertCase(t, "Scoutkåren Svalan", "802000-0002", 2025)       // an error, claimed by olle
	c := e.insertCase(t, "Kulturföreningen Lyktan", "802000-0003", 2025) // sure of every value, approved
	d := e.insertCase(t, "Ekbackens Scoutkår", "802000-0004", 2025)      // sure of every value, pending
	for _, x := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO case_checks (case_id, code, severity, message) VALUES ($1, 'balance_sheet_mismatch', 'error', 'Balansräkningen går inte ihop.')`,
			[]any{b.CaseID}},
		{`UPDATE case_fields SET confidence = 0.95 WHERE case_id IN ($1, $2)`, []any{c.CaseID, d.CaseID}},
		{`UPDATE documents SET batch_id = (SELECT batch_id FROM documents WHERE id = $1) WHERE id = $2`, []any{a.DocumentID, d.DocumentID}},
	} {
		if _, err := e.db.Pool.Exec(ctx, x.sql, x.args...); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []fixtureCase{a, b, c, d} {
		if err := e.svc.Enter(ctx, f.CaseID, f.SummaryID); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.svc.Approve(ctx, e.hl, c.CaseID, c.SummaryID, e.shown(t, c.CaseID)); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Claim(ctx, e.hl, a.CaseID); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Claim(ctx, other, b.CaseID); err != nil {
		t.Fatal(err)
	}
	var batchA int64
	if err := e.db.Pool.QueryRow(ctx, `SELECT batch_id FROM documents WHERE id = $1`, a.DocumentID).Scan(&batchA); err != nil {
		t.Fatal(err)
	}

	for _, tt := range []struct {
		name   string
		filter review.QueueFilter
		want   []fixtureCase
		counts review.QueueCounts
	}{
		{"pending", review.QueueFilter{Status: "pending"}, []fixtureCase{a, b, d}, review.QueueCounts{Pending: 3, Approved: 1}},
		{"all", review.QueueFilter{}, []fixtureCase{a, b, c, d}, review.QueueCounts{Pending: 3, Approved: 1}},
		{"approved", review.QueueFilter{Status: "approved"}, []fixtureCase{c}, review.QueueCounts{Pending: 3, Approved: 1}},
		{"newest first", review.QueueFilter{Newest: true}, []fixtureCase{d, c, b, a}, review.QueueCounts{Pending: 3, Approved: 1}},
		{"check code", review.QueueFilter{Flag: "balance_sheet_mismatch"}, []fixtureCase{b}, review.QueueCounts{Pending: 1}},
		{"any error", review.QueueFilter{Flag: review.FlagAnyError}, []fixtureCase{b}, review.QueueCounts{Pending: 1}},
		{"summary flag", review.QueueFilter{Flag: review.FlagAnySummary}, []fixtureCase{a, b, c, d}, review.QueueCounts{Pending: 3, Approved: 1}},
		{"batch", review.QueueFilter{BatchID: batchA}, []fixtureCase{a, d}, review.QueueCounts{Pending: 2}},
		{"search name", review.QueueFilter{Search: "ekbackens"}, []fixtureCase{a, d}, review.QueueCounts{Pending: 2}},
		{"search org number", review.QueueFilter{Search: "0003"}, []fixtureCase{c}, review.QueueCounts{Approved: 1}},
		{"mine", review.QueueFilter{Assignee: e.hl.ID}, []fixtureCase{a}, review.QueueCounts{Pending: 1}},
		{"a colleague's", review.QueueFilter{Assignee: other.ID}, []fixtureCase{b}, review.QueueCounts{Pending: 1}},
		{"unclaimed", review.QueueFilter{Assignee: -1}, []fixtureCase{c, d}, review.QueueCounts{Pending: 1, Approved: 1}},
		{"low confidence", review.QueueFilter{LowConfidence: true}, []fixtureCase{a, b}, review.QueueCounts{Pending: 2}},
		{"all filters", review.QueueFilter{Flag: "discharge_missing", Search: "ekbackens", Assignee: -1, BatchID: batchA}, []fixtureCase{d}, review.QueueCounts{Pending: 1}},
		{"all filters, none left", review.QueueFilter{Search: "ekbackens", Assignee: -1, LowConfidence: true}, nil, review.QueueCounts{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			page, err := e.svc.Queue(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			var got, want []int64
			for _, it := range page.Items {
				got = append(got, it.CaseID)
			}
			for _, f := range tt.want {
				want = append(want, f.CaseID)
			}
			if !slices.Equal(got, want) || page.Counts != tt.counts {
				t.Errorf("cases %v counts %+v, want %v %+v", got, page.Counts, want, tt.counts)
			}
		})
	}
}
