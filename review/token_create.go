package review

import (
	"errors"
	"net/http"

	"arsflow/review/account"
)

// tokenCreate creates an API token for the signed-in administrator and shows
// it once. Nobody creates a token for someone else: whoever holds a token
// acts in its owner's name.
func (s *Server) tokenCreate(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	userID := rc.User.ID
	plain, err := s.acct.CreateToken(r.Context(), userID, r.PostFormValue("name"))
	if errors.Is(err, account.ErrInvalid) {
		return s.renderTokens(w, r, rc, http.StatusBadRequest, tokensData{Error: "Nyckeln kunde inte skapas: kontrollera namnet och att användaren är aktiv."})
	}
	if err != nil {
		return err
	}
	if err := s.svc.Audit(r.Context(), rc.User, ActionTokenCreate, "user", userID, nil); err != nil {
		return err
	}
	return s.renderTokens(w, r, rc, http.StatusOK, tokensData{Created: plain})
}
