package review

import (
	"encoding/base64"
	"encoding/json"
	"net/http"

	"arsflow/review/account"
)

// oidcCookie keeps the state, nonce, PKCE verifier and next page of a
// sign-in through the identity provider until the browser comes back.
const oidcCookie = "arsflow_oidc"

type oidcPending struct {
	account.OIDCState
	Next string
}

// oidcLogin sends the browser to the municipality's identity provider.
func (s *Server) oidcLogin(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	if s.cfg.OIDC == nil {
		return ErrNotFound
	}
	p := oidcPending{OIDCState: account.NewOIDCState(), Next: safeNext(r.URL.Query().Get("next"))}
	b, _ := json.Marshal(p)
	http.SetCookie(w, &http.Cookie{
		Name: oidcCookie, Value: base64.RawURLEncoding.EncodeToString(b), Path: "/logga-in/oidc", MaxAge: 600,
		// Lax: the provider sends the browser back with a top-level GET.
		HttpOnly: true, Secure: s.acct.SecureCookie(), SameSite: http.SameSiteLaxMode,
	})
	http.Redirect(w, r, s.cfg.OIDC.AuthURL(p.OIDCState), http.StatusFound)
	return nil
}
