package review

import (
	"fmt"
	"net/http"
)

// caseCorrect records a handläggare's value for a field.
func (s *Server) caseCorrect(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	key := r.PostFormValue("field")
	if key == "" {
		return userError(ErrInvalid, "Ange vilket fält som ska rättas.")
	}
	if err := s.svc.Correct(r.Context(), rc.User, id, key, r.PostFormValue("value")); err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/arenden/%d?ok=corrected#falt-%s", id, key))
}
