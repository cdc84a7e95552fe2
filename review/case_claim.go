package review

import (
	"fmt"
	"net/http"
)

// caseClaim takes a free case for work.
func (s *Server) caseClaim(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.svc.Claim(r.Context(), rc.User, id); err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/arenden/%d?ok=claimed", id))
}
