package review

import "net/http"

type queueData struct {
	Status string
	Items  []QueueItem
	Counts QueueCounts
}

// queueList shows the review queue, pending cases first.
func (s *Server) queueList(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	status := r.URL.Query().Get("status")
	if status == "alla" {
		status = ""
	} else if status == "" {
		status = "pending"
	}
	items, counts, err := s.svc.Queue(r.Context(), status)
	if err != nil {
		return err
	}
	if err := s.svc.Audit(r.Context(), rc.User, ActionQueueView, "queue", 0, map[string]any{"status": status, "count": len(items)}); err != nil {
		return err
	}
	s.render(w, r, rc, http.StatusOK, "queue.html", "Granskningskö", queueData{Status: status, Items: items, Counts: counts})
	return nil
}
