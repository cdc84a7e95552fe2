package review_test

import (
	"context"
	"regexp"
	"testing"

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
	for _, f := range []fixtureCase{a, b, c} {
		if err := e.svc.Enter(ctx, f.CaseID, f.SummaryID); err != nil {
			t.Fatal(err)
		}
	}
	// The documents arrived three days before the cases were formed.
	if _, err := e.db.Pool.Exec(ctx, `UPDATE documents SET created_at = now() - interval '3 days'`); err != nil {
		t.Fatal(err)
	}
	// a: a value changed and one added, approved; b: a value changed, then
	// rejected; c: sent back.
	for _, ch := range []struct {
		f          fixtureCase
		key, value string
	}{{a, "members_total", "150"}, {a, "equity", "12 000"}, {b, "members_total", "160"}} {
		if err := e.svc.Correct(ctx, e.hl, ch.f.CaseID, ch.key, ch.value, "Fel avläst"); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.svc.Approve(ctx, e.hl, a.CaseID, a.SummaryID, e.shown(t, a.CaseID)); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Reject(ctx, e.hl, b.CaseID, b.SummaryID, "Fel förening"); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Audit(ctx, e.hl, review.ActionCaseResummarize, "case", c.CaseID, map[string]any{"backend": "rules"}); err != nil {
		t.Fatal(err)
	}

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
	if got := figure(t, kpi, "Tid till beslut, median"); got != "3.0 dagar" {
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
