package review

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// decisionForm reads the case a decision is about and the summary the
// handläggare saw when deciding.
func decisionForm(r *http.Request) (caseID, summaryID int64, err error) {
	if caseID, err = pathID(r); err != nil {
		return 0, 0, err
	}
	summaryID, err = strconv.ParseInt(r.PostFormValue("summary_id"), 10, 64)
	if err != nil || summaryID <= 0 {
		return 0, 0, userError(ErrInvalid, "Formuläret saknar sammandragets version. Ladda om sidan.")
	}
	return caseID, summaryID, nil
}

// caseApprove records an approval of exactly the values the form was built
// with; if they changed, the case is shown again with the new values and
// the refusal explained.
func (s *Server) caseApprove(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	id, summaryID, err := decisionForm(r)
	if err != nil {
		return err
	}
	err = s.svc.Approve(r.Context(), rc.User, id, summaryID, r.PostFormValue("values"))
	var ue *Error
	if (errors.Is(err, ErrChanged) || errors.Is(err, ErrStale)) && errors.As(err, &ue) {
		var changes []string
		if us, perr := strconv.ParseInt(r.PostFormValue("shown_at"), 10, 64); perr == nil && us > 0 {
			if changes, err = s.svc.ChangesSince(r.Context(), id, time.UnixMicro(us)); err != nil {
				return err
			}
		}
		return s.showCase(w, r, rc, id, http.StatusConflict, caseData{Alert: ue.Message, Changes: changes})
	}
	if err != nil {
		return err
	}
	c, err := s.svc.Case(r.Context(), id)
	if err != nil {
		return err
	}
	if c.Pending() {
		return redirect(w, r, fmt.Sprintf("/arenden/%d?ok=first", id))
	}
	return redirect(w, r, fmt.Sprintf("/arenden/%d?ok=approved", id))
}
