package review

import (
	"net/http"

	"arsflow/review/account"
)

type usersData struct {
	Users     []*account.User
	Form      userForm
	Error     string
	MinLength int
}

type userForm struct {
	Username, DisplayName, Role string
}

// userList shows the accounts and the form to create one.
func (s *Server) userList(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	return s.renderUsers(w, r, rc, http.StatusOK, usersData{Form: userForm{Role: account.RoleHandlaggare}})
}

func (s *Server) renderUsers(w http.ResponseWriter, r *http.Request, rc *reqCtx, status int, d usersData) error {
	users, err := s.acct.ListUsers(r.Context())
	if err != nil {
		return err
	}
	d.Users, d.MinLength = users, account.MinPasswordLength
	s.render(w, r, rc, status, "users.html", "Användare", d)
	return nil
}
