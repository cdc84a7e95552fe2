package review_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"arsflow/review/account"
)

// completeInvitation follows an invitation link in c's browser and sets
// password, which signs c in; it returns the status.
func (c *client) completeInvitation(link, password string) int {
	c.t.Helper()
	code, body, _ := c.get(link)
	if code != http.StatusOK {
		return code
	}
	m := csrfRE.FindStringSubmatch(body)
	if m == nil {
		c.t.Fatal("invitation form has no csrf field")
	}
	code, _, _ = c.post(link, url.Values{"csrf": {m[1]}, "password": {password}, "password2": {password}})
	if code == http.StatusSeeOther {
		c.get("/behorigheter") // signed in: pick up the session's CSRF token
	}
	return code
}

// invite makes an invitation as the signed-in administrator c and returns
// its link.
func (c *client) invite(username, role string) string {
	c.t.Helper()
	code, body, _ := c.post("/admin/inbjudningar", url.Values{"csrf": {c.csrf}, "username": {username}, "role": {role}})
	i := strings.Index(body, `value="/inbjudan/`)
	if code != http.StatusOK || i < 0 {
		c.t.Fatalf("invite %s: %d", username, code)
	}
	link := body[i+len(`value="`):]
	return link[:strings.IndexByte(link, '"')]
}

// An administrator, with every credential they can get, cannot bring a case
// into the export: not with their own session, not with an account they
// invite and complete themselves, not with a second administrator account,
// not with an API token of any scope, not by confirming their own invitee.
// The database refuses the decision whatever the code does.
func TestAdministratorCannotBringACaseIntoTheExport(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	ts := newTestServer(t, e)
	a := e.insertCase(t, "Bollklubben Framåt", "802000-0001", 2024)
	if err := e.svc.Enter(ctx, a.CaseID, a.SummaryID); err != nil {
		t.Fatal(err)
	}
	approve := url.Values{"summary_id": {strconv.FormatInt(a.SummaryID, 10)}}
	caseURL := "/arenden/" + strconv.FormatInt(a.CaseID, 10)

	admin := newClient(t, ts)
	admin.signIn("admin")
	// 1. Their own session.
	if code, _, _ := admin.post(caseURL+"/godkann", withCSRF(approve, admin.csrf)); code != http.StatusForbidden {
		t.Errorf("administrator approves: %d", code)
	}
	// 2. An account they invite and complete with a password they choose.
	sockLink := admin.invite("sock", account.RoleHandlaggare)
	sock := newClient(t, ts)
	if code := sock.completeInvitation(sockLink, "strumpdocka-i-skafferiet"); code != http.StatusSeeOther {
		t.Fatalf("complete own invitation: %d", code)
	}
	if code, _, _ := sock.get(caseURL); code != http.StatusForbidden {
		t.Errorf("unconfirmed handläggare opens a case: %d", code)
	}
	if code, _, _ := sock.post(caseURL+"/godkann", withCSRF(approve, sock.csrf)); code != http.StatusForbidden {
		t.Errorf("unconfirmed handläggare approves: %d", code)
	}
	if code, _, _ := sock.get("/dokument/" + strconv.FormatInt(a.DocumentID, 10) + "/pdf"); code != http.StatusForbidden {
		t.Errorf("unconfirmed handläggare opens an original: %d", code)
	}
	grants, err := e.acct.ListGrants(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sockGrant := strconv.FormatInt(grants[0].ID, 10)
	// 3. Confirming their invitee themselves, from either account.
	for name, c := range map[string]*client{"administrator": admin, "invitee": sock} {
		if code, _, _ := c.post("/behorigheter/"+sockGrant+"/bekrafta", url.Values{"csrf": {c.csrf}}); code != http.StatusForbidden {
			t.Errorf("%s confirms the invitee: %d", name, code)
		}
	}
	// 4. A second administrator account they invite and complete.
	admin2Link := admin.invite("admin2", account.RoleAdministrator)
	admin2 := newClient(t, ts)
	if code := admin2.completeInvitation(admin2Link, "andra-kontot-i-skafferiet"); code != http.StatusSeeOther {
		t.Fatalf("complete second administrator: %d", code)
	}
	if code, _, _ := admin2.post("/behorigheter/"+sockGrant+"/bekrafta", url.Values{"csrf": {admin2.csrf}}); code != http.StatusForbidden {
		t.Errorf("second administrator confirms: %d", code)
	}
	// The second administrator cannot become the confirming handläggare:
	// whoever invited can never hold that role, and no role is self-granted.
	admin2Self := admin2.invite("admin2-hl", account.RoleHandlaggare)
	if code := newClient(t, ts).completeInvitation(admin2Self, "tredje-kontot-i-skafferiet"); code != http.StatusSeeOther {
		t.Fatalf("complete: %d", code)
	}
	// 5. API tokens of every scope they can hold, on the decision and on
	// the confirmation.
	for _, scope := range []string{account.ScopeIngest, account.ScopeRead, account.ScopeExport} {
		tok, err := e.acct.CreateToken(ctx, e.admin.ID, "x", scope, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{caseURL + "/godkann", "/behorigheter/" + sockGrant + "/bekrafta"} {
			if code := bearer(t, "POST", ts.URL+path, tok, approve); code != http.StatusForbidden {
				t.Errorf("%s token on %s: %d", scope, path, code)
			}
		}
	}
	// 6. With every account they hold, straight at the database as the
	// application would write it: refused.
	for _, name := range []string{"admin", "sock", "admin2", "admin2-hl"} {
		u, err := e.acct.UserByName(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.db.Pool.Exec(ctx, `INSERT INTO decisions (case_id, summary_id, user_id, decision) VALUES ($1, $2, $3, 'approve')`,
			a.CaseID, a.SummaryID, u.ID); err == nil {
			t.Errorf("the database took a decision by %s", name)
		}
		if err := e.svc.Approve(ctx, u, a.CaseID, a.SummaryID, e.shown(t, a.CaseID)); err == nil {
			t.Errorf("Approve as %s", name)
		}
	}
	cases, err := e.svc.Export(ctx)
	if err != nil || len(cases) != 0 {
		t.Fatalf("export = %d cases, %v; want none", len(cases), err)
	}
	// A real colleague confirms the invitee: now, and only now, it may decide.
	hl := newClient(t, ts)
	hl.signIn("hanna")
	if code, body, _ := hl.get("/behorigheter"); code != http.StatusOK || !strings.Contains(body, "Väntar på bekräftelse") || !strings.Contains(body, "sock") {
		t.Fatalf("the handläggare group does not see the grant: %d", code)
	}
	if code, _, _ := hl.post("/behorigheter/"+sockGrant+"/bekrafta", url.Values{"csrf": {hl.csrf}}); code != http.StatusSeeOther {
		t.Fatalf("colleague confirms: %d", code)
	}
	if e.auditCount(t, "role.confirm", 0) != 1 || e.auditCount(t, "invitation.create", 0) != 3 {
		t.Error("grants and confirmations are not audited")
	}
}

func withCSRF(v url.Values, csrf string) url.Values {
	out := url.Values{"csrf": {csrf}}
	for k, vs := range v {
		out[k] = vs
	}
	return out
}
