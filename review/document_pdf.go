package review

import (
	"fmt"
	"mime"
	"net/http"
	"strconv"
)

// documentPDF serves a stored original inline, so that #page=N opens it at a page.
func (s *Server) documentPDF(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := s.svc.documentAccess(r.Context(), rc.User, id); err != nil {
		return err
	}
	d, err := s.svc.Document(r.Context(), id)
	if err != nil {
		return err
	}
	if err := s.svc.Audit(r.Context(), rc.User, ActionDocumentView, "document", id, nil); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", mime.FormatMediaType("inline", map[string]string{"filename": d.Filename}))
	h.Set("Content-Length", strconv.Itoa(len(d.Content)))
	h.Set("Cache-Control", "private, no-store")
	if _, err := w.Write(d.Content); err != nil {
		return fmt.Errorf("write document %d: %w", id, err)
	}
	return nil
}
