package review

import (
	"net/http"

	"arsflow/review/account"
)

type tokensData struct {
	Tokens  []account.Token
	Users   []*account.User
	Created string // the plaintext of a token just created, shown once
	Error   string
}

// tokenList shows the API tokens and the form to create one.
func (s *Server) tokenList(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	return s.renderTokens(w, r, rc, http.StatusOK, tokensData{})
}

func (s *Server) renderTokens(w http.ResponseWriter, r *http.Request, rc *reqCtx, status int, d tokensData) error {
	var err error
	if d.Tokens, err = s.acct.ListTokens(r.Context()); err != nil {
		return err
	}
	if d.Users, err = s.acct.ListUsers(r.Context()); err != nil {
		return err
	}
	s.render(w, r, rc, status, "tokens.html", "API-nycklar", d)
	return nil
}
