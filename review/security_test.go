package review_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"arsflow/review"
	"arsflow/review/account"
)

// A decision is taken in person: an API token of a handläggare (which an
// administrator might have created and seen) cannot approve, reject or
// correct.
func TestDecisionsNeedASignedInHandlaggare(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	ts := newTestServer(t, e)
	a := e.insertCase(t, "Bollklubben Framåt", "802000-0001", 2024)
	if err := e.svc.Enter(ctx, a.CaseID, a.SummaryID); err != nil {
		t.Fatal(err)
	}
	token, err := e.acct.CreateToken(ctx, e.hl.ID, "stolen", account.ScopeExport, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, action := range []string{"godkann", "avvisa", "rattelse"} {
		t.Run(action, func(t *testing.T) {
			form := url.Values{"summary_id": {strconv.FormatInt(a.SummaryID, 10)}, "reason": {"x"}, "key": {"members_total"}, "value": {"1"}}
			if code := bearer(t, "POST", ts.URL+"/arenden/"+strconv.FormatInt(a.CaseID, 10)+"/"+action, token, form); code != http.StatusForbidden {
				t.Errorf("%s with an API token: %d, want 403", action, code)
			}
		})
	}
	var decisions, corrections int
	_ = e.db.Pool.QueryRow(ctx, `SELECT count(*) FROM decisions`).Scan(&decisions)
	_ = e.db.Pool.QueryRow(ctx, `SELECT count(*) FROM corrections`).Scan(&corrections)
	if decisions != 0 || corrections != 0 {
		t.Errorf("decisions %d, corrections %d after token requests; want none", decisions, corrections)
	}
}

// An administrator creates API tokens for their own account only.
func TestTokensAreForTheirOwnerOnly(t *testing.T) {
	e := newEnv(t)
	ts := newTestServer(t, e)
	admin := newClient(t, ts)
	admin.signIn("admin")
	code, body, _ := admin.post("/admin/nycklar", url.Values{"csrf": {admin.csrf}, "name": {"x"}, "user_id": {strconv.FormatInt(e.hl.ID, 10)}})
	i := strings.Index(body, `value="arsf_`)
	if code != http.StatusOK || i < 0 {
		t.Fatalf("create token: %d", code)
	}
	plain := body[i+len(`value="`):]
	plain = plain[:strings.IndexByte(plain, '"')]
	u, err := e.acct.UserFromToken(context.Background(), plain, account.ScopeIngest)
	if err != nil {
		t.Fatal(err)
	}
	if u.ID != e.admin.ID {
		t.Errorf("token belongs to %s, want the administrator who made it", u.Username)
	}
}

// The export shows the values the handläggare approved, even when the
// machine's values change afterwards; a case without documents is neither
// in the queue nor in the export.
func TestExportKeepsApprovedValuesAndDropsEmptyCases(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	a := e.insertCase(t, "Bollklubben Framåt", "802000-0001", 2024)
	b := e.insertCase(t, "Scoutkåren Ugglan", "802000-0002", 2024)
	for _, f := range []fixtureCase{a, b} {
		if err := e.svc.Enter(ctx, f.CaseID, f.SummaryID); err != nil {
			t.Fatal(err)
		}
		if err := e.svc.Approve(ctx, e.hl, f.CaseID, f.SummaryID, e.shown(t, f.CaseID)); err != nil {
			t.Fatal(err)
		}
	}
	// A late document re-forms case a before its new summary arrives.
	if _, err := e.db.Pool.Exec(ctx, `UPDATE case_fields SET value = '999999' WHERE case_id = $1 AND key = 'members_total'`, a.CaseID); err != nil {
		t.Fatal(err)
	}
	// Case b's only document moved to another case.
	if _, err := e.db.Pool.Exec(ctx, `UPDATE document_extractions SET case_id = NULL WHERE case_id = $1`, b.CaseID); err != nil {
		t.Fatal(err)
	}
	cases, err := e.svc.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 1 || cases[0].CaseID != a.CaseID {
		t.Fatalf("export has %d cases, want only case %d", len(cases), a.CaseID)
	}
	if got := cases[0].Fields["members_total"].Value; got != 142.0 {
		t.Errorf("exported members_total = %v, want the approved 142", got)
	}
	page, err := e.svc.Queue(ctx, review.QueueFilter{Status: "approved"})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range page.Items {
		if it.CaseID == b.CaseID {
			t.Error("the queue lists a case without documents")
		}
	}
}
