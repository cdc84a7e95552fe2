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
	OIDC     bool // sign-in through the municipality's identity provider is offered
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
	d.Token = s.setFormCookie(w, "/logga-in")
	d.OIDC = s.cfg.OIDC != nil
	s.render(w, r, nil, status, "login.html", "Logga in", d)
}

// setFormCookie sets the double-submit cookie of a form that has no session
// yet (sign-in, invitation), scoped to path, and returns its value for the
// form's hidden field.
func (s *Server) setFormCookie(w http.ResponseWriter, path string) string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	token := base64.RawURLEncoding.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{
		Name: loginCookie, Value: token, Path: path, MaxAge: 3600,
		HttpOnly: true, Secure: s.acct.SecureCookie(), SameSite: http.SameSiteStrictMode,
	})
	return token
}

// checkFormCookie reports whether the form's csrf field equals its cookie.
func (s *Server) checkFormCookie(r *http.Request) bool {
	c, err := r.Cookie(loginCookie)
	return err == nil && constantEqual(c.Value, r.PostFormValue("csrf"))
}
