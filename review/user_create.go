package review

import (
	"errors"
	"fmt"
	"net/http"

	"arsflow/review/account"
)

// userCreate creates a handläggare or an administrator.
func (s *Server) userCreate(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	f := userForm{Username: r.PostFormValue("username"), DisplayName: r.PostFormValue("display_name"), Role: r.PostFormValue("role")}
	u, err := s.acct.CreateUser(r.Context(), f.Username, f.DisplayName, r.PostFormValue("password"), f.Role)
	var msg string
	switch {
	case errors.Is(err, account.ErrExists):
		msg = "Användarnamnet är upptaget."
	case errors.Is(err, account.ErrInvalid):
		msg = fmt.Sprintf("Kontrollera uppgifterna: användarnamnet får innehålla a–z, 0–9, punkt, bindestreck och understreck; lösenordet ska ha minst %d tecken; välj en roll.", account.MinPasswordLength)
	case err != nil:
		return err
	}
	if msg != "" {
		return s.renderUsers(w, r, rc, http.StatusBadRequest, usersData{Form: f, Error: msg})
	}
	if err := s.svc.Audit(r.Context(), rc.User, ActionUserCreate, "user", u.ID, map[string]any{"role": u.Role}); err != nil {
		return err
	}
	return redirect(w, r, "/admin/anvandare?ok=created")
}
