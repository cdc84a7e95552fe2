package review

import (
	"fmt"
	"net/http"
	"net/url"
)

// caseCorrect records a handläggare's value for a field, with its reason.
func (s *Server) caseCorrect(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	key := r.PostFormValue("field")
	if key == "" {
		return userError(ErrInvalid, "Ange vilket fält som ska rättas.")
	}
	if err := s.svc.Correct(r.Context(), rc.User, id, key, r.PostFormValue("value"), r.PostFormValue("reason")); err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/arenden/%d?falt=%s&ok=corrected#bevis", id, url.QueryEscape(key)))
}
