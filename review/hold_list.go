package review

import "net/http"

// holdList shows the documents waiting for a handläggare to confirm which
// case they belong to.
func (s *Server) holdList(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	holds, err := s.svc.Holds(r.Context(), 0)
	if err != nil {
		return err
	}
	s.render(w, r, rc, http.StatusOK, "holds.html", "Väntande handlingar", holds)
	return nil
}
