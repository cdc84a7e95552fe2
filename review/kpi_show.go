package review

import (
	"bytes"
	"net/http"
	"time"
)

// kpiShow shows the measures of the review work.
func (s *Server) kpiShow(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	k, err := s.svc.KPI(r.Context())
	if err != nil {
		return err
	}
	if err := s.svc.Audit(r.Context(), rc.User, ActionKPIView, "kpi", 0, nil); err != nil {
		return err
	}
	s.render(w, r, rc, http.StatusOK, "kpi.html", "Nyckeltal", k)
	return nil
}

// kpiDownload returns the measures as CSV.
func (s *Server) kpiDownload(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	k, err := s.svc.KPI(r.Context())
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	if err := WriteKPICSV(&buf, k); err != nil {
		return err
	}
	if err := s.svc.Audit(r.Context(), rc.User, ActionKPIView, "kpi", 0, map[string]any{"format": "csv"}); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="arsflow-nyckeltal-`+time.Now().Format("2006-01-02")+`.csv"`)
	h.Set("Cache-Control", "no-store")
	_, _ = w.Write(buf.Bytes())
	return nil
}
