package review_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
)

// TestPagesReadAsSwedish reads the staff's pages as a user would: the
// navigation reaches every page the role works with, and the words are
// Swedish and agree with one another (numbers with their nouns, the
// backend by name, the audit log's objects).
func TestPagesReadAsSwedish(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	a := e.insertCase(t, "Bollklubben Framåt", "802000-0001", 2024)
	// Two documents disagree on the members: the queue says so, as the case does.
	if _, err := e.db.Pool.Exec(ctx, `UPDATE case_fields SET candidates = '[{"value": 142, "file": "a.pdf", "page": 2}, {"value": 124, "file": "b.pdf", "page": 1}]'
		 WHERE case_id = $1 AND key = 'members_total'`, a.CaseID); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Enter(ctx, a.CaseID, a.SummaryID); err != nil {
		t.Fatal(err)
	}
	ts := newTestServer(t, e)
	hl, admin := newClient(t, ts), newClient(t, ts)
	hl.signIn("hanna")
	admin.signIn("admin")
	caseURL := "/arenden/" + strconv.FormatInt(a.CaseID, 10)
	hl.get(caseURL)
	hl.get("/behorigheter")

	for _, tt := range []struct {
		name      string
		c         *client
		path      string
		want, not []string
	}{
		{"handläggare's navigation", hl, "/arenden", []string{
			`href="/arenden"`, `href="/vantande"`, `href="/export"`, `href="/behorigheter"`, `href="/nyckeltal"`, `href="/om-ai"`,
		}, []string{`href="/admin/batcher"`}},
		{"administrator's navigation", admin, "/admin/batcher", []string{
			`href="/admin/batcher"`, `href="/admin/anvandare"`, `href="/admin/nycklar"`, `href="/admin/logg"`,
			`href="/admin/installningar"`, `href="/behorigheter"`, `href="/nyckeltal"`, `href="/om-ai"`,
		}, []string{`href="/arenden"`, `href="/vantande"`}},
		{"queue: what to look at", hl, "/arenden", []string{"1 varning", "1 flagga", "1 uppgift med olika värden"},
			[]string{"1 varningar", "1 flaggor"}},
		{"case: the backend by name, pages", hl, caseURL, []string{"regelbaserad (ingen språkmodell)", "3 sidor"},
			[]string{"version 1, rules,"}},
		{"waiting documents", hl, "/vantande", []string{"<h1>Väntande handlingar</h1>"}, nil},
		{"KPI page: the backlog's age", hl, "/nyckeltal", []string{"Äldsta: under 1 minut,"}, []string{"0 minuter"}},
		{"audit log in Swedish", admin, "/admin/logg", []string{"visade behörigheterna", "öppnade ärendet", "ärende " + strconv.FormatInt(a.CaseID, 10)},
			[]string{"role_grants", "case " + strconv.FormatInt(a.CaseID, 10)}},
		{"token scopes", admin, "/admin/nycklar", []string{"Läsning – följa inlästa batcher"}, []string{"Läsa –"}},
		{"public notice: where the backend runs", newClient(t, ts), "/om-ai", []string{"Den körs inom kommunens nätverk."}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, body, _ := tt.c.get(tt.path)
			if code != 200 {
				t.Fatalf("%s: %d", tt.path, code)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("%s lacks %q", tt.path, w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(body, w) {
					t.Errorf("%s has %q", tt.path, w)
				}
			}
		})
	}
}
