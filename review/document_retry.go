package review

import (
	"fmt"
	"net/http"
)

// documentRetry runs a failed document through the pipeline again.
func (s *Server) documentRetry(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if s.actions.Retry == nil {
		return ErrUnavailable
	}
	if err := s.actions.Retry.Retry(r.Context(), rc.User.ID, id); err != nil {
		return fmt.Errorf("retry document %d: %w", id, err)
	}
	if err := s.svc.Audit(r.Context(), rc.User, ActionDocumentRetry, "document", id, nil); err != nil {
		return err
	}
	return redirect(w, r, "/admin/batcher?ok=retried")
}
