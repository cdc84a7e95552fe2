package review

import "net/http"

// exportShow lists the approved cases and links to the downloads.
func (s *Server) exportShow(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	cases, err := s.svc.Export(r.Context())
	if err != nil {
		return err
	}
	if err := s.svc.Audit(r.Context(), rc.User, ActionExport, "export", 0, map[string]any{"format": "html", "count": len(cases)}); err != nil {
		return err
	}
	s.render(w, r, rc, http.StatusOK, "export.html", "Export av godkända ärenden", cases)
	return nil
}
