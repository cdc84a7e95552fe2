package review_test

import (
	"context"
	"regexp"
	"slices"
	"testing"
	"time"

	"arsflow/review"
)

// TestKPIPageAndNoticeShowTheSameFigures: the measures both pages show are
// one computation: the same cases decided, share rejected or sent back,
// time to decision and changes per field, whatever happened to the cases.
func TestKPIPageAndNoticeShowTheSameFigures(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	ts := newNoticeServer(t, e, review.Config{Backends: []review.BackendInfo{rulesBackend}, FiguresTTL: -1})
	a := e.insertCase(t, "Ekbackens IK", "802000-0001", 2025)
	b := e.insertCase(t, "Scoutkåren Svalan", "802000-0002", 2025)
	c := e.insertCase(t, "Kulturföreningen Lyktan", "802000-0003", 2025)
	// The documents arrived three days before the cases were formed.
	if _, err := e.db.Pool.Exec(ctx, `UPDATE documents SET created_at = now() - interval '3 days'`); err != nil {
		t.Fatal(err)
	}
	for _, f := range []fixtureCase{a, b, c} {
		if err := e.svc.Enter(ctx, f.CaseID, f.SummaryID); err != nil {
			t.Fatal(err)
		}
	}
	// b's value is changed too before it is rejected: only approvals count.
	if err := e.svc.Correct(ctx, e.hl, b.CaseID, "members_total", "160", "Fel avläst"); err != nil {
		t.Fatal(err)
	}
	e.correctApproveRejectSendBack(t, a, b, c)

	_, notice, _ := newClient(t, ts).get("/om-ai")
	staff := newClient(t, ts)
	staff.signIn("hanna")
	_, kpi, _ := staff.get("/nyckeltal")
	for _, pair := range [][2]string{
		{"Ärenden där en handläggare har beslutat", "Beslutade ärenden"},
		{"Sammanställningar som handläggare avvisat eller skickat tillbaka", "Avvisade eller tillbakaskickade sammanställningar"},
		{"Mediantid från att handlingarna kom in till beslut", "Tid till beslut, median"},
	} {
		if n, k := figure(t, notice, pair[0]), figure(t, kpi, pair[1]); n != k {
			t.Errorf("the notice shows %s = %q, the KPI page %s = %q", pair[0], n, pair[1], k)
		}
	}
	if got := figure(t, kpi, "Tid till beslut, median"); got != "3,0 dagar" {
		t.Errorf("time to decision = %q, want from the documents' arrival", got)
	}
	// Per field: changed, of the machine's values, and added.
	noticeRows := fieldRows(regexp.MustCompile(`<th scope="row">([^<]+)</th><td>(\d+)</td><td>(\d+)</td><td>[^<]*</td><td>(\d+)</td>`), notice, 2, 3, 4)
	kpiRows := fieldRows(regexp.MustCompile(`<th scope="row">([^<]+)</th><td>(\d+) av (\d+)</td><td>[^<]*</td><td>(\d+)</td>`), kpi, 3, 2, 4)
	if len(noticeRows) == 0 || len(noticeRows) != len(kpiRows) {
		t.Fatalf("field rows: notice %v, KPI page %v", noticeRows, kpiRows)
	}
	for label, n := range noticeRows {
		if kpiRows[label] != n {
			t.Errorf("%s: notice %v, KPI page %v", label, n, kpiRows[label])
		}
	}
	if want := [3]string{"1", "1", "0"}; kpiRows["Antal medlemmar"] != want {
		t.Errorf("Antal medlemmar = %v, want %v (the approved case only)", kpiRows["Antal medlemmar"], want)
	}
}

// fieldRows reads a field table: label -> (machine values, changed, added),
// from the submatches at those positions.
func fieldRows(re *regexp.Regexp, body string, machine, changed, added int) map[string][3]string {
	out := map[string][3]string{}
	for _, m := range re.FindAllStringSubmatch(body, -1) {
		out[m[1]] = [3]string{m[machine], m[changed], m[added]}
	}
	return out
}

// TestFiguresFollowTheDecisions: the figures count a case's approval while
// it stands; a case reopened by a newer summary leaves them until it is
// decided again, and its time in review and corrections go with the decision.
func TestFiguresFollowTheDecisions(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	a := e.insertCase(t, "Ekbackens IK", "802000-0001", 2025)
	if err := e.svc.Enter(ctx, a.CaseID, a.SummaryID); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Correct(ctx, e.hl, a.CaseID, "members_total", "150", "Fel avläst"); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Approve(ctx, e.hl, a.CaseID, a.SummaryID, e.shown(t, a.CaseID)); err != nil {
		t.Fatal(err)
	}
	members := func(k *review.KPI) review.FieldFigure {
		for _, f := range k.Fields {
			if f.Key == "members_total" {
				return f
			}
		}
		return review.FieldFigure{}
	}
	k, err := e.svc.KPI(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if f := members(k); f.MachineValues != 1 || f.Changed != 1 || k.Approved != 1 || len(k.BackendRates) != 1 || k.BackendRates[0].Corrected != 1 {
		t.Errorf("after the approval: members %+v, approved %d, backends %+v", f, k.Approved, k.BackendRates)
	}
	if k.ActiveReview.Median <= 0 {
		t.Errorf("no time in active review: %+v", k.ActiveReview)
	}

	// A late document: a newer summary reopens the case.
	second := e.insertSummary(t, a.CaseID, 2, "rules", "Ekbackens IK")
	if err := e.svc.Enter(ctx, a.CaseID, second); err != nil {
		t.Fatal(err)
	}
	if k, err = e.svc.KPI(ctx); err != nil {
		t.Fatal(err)
	}
	if f := members(k); f.MachineValues != 0 || k.Approved != 0 || k.Pending != 1 || len(k.BackendRates) != 0 {
		t.Errorf("after the reopening: members %+v, approved %d, pending %d, backends %+v", f, k.Approved, k.Pending, k.BackendRates)
	}

	// Approved again without a correction of the new summary.
	if err := e.svc.Approve(ctx, e.hl, a.CaseID, second, e.shown(t, a.CaseID)); err != nil {
		t.Fatal(err)
	}
	if k, err = e.svc.KPI(ctx); err != nil {
		t.Fatal(err)
	}
	if f := members(k); f.MachineValues != 1 || f.Changed != 1 || k.Approved != 1 || k.BackendRates[0].Corrected != 0 {
		t.Errorf("approved again: members %+v (the correction still applies), approved %d, backends %+v", f, k.Approved, k.BackendRates)
	}
}

// TestKPIBacklogAndWeeks: the backlog's age (oldest, median, by age) and
// the cases arrived and decided this week.
func TestKPIBacklogAndWeeks(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	ages := []string{"2 hours", "3 days", "5 days", "40 days"}
	var cases []fixtureCase
	for i, age := range ages {
		f := e.insertCase(t, "Förening "+age, "802000-000"+string(rune('1'+i)), 2025)
		if err := e.svc.Enter(ctx, f.CaseID, f.SummaryID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.db.Pool.Exec(ctx, `UPDATE review_items SET entered_at = now() - $2::interval WHERE case_id = $1`, f.CaseID, age); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, f)
	}
	if err := e.svc.Approve(ctx, e.hl, cases[0].CaseID, cases[0].SummaryID, e.shown(t, cases[0].CaseID)); err != nil {
		t.Fatal(err)
	}
	k, err := e.svc.KPI(ctx)
	if err != nil {
		t.Fatal(err)
	}
	const day = 24 * time.Hour
	// Pending: 3, 5 and 40 days old.
	if k.Pending != 3 || k.BacklogMedian.Round(time.Hour) != 5*day || k.BacklogOldest.Round(time.Hour) != 40*day {
		t.Errorf("backlog %d, median %s, oldest %s", k.Pending, k.BacklogMedian, k.BacklogOldest)
	}
	var byAge []int
	for _, b := range k.BacklogBuckets {
		byAge = append(byAge, b.Count)
	}
	if !slices.Equal(byAge, []int{0, 2, 0, 1}) {
		t.Errorf("backlog by age = %v", byAge)
	}
	if this := k.Weeks[len(k.Weeks)-1]; this.Arrived != 4 || this.Decided != 1 {
		t.Errorf("this week: %+v", this)
	}
	// An even backlog: the median is between the middle two.
	if err := e.svc.Reject(ctx, e.hl, cases[3].CaseID, cases[3].SummaryID, "Fel förening"); err != nil {
		t.Fatal(err)
	}
	if k, err = e.svc.KPI(ctx); err != nil {
		t.Fatal(err)
	}
	if k.BacklogMedian.Round(time.Hour) != 4*day {
		t.Errorf("median of 3 and 5 days = %s", k.BacklogMedian)
	}
}
