package review

import (
	"errors"
	"net/http"
)

// batchUpload hands an administrator's upload to ingest and shows its report.
func (s *Server) batchUpload(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	if s.actions.Upload == nil {
		return ErrUnavailable
	}
	batchID, report, err := s.actions.Upload.Upload(r.Context(), rc.User.ID, r)
	var ue *Error
	if errors.As(err, &ue) || errors.Is(err, ErrInvalid) {
		msg := "Filerna kunde inte tas emot."
		if ue != nil {
			msg = ue.Message
		}
		return s.renderBatches(w, r, rc, http.StatusBadRequest, batchesData{Error: msg, Report: report})
	}
	if err != nil {
		return err
	}
	if err := s.svc.Audit(r.Context(), rc.User, ActionBatchUpload, "batch", batchID, nil); err != nil {
		return err
	}
	return s.renderBatches(w, r, rc, http.StatusOK, batchesData{Report: report, BatchID: batchID})
}
