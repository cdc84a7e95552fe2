package review

import (
	"errors"
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
	c, err := r.Cookie(loginCookie)
	if err != nil || !constantEqual(c.Value, r.PostFormValue("csrf")) {
		d.Error = "Inloggningsformuläret har gått ut. Försök igen."
		s.renderLogin(w, r, http.StatusForbidden, d)
		return nil
	}
	u, err := s.acct.CheckPassword(r.Context(), d.Username, r.PostFormValue("password"))
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
	sess, err := s.acct.CreateSession(r.Context(), u.ID)
	if err != nil {
		return err
	}
	if err := s.svc.Audit(r.Context(), u, ActionSignIn, "user", u.ID, nil); err != nil {
		return err
	}
	s.acct.SetCookie(w, sess)
	http.SetCookie(w, &http.Cookie{Name: loginCookie, Value: "", Path: "/logga-in", MaxAge: -1})
	next := d.Next
	if next == "" {
		next = "/"
	}
	return redirect(w, r, next)
}
