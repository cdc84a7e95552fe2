package account

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// CookieName is the session cookie's name.
const CookieName = "arsflow_session"

// Authenticate returns the user of a request that carries either a session
// cookie or an "Authorization: Bearer TOKEN" header, and the session when it
// came from a cookie (nil for a token). A token counts only when its scope is
// one of scopes (ErrForbidden otherwise; with no scopes, no token counts). A
// request with neither, or with invalid credentials, gives
// ErrUnauthenticated.
func (s *Service) Authenticate(r *http.Request, scopes ...string) (*User, *Session, error) {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, token, ok := strings.Cut(h, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") {
			return nil, nil, fmt.Errorf("account.Authenticate: %w", ErrUnauthenticated)
		}
		u, err := s.UserFromToken(r.Context(), strings.TrimSpace(token), scopes...)
		if err != nil {
			return nil, nil, fmt.Errorf("account.Authenticate: %w", err)
		}
		return u, nil, nil
	}
	c, err := r.Cookie(CookieName)
	if errors.Is(err, http.ErrNoCookie) {
		return nil, nil, fmt.Errorf("account.Authenticate: %w", ErrUnauthenticated)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("account.Authenticate: %w", ErrUnauthenticated)
	}
	sess, u, err := s.SessionUser(r.Context(), c.Value)
	if err != nil {
		return nil, nil, fmt.Errorf("account.Authenticate: %w", err)
	}
	return u, sess, nil
}

// SetCookie writes the session cookie: HttpOnly, SameSite=Lax, Secure unless
// configured off for plain-http development.
func (s *Service) SetCookie(w http.ResponseWriter, sess *Session) {
	http.SetCookie(w, &http.Cookie{
		Name:     CookieName,
		Value:    sess.Token,
		Path:     "/",
		Expires:  sess.ExpiresAt,
		HttpOnly: true,
		Secure:   s.cfg.SecureCookie,
		SameSite: http.SameSiteLaxMode,
	})
}

// ClearCookie removes the session cookie.
func (s *Service) ClearCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{
		Name:     CookieName,
		Value:    "",
		Path:     "/",
		MaxAge:   -1,
		HttpOnly: true,
		Secure:   s.cfg.SecureCookie,
		SameSite: http.SameSiteLaxMode,
	})
}
