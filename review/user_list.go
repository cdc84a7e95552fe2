package review

import (
	"net/http"

	"arsflow/review/account"
)

type usersData struct {
	Users       []*account.User
	Invitations []account.Invitation
	Form        userForm
	Error       string
	// InvitationLink is the link of an invitation just created, shown once.
	InvitationLink string
}

type userForm struct {
	Username, DisplayName, Role string
}

// userList shows the accounts, the open invitations and the form to invite
// someone.
func (s *Server) userList(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	return s.renderUsers(w, r, rc, http.StatusOK, usersData{Form: userForm{Role: account.RoleHandlaggare}})
}

func (s *Server) renderUsers(w http.ResponseWriter, r *http.Request, rc *reqCtx, status int, d usersData) error {
	var err error
	if d.Users, err = s.acct.ListUsers(r.Context()); err != nil {
		return err
	}
	if d.Invitations, err = s.acct.ListInvitations(r.Context()); err != nil {
		return err
	}
	s.render(w, r, rc, status, "users.html", "Användare", d)
	return nil
}
