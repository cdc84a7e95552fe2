package review

import (
	"net/http"
)

// userDisable disables or enables an account. Administrators cannot disable
// themselves, so that one always remains.
func (s *Server) userDisable(disable bool) handler {
	return func(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		if disable && id == rc.User.ID {
			return userError(ErrInvalid, "Du kan inte inaktivera ditt eget konto.")
		}
		if err := s.acct.SetDisabled(r.Context(), id, disable); err != nil {
			return err
		}
		action, ok := ActionUserEnable, "enabled"
		if disable {
			action, ok = ActionUserDisable, "disabled"
		}
		if err := s.svc.Audit(r.Context(), rc.User, action, "user", id, nil); err != nil {
			return err
		}
		return redirect(w, r, "/admin/anvandare?ok="+ok)
	}
}
