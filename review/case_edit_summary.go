package review

import (
	"fmt"
	"net/http"
)

// caseEditSummary records the handläggare's text of the summary, with a
// reason, next to the machine's.
func (s *Server) caseEditSummary(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.svc.EditSummary(r.Context(), rc.User, id, r.PostFormValue("text"), r.PostFormValue("reason")); err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/arenden/%d?ok=edited#sammandrag", id))
}
