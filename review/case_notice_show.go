package review

import (
	"net/http"
	"strings"
	"time"
)

// ActionCaseNotice is the audit action of making the notice to an association.
const ActionCaseNotice = "case.notice"

type caseNoticeData struct {
	CaseID int64
	Letter letter
}

// caseLetter reads a decided case's notice, audits that it was made, and
// writes it.
func (s *Server) caseLetter(r *http.Request, rc *reqCtx, format string) (int64, letter, error) {
	id, err := pathID(r)
	if err != nil {
		return 0, letter{}, err
	}
	n, err := s.svc.CaseNotice(r.Context(), id)
	if err != nil {
		return 0, letter{}, err
	}
	if err := s.svc.Audit(r.Context(), rc.User, ActionCaseNotice, "case", id, map[string]any{"format": format}); err != nil {
		return 0, letter{}, err
	}
	base := strings.TrimSuffix(s.cfg.PublicURL, "/")
	if base == "" {
		scheme := "https"
		if r.TLS == nil {
			scheme = "http"
		}
		base = scheme + "://" + r.Host
	}
	c := letterContact{AboutURL: base + "/om-ai", Contact: s.cfg.Contact, Email: s.cfg.ContactEmail,
		DPO: strings.TrimSpace(s.cfg.DPOContact + " " + s.cfg.DPOEmail)}
	return id, buildLetter(n, s.cfg.Organisation, c, time.Now()), nil
}

// caseNoticeShow is the notice to the association as a printable web page.
func (s *Server) caseNoticeShow(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	id, l, err := s.caseLetter(r, rc, "html")
	if err != nil {
		return err
	}
	s.render(w, r, rc, http.StatusOK, "case_notice.html", l.Title, caseNoticeData{CaseID: id, Letter: l})
	return nil
}
