package review

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
)

// loginCookie carries the double-submit token of the sign-in form, which has
// no session yet to bind a CSRF token to.
const loginCookie = "arsflow_login"

type loginData struct {
	Next     string
	Username string
	Token    string
	Error    string
}

// loginShow renders the sign-in form.
func (s *Server) loginShow(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	if rc.User != nil {
		return redirect(w, r, "/")
	}
	s.renderLogin(w, r, http.StatusOK, loginData{Next: safeNext(r.URL.Query().Get("next"))})
	return nil
}

func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, status int, d loginData) {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	d.Token = base64.RawURLEncoding.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{
		Name: loginCookie, Value: d.Token, Path: "/logga-in", MaxAge: 3600,
		HttpOnly: true, Secure: s.acct.SecureCookie(), SameSite: http.SameSiteStrictMode,
	})
	s.render(w, r, nil, status, "login.html", "Logga in", d)
}
