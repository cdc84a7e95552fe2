package review

import (
	"fmt"
	"net/http"
)

// caseResummarize asks the pipeline to summarise a pending case again with
// another backend, for the handläggare who holds it (it claims a free one).
func (s *Server) caseResummarize(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if s.actions.Resummarize == nil {
		return ErrUnavailable
	}
	backend := r.PostFormValue("backend")
	known := false
	for _, b := range s.cfg.Backends {
		known = known || b.Name == backend
	}
	if !known {
		return userError(ErrInvalid, "Välj en av de tillgängliga sammanfattningsmetoderna.")
	}
	// Like a correction, a step of the work on a pending case by whoever
	// holds it: a new summary of a decided case would reopen it.
	if err := s.svc.Claim(r.Context(), rc.User, id); err != nil {
		return err
	}
	if err := s.actions.Resummarize.Resummarize(r.Context(), rc.User.ID, id, backend); err != nil {
		return fmt.Errorf("resummarize case %d: %w", id, err)
	}
	if err := s.svc.Audit(r.Context(), rc.User, ActionCaseResummarize, "case", id, map[string]any{"backend": backend}); err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/arenden/%d?ok=resummarize", id))
}
