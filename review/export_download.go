package review

import (
	"bytes"
	"net/http"
	"time"
)

// exportDownload returns the approved cases as JSON or CSV, in the UI and
// over the API. Export has no way to include other cases.
func (s *Server) exportDownload(format string) handler {
	return func(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
		cases, err := s.svc.Export(r.Context())
		if err != nil {
			return err
		}
		now := time.Now()
		var buf bytes.Buffer
		contentType := "application/json; charset=utf-8"
		if format == "csv" {
			contentType = "text/csv; charset=utf-8"
			buf.WriteString("\ufeff") // byte order mark, so spreadsheet programs read UTF-8
			err = WriteExportCSV(&buf, cases)
		} else {
			err = WriteExportJSON(&buf, cases, now)
		}
		if err != nil {
			return err
		}
		if err := s.svc.Audit(r.Context(), rc.User, ActionExport, "export", 0, map[string]any{"format": format, "count": len(cases)}); err != nil {
			return err
		}
		h := w.Header()
		h.Set("Content-Type", contentType)
		h.Set("Content-Disposition", `attachment; filename="arsflow-godkanda-`+now.Format("2006-01-02")+`.`+format+`"`)
		h.Set("Cache-Control", "no-store")
		_, _ = w.Write(buf.Bytes())
		return nil
	}
}
