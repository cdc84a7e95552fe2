package review_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"arsflow/review"
	"arsflow/review/account"
)

// postMultipart posts fields as multipart/form-data, with the CSRF token in
// the first part as the upload form sends it.
func (c *client) postMultipart(path string, fields map[string]string) (int, string) {
	c.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	if err := mw.WriteField("csrf", c.csrf); err != nil {
		c.t.Fatal(err)
	}
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			c.t.Fatal(err)
		}
	}
	mw.Close()
	req, _ := http.NewRequest("POST", c.base+path, &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	code, body, _ := c.do(req)
	return code, body
}

// The NUL and UTF-8 check of forms holds for a form sent as
// multipart/form-data too: only the upload reads a multipart body (and
// checks its own fields); every other route refuses one with a 400. Before,
// a multipart body went around the check and a NUL byte in a rejection
// reason or an invitation gave a 500.
func TestMultipartFormsAreCheckedToo(t *testing.T) {
	p := newFormProbe(t)
	e, a, hl, admin, caseURL, sid := p.e, p.a, p.hl, p.admin, p.caseURL, p.sid
	tests := []struct {
		name   string
		c      *client
		path   string
		fields map[string]string
	}{
		{"NUL in a rejection reason", hl, caseURL + "/avvisa", map[string]string{"summary_id": sid, "reason": "skäl\x00"}},
		{"invalid UTF-8 in a rejection reason", hl, caseURL + "/avvisa", map[string]string{"summary_id": sid, "reason": "sk\xe4l"}},
		{"NUL in a correction reason", hl, caseURL + "/rattelse", map[string]string{"field": "members_total", "value": "12", "reason": "a\x00"}},
		{"NUL in an invitation", admin, "/admin/inbjudningar", map[string]string{"username": "ny", "display_name": "x\x00", "role": "handlaggare"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code, body := tt.c.postMultipart(tt.path, tt.fields); code != http.StatusBadRequest {
				t.Fatalf("status %d, want 400; body %.300s", code, body)
			}
		})
	}
	if n := e.auditCount(t, "case.reject", a.CaseID) + e.auditCount(t, "case.correct", a.CaseID); n != 0 {
		t.Errorf("%d decisions or corrections stored from a refused form", n)
	}
}

// recordingResummarizer records the cases it was asked to summarise again.
type recordingResummarizer struct{ cases []int64 }

func (r *recordingResummarizer) Resummarize(ctx context.Context, userID, caseID int64, backend string) error {
	r.cases = append(r.cases, caseID)
	return nil
}

// Sending a case back for a new run is a step of the work on a pending
// case, like a correction: only by the handläggare who holds the case, and
// never on a decided case, where a new summary would reopen it and take an
// approved case out of the export. The page offers it only so; before, a
// crafted form did it on a colleague's case and on an approved one.
func TestSendBackOnlyByTheHolderOfAPendingCase(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	rec := &recordingResummarizer{}
	srv, err := review.NewServer(review.Config{
		Backends:     []review.BackendInfo{{Name: "rules", Label: "Regelbaserad", Location: "internal"}},
		PageCacheDir: t.TempDir(),
	}, e.db, e.acct, review.Actions{Resummarize: rec})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	if _, err := e.acct.CreateUser(ctx, "olle", "Olle", testPassword, account.RoleHandlaggare); err != nil {
		t.Fatal(err)
	}
	a := e.insertCase(t, "Bollklubben", "802000-0001", 2024)
	if err := e.svc.Enter(ctx, a.CaseID, a.SummaryID); err != nil {
		t.Fatal(err)
	}
	caseURL := "/arenden/" + strconv.FormatInt(a.CaseID, 10)
	hanna, olle := newClient(t, ts), newClient(t, ts)
	hanna.signIn("hanna")
	olle.signIn("olle")
	hanna.get(caseURL) // claims it
	if code, _, _ := olle.post(caseURL+"/sammanfatta", url.Values{"csrf": {olle.csrf}, "backend": {"rules"}}); code != http.StatusConflict {
		t.Errorf("a colleague sends back a case someone else holds: %d, want 409", code)
	}
	if code, _, _ := hanna.post(caseURL+"/sammanfatta", url.Values{"csrf": {hanna.csrf}, "backend": {"rules"}}); code != http.StatusSeeOther {
		t.Errorf("the holder sends the case back: %d, want 303", code)
	}
	if err := e.svc.Approve(ctx, e.hl, a.CaseID, a.SummaryID, e.shown(t, a.CaseID)); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]*client{"hanna": hanna, "olle": olle} {
		if code, _, _ := c.post(caseURL+"/sammanfatta", url.Values{"csrf": {c.csrf}, "backend": {"rules"}}); code != http.StatusConflict {
			t.Errorf("%s sends back an approved case: %d, want 409", name, code)
		}
	}
	if len(rec.cases) != 1 {
		t.Errorf("summarised again %d times, want once (by the holder, while pending)", len(rec.cases))
	}
}

// A batch id or a page cursor beyond PostgreSQL's int4 in the
// administrator's console is bad input: the page answers, it does not fail.
// Before, the query compared the cursor with 0 first, so PostgreSQL took it
// for an int4, and an id above 2³¹ gave a 500.
func TestConsoleTakesEveryBatchID(t *testing.T) {
	e := newEnv(t)
	ts := newTestServer(t, e)
	admin := newClient(t, ts)
	admin.signIn("admin")
	for path, want := range map[string]int{
		"/admin/batcher?fore=9223372036854775807":   http.StatusOK,
		"/admin/batcher?fore=3000000000":            http.StatusOK,
		"/admin/batcher/9223372036854775807/status": http.StatusNotFound,
		"/admin/batcher/3000000000/status":          http.StatusNotFound,
	} {
		if code, _, _ := admin.get(path); code != want {
			t.Errorf("%s: %d, want %d", path, code, want)
		}
	}
}

// A verdict is on a check or flag the case has: the share of flags that
// handläggare confirmed is one of the municipality's measures, and a
// crafted form must not add verdicts on flags that do not exist. Before,
// any key of the right shape was stored and counted.
func TestVerdictsOnlyOnFlagsTheCaseHas(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	a := e.insertCase(t, "Bollklubben", "802000-0001", 2024) // check discharge_missing, flag unsupported_claim at 0
	if err := e.svc.Enter(ctx, a.CaseID, a.SummaryID); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"check:discharge_missing", "flag:unsupported_claim:0"} {
		if err := e.svc.SetVerdict(ctx, e.hl, a.CaseID, key, "confirmed"); err != nil {
			t.Errorf("verdict on %s: %v", key, err)
		}
	}
	for _, key := range []string{"check:org_number_invalid", "flag:unsupported_claim:1", "flag:other:0", "flag:unsupported_claim:9999"} {
		if err := e.svc.SetVerdict(ctx, e.hl, a.CaseID, key, "dismissed"); !errors.Is(err, review.ErrInvalid) {
			t.Errorf("verdict on %s, which the case does not have: %v, want ErrInvalid", key, err)
		}
	}
	if n := e.auditCount(t, review.ActionFlagVerdict, a.CaseID); n != 2 {
		t.Errorf("%d verdicts stored, want 2", n)
	}
}

// The upload form's CSRF token travels in the body's first part, never in
// the URL (which a reverse proxy's access log keeps). A token in the query,
// or in a later part, is refused.
func TestUploadCSRFIsNotInTheURL(t *testing.T) {
	e := newEnv(t)
	ts := newTestServer(t, e)
	admin := newClient(t, ts)
	admin.signIn("admin")
	post := func(query string, fields ...string) int {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		for i := 0; i+1 < len(fields); i += 2 {
			_ = mw.WriteField(fields[i], fields[i+1])
		}
		mw.Close()
		req, _ := http.NewRequest("POST", ts.URL+"/admin/batcher"+query, &b)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		code, _, _ := admin.do(req)
		return code
	}
	tests := []struct {
		name  string
		code  int
		query string
		parts []string
	}{
		{"token in the first part", http.StatusServiceUnavailable, "", []string{"csrf", admin.csrf, "label", "x"}},
		{"token in the query", http.StatusForbidden, "?csrf=" + admin.csrf, []string{"label", "x"}},
		{"token in a later part", http.StatusForbidden, "", []string{"label", "x", "csrf", admin.csrf}},
	}
	for _, tt := range tests {
		// No uploader is wired in this test server: passing the CSRF check
		// reaches the handler, which answers 503.
		if code := post(tt.query, tt.parts...); code != tt.code {
			t.Errorf("%s: %d, want %d", tt.name, code, tt.code)
		}
	}
}

// A link from another site opens a pending case without claiming it. The
// session cookie is SameSite=Lax, so a top-level GET from anywhere carries
// it; before, whoever followed a link on another site (a web mail, a forum)
// claimed the case and kept colleagues out of it. Now a GET claims only a
// navigation from this site, or one typed or bookmarked (Sec-Fetch-Site
// same-origin or none); without Fetch Metadata (an old browser, curl) only
// a Referer of this server's own origin does. Otherwise the page says why
// and offers "Ta ärendet", which claims as before, audited once.
func TestCrossSiteLinkDoesNotClaimTheCase(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	ts := newTestServer(t, e)
	hl := newClient(t, ts)
	hl.signIn("hanna")
	host := strings.TrimPrefix(ts.URL, "http://")
	tests := []struct {
		name          string
		site, referer string // the Sec-Fetch-Site and Referer headers, "" for none
		claims        bool
	}{
		{"a link on this site", "same-origin", ts.URL + "/arenden", true},
		{"typed or bookmarked", "none", "", true},
		{"a link from another site", "cross-site", "", false},
		{"a link from a sibling site", "same-site", "", false},
		{"a link from another site with a Referer of this site", "cross-site", ts.URL + "/arenden", false},
		{"no Fetch Metadata, no Referer", "", "", false},
		{"no Fetch Metadata, a Referer from another site", "", "https://evil.example/arenden", false},
		{"no Fetch Metadata, a Referer of this host over https", "", "https://" + host + "/arenden", false},
		{"no Fetch Metadata, a Referer that only begins like this site", "", strings.Replace(ts.URL, "127.0.0.1:", "127.0.0.1.evil.example:", 1) + "/arenden", false},
		{"no Fetch Metadata, a Referer of this site", "", ts.URL + "/arenden", true},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := e.insertCase(t, fmt.Sprintf("Förening %d", i), fmt.Sprintf("802000-%04d", i), 2024)
			if err := e.svc.Enter(ctx, f.CaseID, f.SummaryID); err != nil {
				t.Fatal(err)
			}
			caseURL := "/arenden/" + strconv.FormatInt(f.CaseID, 10)
			req, _ := http.NewRequest("GET", ts.URL+caseURL, nil)
			if tt.referer != "" {
				req.Header.Set("Referer", tt.referer)
			}
			c := *hl // the same browser, sending only this row's headers
			c.site = tt.site
			code, body, _ := c.do(req)
			if code != http.StatusOK {
				t.Fatalf("GET %s: %d", caseURL, code)
			}
			claim, err := e.svc.CaseClaim(ctx, f.CaseID)
			if err != nil {
				t.Fatal(err)
			}
			if got := claim.Mine(e.hl); got != tt.claims {
				t.Fatalf("claimed = %v, want %v", got, tt.claims)
			}
			if tt.claims {
				if !strings.Contains(body, "Du arbetar med ärendet") || strings.Contains(body, "har inte tagits åt dig") {
					t.Errorf("the page does not say the case is hanna's: %.300s", body)
				}
				if n := e.auditCount(t, review.ActionCaseClaim, f.CaseID); n != 1 {
					t.Errorf("%d claim audit rows, want 1", n)
				}
				return
			}
			if n := e.auditCount(t, review.ActionCaseClaim, f.CaseID); n != 0 {
				t.Errorf("%d claim audit rows for a case not claimed", n)
			}
			if !strings.Contains(body, "har inte tagits åt dig") || !strings.Contains(body, `action="`+caseURL+`/ta"`) {
				t.Fatalf("the page neither explains nor offers the claim: %.300s", body)
			}
			// The explicit way claims, from the page's own form.
			if code, _, _ := hl.post(caseURL+"/ta", url.Values{"csrf": {hl.csrf}}); code != http.StatusSeeOther {
				t.Fatalf("Ta ärendet: %d, want 303", code)
			}
			if claim, err := e.svc.CaseClaim(ctx, f.CaseID); err != nil || !claim.Mine(e.hl) {
				t.Fatalf("after Ta ärendet: claim %+v, %v", claim, err)
			}
			if n := e.auditCount(t, review.ActionCaseClaim, f.CaseID); n != 1 {
				t.Errorf("%d claim audit rows after Ta ärendet, want 1", n)
			}
		})
	}
}

// The export holds the decided cases and the KPI page aggregates the
// review work: an unconfirmed handläggare, who sees no case, sees neither,
// and gets the refusal the case pages give (403, the same message), in the
// web pages, their downloads and with an export token. A confirmed
// handläggare and an administrator see them as before. Before, the pages
// asked only for a signed-in user, so the account an administrator invited
// and completed read every approved case before any colleague confirmed it.
func TestUnconfirmedHandlaggareSeesNoExportOrKPI(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	ts := newTestServer(t, e)
	a := e.insertCase(t, "Bollklubben Framåt", "802000-0001", 2024)
	if err := e.svc.Enter(ctx, a.CaseID, a.SummaryID); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Approve(ctx, e.hl, a.CaseID, a.SummaryID, e.shown(t, a.CaseID)); err != nil {
		t.Fatal(err)
	}
	code, err := e.acct.CreateInvitation(ctx, e.admin, "ulla", "Ulla Ny", account.RoleHandlaggare)
	if err != nil {
		t.Fatal(err)
	}
	ulla, err := e.acct.CompleteInvitation(ctx, code, "ingen-kollega-har-sagt-ja")
	if err != nil {
		t.Fatal(err)
	}
	if ulla.MayDecide {
		t.Fatal("an invited handläggare may decide before anyone confirmed them")
	}
	clients := map[string]*client{}
	for _, name := range []string{"hanna", "admin", "ulla"} {
		clients[name] = newClient(t, ts)
		if name == "ulla" {
			clients[name].signInWith(name, "ingen-kollega-har-sagt-ja")
		} else {
			clients[name].signIn(name)
		}
	}
	const notConfirmed = "Ditt handläggarkonto är ännu inte bekräftat av en annan handläggare."
	tests := []struct {
		name, user, path string
		want             int
		contains         string
	}{
		{"the case page, for reference", "ulla", "/arenden/" + strconv.FormatInt(a.CaseID, 10), http.StatusForbidden, notConfirmed},
		{"export page, confirmed", "hanna", "/export", http.StatusOK, "Bollklubben Framåt"},
		{"export page, administrator", "admin", "/export", http.StatusOK, "Bollklubben Framåt"},
		{"export page, unconfirmed", "ulla", "/export", http.StatusForbidden, notConfirmed},
		{"export JSON, confirmed", "hanna", "/export.json", http.StatusOK, "Bollklubben Framåt"},
		{"export JSON, administrator", "admin", "/export.json", http.StatusOK, "Bollklubben Framåt"},
		{"export JSON, unconfirmed", "ulla", "/export.json", http.StatusForbidden, notConfirmed},
		{"export CSV, confirmed", "hanna", "/export.csv", http.StatusOK, "Bollklubben Framåt"},
		{"export CSV, unconfirmed", "ulla", "/export.csv", http.StatusForbidden, notConfirmed},
		{"KPI page, confirmed", "hanna", "/nyckeltal", http.StatusOK, "Nyckeltal"},
		{"KPI page, administrator", "admin", "/nyckeltal", http.StatusOK, "Nyckeltal"},
		{"KPI page, unconfirmed", "ulla", "/nyckeltal", http.StatusForbidden, notConfirmed},
		{"KPI CSV, confirmed", "hanna", "/nyckeltal.csv", http.StatusOK, "flags_judged"},
		{"KPI CSV, unconfirmed", "ulla", "/nyckeltal.csv", http.StatusForbidden, notConfirmed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body, _ := clients[tt.user].get(tt.path)
			if code != tt.want || !strings.Contains(body, tt.contains) {
				t.Fatalf("%s %s: %d, want %d containing %q; body %.300s", tt.user, tt.path, code, tt.want, tt.contains, body)
			}
		})
	}
	// An export token in the unconfirmed account's name reads no more.
	for user, want := range map[*account.User]int{e.hl: http.StatusOK, ulla: http.StatusForbidden} {
		tok, err := e.acct.CreateToken(ctx, user.ID, "skript", account.ScopeExport, 0)
		if err != nil {
			t.Fatal(err)
		}
		if code := bearer(t, "GET", ts.URL+"/api/v1/export.json", tok, nil); code != want {
			t.Errorf("%s's export token: %d, want %d", user.Username, code, want)
		}
	}
	// The menu offers them none of these pages; the others all they may see.
	for user, want := range map[string]bool{"ulla": false, "hanna": true, "admin": true} {
		_, body, _ := clients[user].get("/behorigheter")
		for _, link := range []string{`href="/export"`, `href="/nyckeltal"`, `href="/arenden"`, `href="/vantande"`} {
			if user == "admin" && (link == `href="/arenden"` || link == `href="/vantande"`) {
				continue // the administrator's menu never had the queue
			}
			if got := strings.Contains(body, link); got != want {
				t.Errorf("%s's menu has %s: %v, want %v", user, link, got, want)
			}
		}
	}
	var n int
	if err := e.db.Pool.QueryRow(ctx, `SELECT count(*) FROM audit_log WHERE user_id = $1 AND action IN ($2, $3)`,
		ulla.ID, review.ActionExport, review.ActionKPIView).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d export or KPI audit rows for the unconfirmed handläggare, want none", n)
	}
}
