package review

import (
	"fmt"
	"net/http"
)

// holdResolve attaches a held document to its case, or gives it a case of
// its own.
func (s *Server) holdResolve(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	caseID, err := s.svc.ResolveHold(r.Context(), rc.User, id, r.PostFormValue("resolution"))
	if err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/arenden/%d?ok=resolved", caseID))
}
