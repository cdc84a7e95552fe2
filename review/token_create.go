package review

import (
	"errors"
	"net/http"
	"strconv"

	"arsflow/review/account"
)

// tokenCreate creates an API token and shows it once.
func (s *Server) tokenCreate(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	userID := rc.User.ID
	if v := r.PostFormValue("user_id"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return userError(ErrInvalid, "Välj en användare.")
		}
		userID = id
	}
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
