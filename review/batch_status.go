package review

import (
	"encoding/json"
	"net/http"
)

// batchStatus is one batch's documents as JSON, for the console's live
// progress: stage, status and error per document.
func (s *Server) batchStatus(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	batches, err := s.svc.Batches(r.Context(), id+1, 1)
	if err != nil {
		return err
	}
	if len(batches) == 0 || batches[0].ID != id {
		return ErrNotFound
	}
	type doc struct {
		ID     int64  `json:"id"`
		State  string `json:"state"`
		Error  string `json:"error"`
		Failed bool   `json:"failed"`
		CaseID int64  `json:"case_id,omitempty"`
	}
	out := struct {
		Done      bool  `json:"done"`
		Documents []doc `json:"documents"`
	}{Done: true}
	for _, d := range batches[0].Documents {
		out.Documents = append(out.Documents, doc{d.ID, d.StateLabel(), d.ErrorText(), d.Failed(), d.CaseID})
		if !d.Failed() && d.ReviewStatus == "" && !d.Held {
			out.Done = false
		}
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	return json.NewEncoder(w).Encode(out)
}
