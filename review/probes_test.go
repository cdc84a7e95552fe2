package review_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"arsflow/review/account"
)

// bearer sends a request with an API token.
func bearer(t *testing.T, method, u, token string, form url.Values) int {
	t.Helper()
	req, _ := http.NewRequest(method, u, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// No API token reaches /admin, whatever its scope: an ingest token cannot
// mint accounts, disable users or revoke tokens.
func TestTokensNeverReachAdmin(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	ts := newTestServer(t, e)
	hlID := strconv.FormatInt(e.hl.ID, 10)
	for _, scope := range []string{account.ScopeIngest, account.ScopeRead, account.ScopeExport} {
		tok, err := e.acct.CreateToken(ctx, e.admin.ID, scope, scope, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range []struct{ method, path string }{
			{"GET", "/admin/anvandare"},
			{"POST", "/admin/inbjudningar"},
			{"POST", "/admin/anvandare/" + hlID + "/inaktivera"},
			{"POST", "/admin/nycklar"},
			{"POST", "/admin/nycklar/1/aterkalla"},
			{"GET", "/admin/batcher"},
			{"GET", "/behorigheter"},
			{"GET", "/dokument/1/pdf"},
		} {
			form := url.Values{"username": {"mint"}, "role": {"handlaggare"}, "name": {"x"}, "scope": {"export"}}
			if code := bearer(t, r.method, ts.URL+r.path, tok, form); code != http.StatusForbidden {
				t.Errorf("%s token: %s %s = %d, want 403", scope, r.method, r.path, code)
			}
		}
	}
	if u, _ := e.acct.UserByID(ctx, e.hl.ID); u.Disabled {
		t.Error("a token disabled a user")
	}
	if invs, _ := e.acct.ListInvitations(ctx); len(invs) != 0 {
		t.Error("a token created an invitation")
	}
}

// next accepts same-origin paths only.
func TestSignInNextStaysOnSite(t *testing.T) {
	e := newEnv(t)
	ts := newTestServer(t, e)
	tests := []struct{ next, want string }{
		{"/%09/evil.example", "/"},
		{"/\t/evil.example", "/"},
		{"//evil.example", "/"},
		{"/\\evil.example", "/"},
		{"/%5Cevil.example", "/"},
		{"/%2F/evil.example", "/"},
		{"https://evil.example/", "/"},
		{"/\u202e/evil.example", "/"},
		{"javascript:alert(1)", "/"},
		{"/arenden?status=pending", "/arenden?status=pending"},
	}
	for _, tt := range tests {
		t.Run(tt.next, func(t *testing.T) {
			c := newClient(t, ts)
			_, body, _ := c.get("/logga-in")
			m := csrfRE.FindStringSubmatch(body)
			code, _, h := c.post("/logga-in", url.Values{"csrf": {m[1]}, "username": {"hanna"}, "password": {testPassword}, "next": {tt.next}})
			if code != http.StatusSeeOther || h.Get("Location") != tt.want {
				t.Fatalf("next=%q: %d to %q, want %q", tt.next, code, h.Get("Location"), tt.want)
			}
		})
	}
}

// 40 parallel wrong passwords over HTTP: at most MaxFailures (5) are
// checked, the rest are refused as locked, and so is the right password.
func TestParallelSignInsHitTheLockout(t *testing.T) {
	e := newEnv(t)
	ts := newTestServer(t, e)
	c := newClient(t, ts)
	_, body, _ := c.get("/logga-in")
	token := csrfRE.FindStringSubmatch(body)[1]
	var wg sync.WaitGroup
	var mu sync.Mutex
	counts := map[int]int{}
	for i := 0; i < 40; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Each attempt carries the same form cookie, as separate
			// clients of an attacker would.
			form := url.Values{"csrf": {token}, "username": {"hanna"}, "password": {"fel-lösenord-här"}}
			req, _ := http.NewRequest("POST", ts.URL+"/logga-in", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.AddCookie(&http.Cookie{Name: "arsflow_login", Value: token})
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			mu.Lock()
			counts[resp.StatusCode]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	if counts[http.StatusUnauthorized] > 5 || counts[http.StatusTooManyRequests] < 35 {
		t.Fatalf("answers = %v, want at most 5 checked (401) and the rest locked (429)", counts)
	}
	_, body, _ = c.get("/logga-in")
	token = csrfRE.FindStringSubmatch(body)[1]
	if code, _, _ := c.post("/logga-in", url.Values{"csrf": {token}, "username": {"hanna"}, "password": {testPassword}}); code != http.StatusTooManyRequests {
		t.Fatalf("right password while locked: %d", code)
	}
}

// formProbe is a case entered for review with a handläggare and an
// administrator signed in, for the probes of bad form input.
type formProbe struct {
	e            *env
	ts           *httptest.Server
	a            fixtureCase
	hl, admin    *client
	caseURL, sid string // the case's path and its summary id
}

func newFormProbe(t *testing.T) formProbe {
	t.Helper()
	e := newEnv(t)
	p := formProbe{e: e, ts: newTestServer(t, e), a: e.insertCase(t, "Bollklubben", "802000-0001", 2024)}
	if err := e.svc.Enter(context.Background(), p.a.CaseID, p.a.SummaryID); err != nil {
		t.Fatal(err)
	}
	p.hl = newClient(t, p.ts)
	p.hl.signIn("hanna")
	p.admin = newClient(t, p.ts)
	p.admin.signIn("admin")
	p.caseURL, p.sid = "/arenden/"+strconv.FormatInt(p.a.CaseID, 10), strconv.FormatInt(p.a.SummaryID, 10)
	return p
}

// NUL bytes and invalid UTF-8 in a form or a query give a 400 with a
// Swedish message, never a 500.
func TestBadFormInputIsA400(t *testing.T) {
	p := newFormProbe(t)
	ts, hl, admin, caseURL, sid := p.ts, p.hl, p.admin, p.caseURL, p.sid
	tests := []struct {
		name string
		c    *client
		path string
		form url.Values
	}{
		{"NUL in a rejection reason", hl, caseURL + "/avvisa", url.Values{"csrf": {hl.csrf}, "summary_id": {sid}, "reason": {"skäl\x00"}}},
		{"invalid UTF-8 in a rejection reason", hl, caseURL + "/avvisa", url.Values{"csrf": {hl.csrf}, "summary_id": {sid}, "reason": {"sk\xe4l"}}},
		{"NUL in a correction", hl, caseURL + "/rattelse", url.Values{"csrf": {hl.csrf}, "field": {"members_total"}, "value": {"1\x002"}}},
		{"NUL in a user name", admin, "/admin/inbjudningar", url.Values{"csrf": {admin.csrf}, "username": {"ny\x00"}, "display_name": {"x"}, "role": {"handlaggare"}}},
		{"invalid UTF-8 in a display name", admin, "/admin/inbjudningar", url.Values{"csrf": {admin.csrf}, "username": {"ny"}, "display_name": {"\xc3\x28"}, "role": {"handlaggare"}}},
		{"NUL in a token name", admin, "/admin/nycklar", url.Values{"csrf": {admin.csrf}, "name": {"a\x00"}}},
		{"NUL in a sign-in", newClient(t, ts), "/logga-in", url.Values{"username": {"han\x00na"}, "password": {"x"}}},
		{"invalid UTF-8 in the query", hl, "/arenden?status=%ff", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var code int
			var body string
			if tt.form == nil {
				code, body, _ = tt.c.get(tt.path)
			} else {
				code, body, _ = tt.c.post(tt.path, tt.form)
			}
			if code != http.StatusBadRequest || !strings.Contains(body, "tecken som inte kan tas emot") {
				t.Fatalf("status %d, want 400 with a Swedish message; body %.200s", code, body)
			}
		})
	}
}

// Originals only for those who work the case, or for the administrator who
// uploaded a file that failed; every download audited.
func TestOriginalsOnlyForThoseWhoWorkTheCase(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	ts := newTestServer(t, e)
	inReview := e.insertCase(t, "Bollklubben", "802000-0001", 2024)
	if err := e.svc.Enter(ctx, inReview.CaseID, inReview.SummaryID); err != nil {
		t.Fatal(err)
	}
	notYet := e.insertCase(t, "Scoutkåren", "802000-0002", 2024) // not in review yet
	// A refused upload by the administrator, and one by another administrator.
	other, err := e.acct.CreateUser(ctx, "admin2", "", testPassword, account.RoleAdministrator)
	if err != nil {
		t.Fatal(err)
	}
	rejected := func(by int64, name string) int64 {
		var batch, doc int64
		if err := e.db.Pool.QueryRow(ctx, `INSERT INTO batches (created_by, source) VALUES ($1, 'web') RETURNING id`, by).Scan(&batch); err != nil {
			t.Fatal(err)
		}
		if err := e.db.Pool.QueryRow(ctx, `INSERT INTO documents (batch_id, filename, sha256, size_bytes, content, rejected_reason)
			VALUES ($1, $2, sha256($3::bytea), 3, $3::bytea, 'inte en PDF') RETURNING id`, batch, name, []byte(name)).Scan(&doc); err != nil {
			t.Fatal(err)
		}
		return doc
	}
	mine, theirs := rejected(e.admin.ID, "mine.pdf"), rejected(other.ID, "theirs.pdf")
	hl := newClient(t, ts)
	hl.signIn("hanna")
	admin := newClient(t, ts)
	admin.signIn("admin")
	tests := []struct {
		who  string
		c    *client
		doc  int64
		want int
	}{
		{"handläggare, case in review", hl, inReview.DocumentID, http.StatusOK},
		{"handläggare, case not in review", hl, notYet.DocumentID, http.StatusForbidden},
		{"handläggare, refused upload", hl, mine, http.StatusForbidden},
		{"administrator, case in review", admin, inReview.DocumentID, http.StatusForbidden},
		{"administrator, own refused upload", admin, mine, http.StatusOK},
		{"administrator, another's refused upload", admin, theirs, http.StatusForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.who, func(t *testing.T) {
			before := e.auditCount(t, "document.view", tt.doc)
			code, _, _ := tt.c.get("/dokument/" + strconv.FormatInt(tt.doc, 10) + "/pdf")
			if code != tt.want {
				t.Fatalf("status %d, want %d", code, tt.want)
			}
			if got := e.auditCount(t, "document.view", tt.doc) - before; (code == http.StatusOK) != (got == 1) {
				t.Fatalf("audit rows %d for status %d", got, code)
			}
		})
	}
}
