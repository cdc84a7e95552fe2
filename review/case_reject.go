package review

import (
	"fmt"
	"net/http"
)

// caseReject records a rejection with its reason.
func (s *Server) caseReject(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	id, summaryID, err := decisionForm(r)
	if err != nil {
		return err
	}
	if err := s.svc.Reject(r.Context(), rc.User, id, summaryID, r.PostFormValue("reason")); err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/arenden/%d?ok=rejected", id))
}
