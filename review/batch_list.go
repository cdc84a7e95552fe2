package review

import (
	"net/http"
	"strconv"
)

type batchesData struct {
	Batches     []BatchView
	DeadLetters []DeadLetter
	Failed      int
	CanUpload   bool
	CanRetry    bool
	Report      string
	BatchID     int64
	Error       string
	Before      int64 // the page's cursor
	Older       int64 // cursor of the next page, 0 on the last
}

// batchesPerPage is how many uploads a page of the console shows.
const batchesPerPage = 10

// batchList shows the uploads, a page at a time, with every document's
// state and error, and the dead letters.
func (s *Server) batchList(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	before, _ := strconv.ParseInt(r.URL.Query().Get("fore"), 10, 64)
	return s.renderBatches(w, r, rc, http.StatusOK, batchesData{Before: before})
}

func (s *Server) renderBatches(w http.ResponseWriter, r *http.Request, rc *reqCtx, status int, d batchesData) error {
	batches, err := s.svc.Batches(r.Context(), d.Before, batchesPerPage+1)
	if err != nil {
		return err
	}
	if len(batches) > batchesPerPage {
		batches = batches[:batchesPerPage]
		d.Older = batches[batchesPerPage-1].ID
	}
	if d.DeadLetters, err = s.svc.DeadLetters(r.Context(), 50); err != nil {
		return err
	}
	failed, err := s.svc.FailedDocuments(r.Context())
	if err != nil {
		return err
	}
	if err := s.svc.Audit(r.Context(), rc.User, ActionBatchesView, "batches", 0, map[string]any{"count": len(batches)}); err != nil {
		return err
	}
	d.Batches, d.Failed, d.CanUpload, d.CanRetry = batches, len(failed), s.actions.Upload != nil, s.actions.Retry != nil
	s.render(w, r, rc, status, "batches.html", "Inläsning och dokument", d)
	return nil
}
