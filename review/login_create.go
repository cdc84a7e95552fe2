package review

import (
	"errors"
	"net"
	"net/http"

	"arsflow/review/account"
)

// loginCreate checks the credentials and starts a session.
func (s *Server) loginCreate(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return userError(ErrInvalid, "Formuläret kunde inte läsas.")
	}
	d := loginData{Next: safeNext(r.PostFormValue("next")), Username: r.PostFormValue("username")}
	if !s.checkFormCookie(r) {
		d.Error = "Inloggningsformuläret har gått ut. Försök igen."
		s.renderLogin(w, r, http.StatusForbidden, d)
		return nil
	}
	u, err := s.acct.CheckPassword(r.Context(), d.Username, r.PostFormValue("password"), clientAddr(r))
	switch {
	case errors.Is(err, account.ErrLocked):
		d.Error = "För många misslyckade inloggningar. Vänta en stund och försök igen."
		s.renderLogin(w, r, http.StatusTooManyRequests, d)
		return nil
	case errors.Is(err, account.ErrUnauthenticated):
		s.log.Info("sign-in failed", "remote", r.RemoteAddr)
		d.Error = "Fel användarnamn eller lösenord."
		s.renderLogin(w, r, http.StatusUnauthorized, d)
		return nil
	case err != nil:
		return err
	}
	return s.startSession(w, r, u, d.Next)
}

// startSession signs u in with a new session, ending any session the
// browser had (so a planted session id never becomes signed in), and goes
// to next.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, u *account.User, next string) error {
	var previous string
	if c, err := r.Cookie(account.CookieName); err == nil {
		previous = c.Value
	}
	sess, err := s.acct.CreateSession(r.Context(), u.ID, previous)
	if err != nil {
		return err
	}
	if err := s.svc.Audit(r.Context(), u, ActionSignIn, "user", u.ID, nil); err != nil {
		return err
	}
	s.acct.SetCookie(w, sess)
	http.SetCookie(w, &http.Cookie{Name: loginCookie, Value: "", Path: "/logga-in", MaxAge: -1})
	if next == "" {
		next = "/"
	}
	return redirect(w, r, next)
}

// clientAddr is the address sign-in failures are counted against: the
// connection's peer. (Behind a reverse proxy, every client has the proxy's
// address; the per-account limit still holds.)
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
