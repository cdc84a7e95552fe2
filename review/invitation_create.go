package review

import (
	"errors"
	"net/http"

	"arsflow/review/account"
)

// invitationCreate invites a person to an account with a role and shows
// the link once. The administrator never sets or sees a password: the
// person chooses it when following the link. A handläggare invited this
// way decides only after a colleague confirmed them (/behorigheter).
func (s *Server) invitationCreate(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	f := userForm{Username: r.PostFormValue("username"), DisplayName: r.PostFormValue("display_name"), Role: r.PostFormValue("role")}
	code, err := s.acct.CreateInvitation(r.Context(), rc.User, f.Username, f.DisplayName, f.Role)
	var msg string
	switch {
	case errors.Is(err, account.ErrExists):
		msg = "Användarnamnet är upptaget eller har redan en öppen inbjudan."
	case errors.Is(err, account.ErrInvalid):
		msg = "Kontrollera uppgifterna: användarnamnet får innehålla a–z, 0–9, punkt, bindestreck, understreck och @; välj en roll."
	case err != nil:
		return err
	}
	if msg != "" {
		return s.renderUsers(w, r, rc, http.StatusBadRequest, usersData{Form: f, Error: msg})
	}
	if err := s.svc.Audit(r.Context(), rc.User, ActionInvitationCreate, "user", 0, map[string]any{"role": f.Role}); err != nil {
		return err
	}
	return s.renderUsers(w, r, rc, http.StatusOK, usersData{
		Form:           userForm{Role: account.RoleHandlaggare},
		InvitationLink: "/inbjudan/" + code,
	})
}

// invitationRevoke withdraws an open invitation.
func (s *Server) invitationRevoke(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.acct.RevokeInvitation(r.Context(), id); err != nil {
		return err
	}
	if err := s.svc.Audit(r.Context(), rc.User, ActionInvitationRevoke, "invitation", id, nil); err != nil {
		return err
	}
	return redirect(w, r, "/admin/anvandare?ok=invitation_revoked")
}
