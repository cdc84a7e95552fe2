package review

import "net/http"

// tokenRevoke revokes an API token.
func (s *Server) tokenRevoke(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.acct.RevokeToken(r.Context(), id); err != nil {
		return err
	}
	if err := s.svc.Audit(r.Context(), rc.User, ActionTokenRevoke, "api_token", id, nil); err != nil {
		return err
	}
	return redirect(w, r, "/admin/nycklar?ok=revoked")
}
