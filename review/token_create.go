package review

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"arsflow/review/account"
)

// tokenCreate creates an API token for the signed-in administrator and shows
// it once. Nobody creates a token for someone else: whoever holds a token
// acts in its owner's name. A token has one scope and an expiry.
func (s *Server) tokenCreate(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	userID := rc.User.ID
	scope := r.PostFormValue("scope")
	if scope == "" {
		scope = account.ScopeIngest
	}
	days := 90
	if v := r.PostFormValue("days"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 366 {
			return s.renderTokens(w, r, rc, http.StatusBadRequest, tokensData{Error: "Giltighetstiden ska vara 1–366 dagar."})
		}
		days = n
	}
	plain, err := s.acct.CreateToken(r.Context(), userID, r.PostFormValue("name"), scope, time.Duration(days)*24*time.Hour)
	if errors.Is(err, account.ErrInvalid) {
		return s.renderTokens(w, r, rc, http.StatusBadRequest, tokensData{Error: "Nyckeln kunde inte skapas: kontrollera namnet, behörigheten och att användaren är aktiv."})
	}
	if err != nil {
		return err
	}
	if err := s.svc.Audit(r.Context(), rc.User, ActionTokenCreate, "user", userID, map[string]any{"scope": scope, "days": days}); err != nil {
		return err
	}
	return s.renderTokens(w, r, rc, http.StatusOK, tokensData{Created: plain})
}
