package review_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/oauth2-proxy/mockoidc"

	"arsflow/review"
	"arsflow/review/account"
)

// Sign-in through a real OpenID Connect flow against a provider the test
// starts: code flow with PKCE, state and nonce, the ID token verified, the
// role mapped from the groups claim. A user in both groups is refused; a
// changed group changes the role and ends the old session.
func TestOIDCSignInMapsRoles(t *testing.T) {
	ctx := context.Background()
	m, err := mockoidc.Run()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = m.Shutdown() })
	e := newEnv(t)
	var srv *review.Server
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { srv.ServeHTTP(w, r) }))
	t.Cleanup(ts.Close)
	mc := m.Config()
	provider, err := account.NewOIDC(ctx, account.OIDCConfig{
		Issuer: mc.Issuer, ClientID: mc.ClientID, ClientSecret: mc.ClientSecret,
		RedirectURL: ts.URL + "/logga-in/oidc/tillbaka", Scopes: []string{"profile", "email", "groups"},
		RoleClaim: "groups", AdminValues: []string{"arsflow-admin"}, HandlaggareValues: []string{"arsflow-handlaggare"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if srv, err = review.NewServer(review.Config{OIDC: provider, PageCacheDir: t.TempDir()}, e.db, e.acct, review.Actions{}); err != nil {
		t.Fatal(err)
	}
	// signIn runs the whole flow in a browser that follows redirects and
	// returns it with the final page's status and path.
	signIn := func(user *mockoidc.MockUser) (*http.Client, int, string) {
		t.Helper()
		m.QueueUser(user)
		jar, _ := cookiejar.New(nil)
		browser := &http.Client{Jar: jar}
		resp, err := browser.Get(ts.URL + "/logga-in/oidc?next=/behorigheter")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return browser, resp.StatusCode, resp.Request.URL.Path
	}
	// get returns the status of path, or 401 when the browser was sent
	// to the sign-in page instead.
	get := func(c *http.Client, path string) int {
		t.Helper()
		resp, err := c.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.Request.URL.Path == "/logga-in" && path != "/logga-in" {
			return http.StatusUnauthorized
		}
		return resp.StatusCode
	}
	user := func(sub string, groups ...string) *mockoidc.MockUser {
		return &mockoidc.MockUser{Subject: sub, PreferredUsername: sub + "@kommun.example", Email: sub + "@kommun.example", Groups: groups}
	}

	hl, code, path := signIn(user("kari", "arsflow-handlaggare", "alla-anstallda"))
	if code != http.StatusOK || path != "/behorigheter" {
		t.Fatalf("handläggare sign-in ended at %s with %d", path, code)
	}
	if get(hl, "/arenden") != http.StatusOK || get(hl, "/admin/anvandare") != http.StatusForbidden {
		t.Error("a handläggare from the provider does not get the handläggare role only")
	}
	kari, err := e.acct.UserByName(ctx, "kari@kommun.example")
	if err != nil || !kari.MayDecide {
		t.Fatalf("provider's handläggare may not decide: %+v %v", kari, err)
	}

	admin, code, _ := signIn(user("ola", "arsflow-admin"))
	if code != http.StatusOK || get(admin, "/admin/anvandare") != http.StatusOK || get(admin, "/arenden") != http.StatusForbidden {
		t.Error("an administrator from the provider does not get the administrator role only")
	}

	if _, code, _ := signIn(user("dubbel", "arsflow-admin", "arsflow-handlaggare")); code != http.StatusForbidden {
		t.Errorf("both groups: %d, want 403", code)
	}
	if _, code, _ := signIn(user("ingen", "alla-anstallda")); code != http.StatusForbidden {
		t.Errorf("no group: %d, want 403", code)
	}
	if _, err := e.acct.UserByName(ctx, "dubbel@kommun.example"); err == nil {
		t.Error("a user with both roles was created")
	}

	// Kari moves to the administrators' group: the next sign-in gives that
	// role, and the handläggare session is over.
	_, code, _ = signIn(user("kari", "arsflow-admin"))
	if code != http.StatusOK {
		t.Fatalf("sign-in after the group changed: %d", code)
	}
	if got := get(hl, "/arenden"); got != http.StatusUnauthorized {
		t.Error("the old session still reaches the queue after the role changed")
	}
	if kari, _ = e.acct.UserByName(ctx, "kari@kommun.example"); kari.Role != account.RoleAdministrator {
		t.Errorf("role = %s", kari.Role)
	}

	// A forged callback (no state cookie, or a wrong state) signs nobody in.
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	if got := get(c, "/logga-in/oidc/tillbaka?code=x&state=y"); got != http.StatusForbidden {
		t.Errorf("forged callback: %d", got)
	}
	if resp, err := http.Get(ts.URL + "/logga-in"); err == nil {
		b := new(strings.Builder)
		_, _ = readBody(b, resp)
		if !strings.Contains(b.String(), "Logga in med kommunens konto") {
			t.Error("the sign-in page does not offer the identity provider")
		}
	}
}

// readBody reads resp's body into b.
func readBody(b *strings.Builder, resp *http.Response) (int64, error) {
	defer resp.Body.Close()
	return io.Copy(b, resp.Body)
}
