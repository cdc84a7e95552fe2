package review

import (
	"fmt"
	"net/http"
	"strconv"
)

// formSummaryID reads the summary the handläggare saw when deciding.
func formSummaryID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PostFormValue("summary_id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, userError(ErrInvalid, "Formuläret saknar sammandragets version. Ladda om sidan.")
	}
	return id, nil
}

// caseApprove records an approval.
func (s *Server) caseApprove(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	summaryID, err := formSummaryID(r)
	if err != nil {
		return err
	}
	if err := s.svc.Approve(r.Context(), rc.User, id, summaryID); err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/arenden/%d?ok=approved", id))
}
