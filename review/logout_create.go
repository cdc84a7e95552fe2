package review

import "net/http"

// logoutCreate ends the session.
func (s *Server) logoutCreate(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	if rc.Session != nil {
		if err := s.acct.DeleteSession(r.Context(), rc.Session.Token); err != nil {
			return err
		}
		if err := s.svc.Audit(r.Context(), rc.User, ActionSignOut, "user", rc.User.ID, nil); err != nil {
			return err
		}
	}
	s.acct.ClearCookie(w)
	return redirect(w, r, "/logga-in?ok=signedout")
}
