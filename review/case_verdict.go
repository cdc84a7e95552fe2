package review

import (
	"fmt"
	"net/http"
)

// caseVerdict records that a check or flag was confirmed or dismissed.
func (s *Server) caseVerdict(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.svc.SetVerdict(r.Context(), rc.User, id, r.PostFormValue("flag"), r.PostFormValue("verdict")); err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/arenden/%d?ok=verdict#titta-forst", id))
}
