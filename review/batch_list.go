package review

import "net/http"

type batchesData struct {
	Batches   []BatchView
	CanUpload bool
	CanRetry  bool
	Report    string
	BatchID   int64
	Error     string
}

// batchList shows the latest uploads with every document's state and error.
func (s *Server) batchList(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	return s.renderBatches(w, r, rc, http.StatusOK, batchesData{})
}

func (s *Server) renderBatches(w http.ResponseWriter, r *http.Request, rc *reqCtx, status int, d batchesData) error {
	batches, err := s.svc.Batches(r.Context(), 50)
	if err != nil {
		return err
	}
	if err := s.svc.Audit(r.Context(), rc.User, ActionBatchesView, "batches", 0, map[string]any{"count": len(batches)}); err != nil {
		return err
	}
	d.Batches, d.CanUpload, d.CanRetry = batches, s.actions.Upload != nil, s.actions.Retry != nil
	s.render(w, r, rc, status, "batches.html", "Inläsning och dokument", d)
	return nil
}
