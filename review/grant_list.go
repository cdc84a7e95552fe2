package review

import (
	"net/http"

	"arsflow/review/account"
)

type grantsData struct {
	Grants []account.Grant
}

// grantList shows every role grant to handläggare and administrators alike:
// who got which role, from whom, and who confirmed it. Handläggare confirm
// invited colleagues here.
func (s *Server) grantList(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	grants, err := s.acct.ListGrants(r.Context())
	if err != nil {
		return err
	}
	if err := s.svc.Audit(r.Context(), rc.User, ActionGrantsView, "role_grants", 0, nil); err != nil {
		return err
	}
	s.render(w, r, rc, http.StatusOK, "grants.html", "Behörigheter", grantsData{Grants: grants})
	return nil
}

// grantConfirm records a handläggare's confirmation that an invited
// colleague's account is theirs. The database refuses it from the colleague
// themself, from the administrator who invited them, and from a handläggare
// that administrator (or one they invited) brought in too.
func (s *Server) grantConfirm(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.acct.ConfirmGrant(r.Context(), rc.User, id); err != nil {
		if errorsIsForbidden(err) {
			return userError(ErrForbidden, "Du kan inte bekräfta den här behörigheten: en inbjuden handläggare bekräftas av en annan handläggare, som själv får fatta beslut och inte har fått sitt konto genom samma administratör.")
		}
		return err
	}
	if err := s.svc.Audit(r.Context(), rc.User, ActionRoleConfirm, "role_grant", id, nil); err != nil {
		return err
	}
	return redirect(w, r, "/behorigheter?ok=confirmed")
}
