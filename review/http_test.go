package review_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"arsflow/review"
	"arsflow/review/account"
)

// client is a browser: a cookie jar that does not follow redirects.
type client struct {
	t    testing.TB
	base string
	http *http.Client
	csrf string
	// site is the Sec-Fetch-Site header sent when a request has none:
	// "same-origin", as a browser sends for a link or form on this site;
	// "" sends none, as an old browser or curl.
	site string
}

func newTestServer(t testing.TB, e *env) *httptest.Server {
	t.Helper()
	srv, err := review.NewServer(review.Config{
		Organisation: "Fritidsnämnden i Testby",
		Contact:      "Ring kommunens kontaktcenter.",
		Backends:     []review.BackendInfo{{Name: "rules", Label: "Regelbaserad", Location: "internal"}},
		PageCacheDir: t.TempDir(), // fixtures share document hashes: a shared cache would mix their pages
	}, e.db, e.acct, review.Actions{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts
}

func newClient(t testing.TB, ts *httptest.Server) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: t, base: ts.URL, site: "same-origin", http: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

var (
	csrfRE   = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	valuesRE = regexp.MustCompile(`name="values" value="([0-9a-f]+)"`)
)

func (c *client) do(req *http.Request) (int, string, http.Header) {
	c.t.Helper()
	if req.Header.Get("Sec-Fetch-Site") == "" && c.site != "" {
		req.Header.Set("Sec-Fetch-Site", c.site)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if m := csrfRE.FindSubmatch(b); m != nil && !strings.Contains(req.URL.Path, "logga-in") {
		c.csrf = string(m[1])
	}
	return resp.StatusCode, string(b), resp.Header
}

func (c *client) get(path string) (int, string, http.Header) {
	req, _ := http.NewRequest("GET", c.base+path, nil)
	return c.do(req)
}

func (c *client) post(path string, form url.Values) (int, string, http.Header) {
	req, _ := http.NewRequest("POST", c.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

// signIn signs in through the form and picks up the session's CSRF token.
func (c *client) signIn(user string) {
	c.t.Helper()
	c.signInWith(user, testPassword)
}

// signInWith signs in with password.
func (c *client) signInWith(user, password string) {
	c.t.Helper()
	_, body, _ := c.get("/logga-in")
	m := csrfRE.FindStringSubmatch(body)
	if m == nil {
		c.t.Fatal("sign-in form has no csrf field")
	}
	code, _, h := c.post("/logga-in", url.Values{"csrf": {m[1]}, "username": {user}, "password": {password}})
	if code != http.StatusSeeOther {
		c.t.Fatalf("sign in as %s: status %d", user, code)
	}
	if loc := h.Get("Location"); loc != "/" {
		c.t.Fatalf("sign in redirect = %q", loc)
	}
	if code, _, _ := c.get("/behorigheter"); code != http.StatusOK { // every signed-in user's page, whose sign-out form gives the CSRF token
		c.t.Fatalf("after sign-in: %d", code)
	}
	if c.csrf == "" {
		c.t.Fatal("no csrf token after sign-in")
	}
}

func TestSignIn(t *testing.T) {
	e := newEnv(t)
	ts := newTestServer(t, e)
	c := newClient(t, ts)
	if code, _, h := c.get("/arenden"); code != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/logga-in") {
		t.Fatalf("unauthenticated queue: %d %s", code, h.Get("Location"))
	}
	_, body, _ := c.get("/logga-in")
	token := csrfRE.FindStringSubmatch(body)[1]
	tests := []struct {
		name           string
		withToken      bool
		user, password string
		want           int
	}{
		{"wrong password", true, "hanna", "fel-lösenord-123", http.StatusUnauthorized},
		{"unknown user", true, "nobody", testPassword, http.StatusUnauthorized},
		{"missing form token", false, "hanna", testPassword, http.StatusForbidden},
		{"right", true, "hanna", testPassword, http.StatusSeeOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			form := url.Values{"username": {tt.user}, "password": {tt.password}}
			if tt.withToken {
				form.Set("csrf", token)
			}
			code, body, _ := c.post("/logga-in", form)
			if code != tt.want {
				t.Fatalf("status %d, want %d", code, tt.want)
			}
			if code == http.StatusUnauthorized && !strings.Contains(body, "Fel användarnamn eller lösenord") {
				t.Fatalf("no Swedish error message")
			}
			if code != http.StatusSeeOther {
				token = csrfRE.FindStringSubmatch(body)[1] // the form is re-rendered with a new token
			}
		})
	}
	if code, body, _ := c.get("/arenden"); code != http.StatusOK || !strings.Contains(body, `lang="sv"`) {
		t.Fatalf("queue after sign-in: %d", code)
	}
	if n := e.auditCount(t, review.ActionSignIn, e.hl.ID); n != 1 {
		t.Fatalf("sign-in audit rows = %d", n)
	}
	c.csrf = ""
	c.get("/arenden")
	if code, _, _ := c.post("/logga-ut", url.Values{"csrf": {c.csrf}}); code != http.StatusSeeOther {
		t.Fatalf("sign out: %d", code)
	}
	if code, _, _ := c.get("/arenden"); code != http.StatusSeeOther {
		t.Fatalf("after sign-out: %d", code)
	}
}

func TestReviewFlowOverHTTP(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	ts := newTestServer(t, e)
	a := e.insertCase(t, "Bollklubben Framåt", "802000-0001", 2024)
	b := e.insertCase(t, "Scoutkåren Ugglan", "802000-0002", 2024)
	p := e.insertCase(t, "Pensionärsföreningen", "802000-0003", 2024)
	for _, f := range []fixtureCase{a, b, p} {
		if err := e.svc.Enter(ctx, f.CaseID, f.SummaryID); err != nil {
			t.Fatal(err)
		}
	}
	hl := newClient(t, ts)
	hl.signIn("hanna")
	admin := newClient(t, ts)
	admin.signIn("admin")
	caseURL := func(f fixtureCase) string { return "/arenden/" + strconv.FormatInt(f.CaseID, 10) }
	sid := func(f fixtureCase) string { return strconv.FormatInt(f.SummaryID, 10) }

	// The queue list and the case view render.
	code, body, _ := hl.get("/arenden")
	for _, want := range []string{"Bollklubben Framåt", "Scoutkåren Ugglan", "Väntar på granskning", "1 varning", "1 flagga"} {
		if code != http.StatusOK || !strings.Contains(body, want) {
			t.Fatalf("queue list: %d, missing %q", code, want)
		}
	}
	code, body, _ = hl.get(caseURL(a))
	for _, want := range []string{
		"Bollklubben Framåt", "Förening och år", "Antal medlemmar", "142", "80 %",
		"Föreningen hade 142 medlemmar", // the quote
		"/dokument/" + strconv.FormatInt(a.DocumentID, 10) + "/pdf#page=2",
		`class="flagged"`, "Saknar stöd", "Talet 999 finns inte i handlingarna.",
		`class="to-check"`, "Att kontrollera (osäker avläsning)", // a value read with low confidence; no flag in the queue's count
		"Revisionsberättelsen tar inte ställning till ansvarsfrihet.",
		`name="summary_id" value="` + sid(a) + `"`, "Godkänn sammanställningen", `<label for="reason">`,
	} {
		if !strings.Contains(body, want) {
			t.Fatalf("case view: %d, missing %q", code, want)
		}
	}
	valuesBefore := valuesRE.FindStringSubmatch(body)[1]
	shownBefore := regexp.MustCompile(`name="shown_at" value="(\d+)"`).FindStringSubmatch(body)[1]
	if n := e.auditCount(t, review.ActionCaseView, a.CaseID); n != 1 {
		t.Fatalf("case.view audit rows = %d", n)
	}
	if n := e.auditCount(t, review.ActionQueueView, 0); n != 1 {
		t.Fatalf("queue.view audit rows = %d", n)
	}

	// The PDF link serves the stored bytes inline.
	req, _ := http.NewRequest("GET", ts.URL+"/dokument/"+strconv.FormatInt(a.DocumentID, 10)+"/pdf", nil)
	code, body, h := hl.do(req)
	if code != http.StatusOK || h.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(h.Get("Content-Disposition"), "inline") || body != string(pdfBytes("Bollklubben Framåt")) {
		t.Fatalf("pdf: %d %q %q", code, h.Get("Content-Type"), h.Get("Content-Disposition"))
	}
	if n := e.auditCount(t, review.ActionDocumentView, a.DocumentID); n != 1 {
		t.Fatalf("document.view audit rows = %d", n)
	}
	if code, _, _ := hl.get("/dokument/999999/pdf"); code != http.StatusNotFound {
		t.Fatalf("missing pdf: %d", code)
	}

	steps := []struct {
		name     string
		c        *client
		path     string
		form     url.Values
		badCSRF  bool
		want     int
		contains string
		fill     func(url.Values) // adds what the page now shows
	}{
		{"POST without csrf is refused", hl, caseURL(a) + "/godkann", url.Values{"summary_id": {sid(a)}}, true, http.StatusForbidden, "Formuläret har gått ut", nil},
		{"administrator cannot approve", admin, caseURL(a) + "/godkann", url.Values{"summary_id": {sid(a)}}, false, http.StatusForbidden, "bara för handläggare", nil},
		{"handläggare cannot reach admin pages", hl, "/admin/inbjudningar", url.Values{"username": {"x"}}, false, http.StatusForbidden, "bara för administratörer", nil},
		{"reject without reason is refused", hl, caseURL(b) + "/avvisa", url.Values{"summary_id": {sid(b)}, "reason": {""}}, false, http.StatusBadRequest, "Ange ett skäl", nil},
		{"stale summary is refused", hl, caseURL(a) + "/godkann", url.Values{"summary_id": {sid(b)}}, false, http.StatusConflict, "nyare sammandrag", nil},
		{"correction needs a reason", hl, caseURL(a) + "/rattelse", url.Values{"field": {"members_total"}, "value": {"150"}}, false, http.StatusBadRequest, "ange ett skäl", nil},
		{"correct a field", hl, caseURL(a) + "/rattelse", url.Values{"field": {"members_total"}, "value": {"150"}, "reason": {"Fel avläst"}}, false, http.StatusSeeOther, "", nil},
		{"approving the values shown before the correction is refused", hl, caseURL(a) + "/godkann", url.Values{"summary_id": {sid(a)}, "values": {valuesBefore}, "shown_at": {shownBefore}}, false, http.StatusConflict, "Antal medlemmar rättades till 150 av hanna", nil},
		{"approve", hl, caseURL(a) + "/godkann", url.Values{"summary_id": {sid(a)}}, false, http.StatusSeeOther, "", func(f url.Values) {
			_, body, _ := hl.get(caseURL(a))
			f.Set("values", valuesRE.FindStringSubmatch(body)[1])
		}},
		{"reject with reason", hl, caseURL(b) + "/avvisa", url.Values{"summary_id": {sid(b)}, "reason": {"Revisionsberättelsen saknas."}}, false, http.StatusSeeOther, "", nil},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			form := url.Values{}
			for k, v := range st.form {
				form[k] = v
			}
			if st.fill != nil {
				st.fill(form)
			}
			if !st.badCSRF {
				form.Set("csrf", st.c.csrf)
			}
			code, body, _ := st.c.post(st.path, form)
			if code != st.want || !strings.Contains(body, st.contains) {
				t.Fatalf("status %d, want %d containing %q; body: %.300s", code, st.want, st.contains, body)
			}
		})
	}
	if code, _, _ := hl.get("/admin/batcher"); code != http.StatusForbidden {
		t.Fatalf("handläggare GET admin page: %d", code)
	}
	if code, _, _ := admin.get("/arenden"); code != http.StatusForbidden {
		t.Fatalf("administrator GET queue: %d", code)
	}

	// Export: only the approved case, with its correction, in the UI and over the API.
	exportsBefore := e.auditCount(t, review.ActionExport, 0)
	code, body, _ = hl.get("/export.json")
	if code != http.StatusOK || !strings.Contains(body, "Bollklubben Framåt") || strings.Contains(body, "Scoutkåren") || strings.Contains(body, "Pensionärsföreningen") {
		t.Fatalf("export.json: %d %s", code, body)
	}
	if !strings.Contains(body, `"decided_by": "hanna"`) || !strings.Contains(body, `"value": 150`) {
		t.Fatalf("export.json lacks decision or correction: %s", body)
	}
	plain, err := e.acct.CreateToken(ctx, e.admin.ID, "script", account.ScopeExport, 0)
	if err != nil {
		t.Fatal(err)
	}
	api := func(path, token string) (int, string) {
		req, _ := http.NewRequest("GET", ts.URL+path, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	code, body = api("/api/v1/export.csv", plain)
	records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff"))).ReadAll()
	if err != nil || code != http.StatusOK || len(records) != 2 || records[1][1] != "Bollklubben Framåt" || !slices.Contains(records[0], "members_total") {
		t.Fatalf("export.csv over API: %d %v %q", code, err, body)
	}
	if code, body = api("/api/v1/export.json", ""); code != http.StatusUnauthorized || !strings.Contains(body, "logga in") {
		t.Fatalf("API without token: %d %s", code, body)
	}
	if code, _ = api("/api/v1/export.json", "arsf_wrong"); code != http.StatusUnauthorized {
		t.Fatalf("API with a wrong token: %d", code)
	}
	if n := e.auditCount(t, review.ActionExport, 0) - exportsBefore; n != 2 {
		t.Fatalf("export audit rows = %d, want 2", n)
	}
	// The case view shows the corrected value after the decision.
	_, body, _ = hl.get(caseURL(a) + "?falt=members_total")
	if !strings.Contains(body, "Rättat av hanna") || !strings.Contains(body, "godkänt") {
		t.Fatalf("case view after approval lacks correction or status")
	}
}

func TestAdminPages(t *testing.T) {
	e := newEnv(t)
	ts := newTestServer(t, e)
	e.insertCase(t, "Bollklubben", "802000-0001", 2024)
	admin := newClient(t, ts)
	admin.signIn("admin")
	pages := []struct{ path, want string }{
		{"/admin/anvandare", "Bjud in en användare"},
		{"/admin/nycklar", "Skapa nyckel"},
		{"/admin/batcher", "arsredovisning.pdf"},
	}
	for _, p := range pages {
		t.Run(p.path, func(t *testing.T) {
			code, body, _ := admin.get(p.path)
			if code != http.StatusOK || !strings.Contains(body, p.want) {
				t.Fatalf("%s: %d, missing %q", p.path, code, p.want)
			}
		})
	}
	code, body, _ := admin.post("/admin/inbjudningar", url.Values{"csrf": {admin.csrf}, "username": {"nils"}, "role": {"handlaggare"}})
	if code != http.StatusOK || !strings.Contains(body, "/inbjudan/") {
		t.Fatalf("invite user: %d", code)
	}
	code, body, _ = admin.post("/admin/nycklar", url.Values{"csrf": {admin.csrf}, "name": {"cli"}})
	m := regexp.MustCompile(`value="(arsf_[^"]+)"`).FindStringSubmatch(body)
	if code != http.StatusOK || m == nil {
		t.Fatalf("create token: %d", code)
	}
	if _, err := e.acct.UserFromToken(context.Background(), m[1], account.ScopeIngest); err != nil {
		t.Fatalf("created token does not work: %v", err)
	}
	var mp bytes.Buffer
	mw := multipart.NewWriter(&mp)
	_ = mw.WriteField("csrf", admin.csrf)
	_ = mw.WriteField("label", "x")
	mw.Close()
	req, _ := http.NewRequest("POST", ts.URL+"/admin/batcher", &mp)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if code, _, _ := admin.do(req); code != http.StatusServiceUnavailable {
		t.Fatalf("upload without an uploader: %d", code)
	}
}

func TestPublicPages(t *testing.T) {
	e := newEnv(t)
	ts := newTestServer(t, e)
	c := newClient(t, ts)
	pages := []struct{ path, want string }{
		{"/om-ai", "En handläggare kontrollerar och beslutar"},
		{"/om-ai", "Ring kommunens kontaktcenter."},
		{"/om-ai", "Regelbaserad"},
		{"/tillganglighet", "Tillgänglighetsredogörelse"},
		{"/static/style.css", ":focus-visible"},
	}
	for _, p := range pages {
		t.Run(p.path, func(t *testing.T) {
			code, body, _ := c.get(p.path)
			if code != http.StatusOK || !strings.Contains(body, p.want) {
				t.Fatalf("%s: %d, missing %q", p.path, code, p.want)
			}
		})
	}
}
