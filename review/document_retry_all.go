package review

import (
	"fmt"
	"net/http"
)

// documentRetryAll runs every failed document through the pipeline again.
func (s *Server) documentRetryAll(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	if s.actions.Retry == nil {
		return ErrUnavailable
	}
	ids, err := s.svc.FailedDocuments(r.Context())
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := s.actions.Retry.Retry(r.Context(), rc.User.ID, id); err != nil {
			return fmt.Errorf("retry document %d: %w", id, err)
		}
		if err := s.svc.Audit(r.Context(), rc.User, ActionDocumentRetry, "document", id, nil); err != nil {
			return err
		}
	}
	return redirect(w, r, "/admin/batcher?ok=retried")
}
