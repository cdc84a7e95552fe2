package review

import (
	"fmt"
	"net/http"
)

// caseTakeOver moves someone else's claim to the viewer, with a reason.
func (s *Server) caseTakeOver(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.svc.TakeOver(r.Context(), rc.User, id, r.PostFormValue("reason")); err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/arenden/%d?ok=takenover", id))
}
