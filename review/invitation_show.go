package review

import (
	"errors"
	"net/http"

	"arsflow/review/account"
)

type invitationData struct {
	Invitation *account.Invitation
	Token      string // double-submit token, as on the sign-in form
	Error      string
	MinLength  int
}

// invitationShow lets an invited person choose their password.
func (s *Server) invitationShow(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	inv, err := s.acct.InvitationByCode(r.Context(), r.PathValue("code"))
	if errors.Is(err, account.ErrNotFound) {
		return userError(ErrNotFound, "Inbjudan finns inte, är redan använd eller har gått ut. Be en administratör om en ny.")
	}
	if err != nil {
		return err
	}
	s.renderInvitation(w, r, http.StatusOK, invitationData{Invitation: inv})
	return nil
}

func (s *Server) renderInvitation(w http.ResponseWriter, r *http.Request, status int, d invitationData) {
	d.Token, d.MinLength = s.setFormCookie(w, r.URL.Path), account.MinPasswordLength
	w.Header().Set("Referrer-Policy", "no-referrer")
	s.render(w, r, nil, status, "invitation.html", "Välj lösenord", d)
}

// invitationComplete creates the invited account with the password its
// owner chose, and signs them in.
func (s *Server) invitationComplete(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	code := r.PathValue("code")
	inv, err := s.acct.InvitationByCode(r.Context(), code)
	if errors.Is(err, account.ErrNotFound) {
		return userError(ErrNotFound, "Inbjudan finns inte, är redan använd eller har gått ut. Be en administratör om en ny.")
	}
	if err != nil {
		return err
	}
	d := invitationData{Invitation: inv}
	if !s.checkFormCookie(r) {
		d.Error = "Formuläret har gått ut. Försök igen."
		s.renderInvitation(w, r, http.StatusForbidden, d)
		return nil
	}
	password := r.PostFormValue("password")
	if password != r.PostFormValue("password2") {
		d.Error = "Lösenorden är inte lika."
		s.renderInvitation(w, r, http.StatusBadRequest, d)
		return nil
	}
	u, err := s.acct.CompleteInvitation(r.Context(), code, password)
	var pe *account.PolicyError
	if errors.As(err, &pe) {
		d.Error = pe.Message
		s.renderInvitation(w, r, http.StatusBadRequest, d)
		return nil
	}
	if err != nil {
		return err
	}
	if err := s.svc.Audit(r.Context(), u, ActionInvitationComplete, "user", u.ID, map[string]any{"role": u.Role}); err != nil {
		return err
	}
	return s.startSession(w, r, u, "/")
}
