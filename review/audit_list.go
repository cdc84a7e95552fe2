package review

import (
	"fmt"
	"net/http"
	"net/url"
	"time"
)

type auditData struct {
	From, To string // YYYY-MM-DD, the period's first and last day
	Entries  []AuditEntry
	CSVURL   string
}

// auditPeriod reads ?fran= and ?till= (inclusive days); default the last 7 days.
func auditPeriod(q url.Values) (from, to time.Time, err error) {
	now := time.Now()
	to = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.Local).AddDate(0, 0, 1)
	from = to.AddDate(0, 0, -7)
	if v := q.Get("fran"); v != "" {
		if from, err = time.ParseInLocation("2006-01-02", v, time.Local); err != nil {
			return from, to, userError(ErrInvalid, "Ange från-datum som ÅÅÅÅ-MM-DD.")
		}
	}
	if v := q.Get("till"); v != "" {
		t, err := time.ParseInLocation("2006-01-02", v, time.Local)
		if err != nil {
			return from, to, userError(ErrInvalid, "Ange till-datum som ÅÅÅÅ-MM-DD.")
		}
		to = t.AddDate(0, 0, 1)
	}
	if !from.Before(to) {
		return from, to, userError(ErrInvalid, "Från-datum måste komma före till-datum.")
	}
	return from, to, nil
}

// auditList shows the audit log of a period (the latest 200 entries) and
// links to its export.
func (s *Server) auditList(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	from, to, err := auditPeriod(r.URL.Query())
	if err != nil {
		return err
	}
	d := auditData{From: from.Format("2006-01-02"), To: to.AddDate(0, 0, -1).Format("2006-01-02")}
	d.CSVURL = "/admin/logg.csv?" + url.Values{"fran": {d.From}, "till": {d.To}}.Encode()
	if err := s.svc.AuditLog(r.Context(), from, to, 200, func(a AuditEntry) error {
		d.Entries = append(d.Entries, a)
		return nil
	}); err != nil {
		return err
	}
	if err := s.svc.Audit(r.Context(), rc.User, ActionAuditView, "audit", 0, nil); err != nil {
		return err
	}
	s.render(w, r, rc, http.StatusOK, "audit.html", "Logg", d)
	return nil
}

// auditDownload exports the audit log of a period as CSV.
func (s *Server) auditDownload(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	from, to, err := auditPeriod(r.URL.Query())
	if err != nil {
		return err
	}
	if err := s.svc.Audit(r.Context(), rc.User, ActionAuditExport, "audit", 0,
		map[string]any{"from": from.Format("2006-01-02"), "to": to.Format("2006-01-02")}); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="arsflow-logg-%s-%s.csv"`, from.Format("20060102"), to.AddDate(0, 0, -1).Format("20060102")))
	h.Set("Cache-Control", "no-store")
	c, err := newAuditCSV(w)
	if err != nil {
		return err
	}
	if err := s.svc.AuditLog(r.Context(), from, to, 0, c.write); err != nil {
		return err
	}
	return c.flush()
}
