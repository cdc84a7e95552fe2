package review

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"

	"arsflow/review/account"
)

// oidcCallback takes the browser back from the identity provider: it checks
// the state against the cookie, trades the code for a verified ID token,
// maps the provider's groups to a role and signs the user in with a new
// session.
func (s *Server) oidcCallback(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	if s.cfg.OIDC == nil {
		return ErrNotFound
	}
	failed := userError(ErrForbidden, "Inloggningen via kommunens inloggningstjänst misslyckades. Försök igen.")
	c, err := r.Cookie(oidcCookie)
	if err != nil {
		return failed
	}
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Value: "", Path: "/logga-in/oidc", MaxAge: -1})
	var p oidcPending
	b, err := base64.RawURLEncoding.DecodeString(c.Value)
	if err != nil || json.Unmarshal(b, &p) != nil || p.State == "" || !constantEqual(p.State, r.URL.Query().Get("state")) {
		return failed
	}
	if r.URL.Query().Get("error") != "" {
		return failed
	}
	id, err := s.cfg.OIDC.Exchange(r.Context(), r.URL.Query().Get("code"), p.OIDCState)
	if err != nil {
		s.log.Info("oidc sign-in failed", "err", err)
		return failed
	}
	u, err := s.acct.SignInOIDC(r.Context(), id)
	switch {
	case errors.Is(err, account.ErrForbidden):
		return userError(ErrForbidden, "Ditt konto i kommunens inloggningstjänst har ingen roll i arsflow, eller har både rollen administratör och rollen handläggare, som inte får kombineras. Kontakta den som förvaltar behörigheterna.")
	case errors.Is(err, account.ErrExists):
		return userError(ErrConflict, "Användarnamnet finns redan som lokalt konto i arsflow. Kontakta en administratör.")
	case errors.Is(err, account.ErrUnauthenticated):
		return userError(ErrForbidden, "Ditt konto i arsflow är inaktiverat.")
	case err != nil:
		return err
	}
	return s.startSession(w, r, u, p.Next)
}
