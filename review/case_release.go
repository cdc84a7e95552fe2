package review

import "net/http"

// caseRelease gives up the viewer's claim, so that someone else can take
// the case.
func (s *Server) caseRelease(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.svc.Release(r.Context(), rc.User, id); err != nil {
		return err
	}
	return redirect(w, r, "/arenden?ok=released")
}
