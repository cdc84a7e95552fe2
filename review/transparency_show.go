package review

import (
	"net/http"
	"time"
)

// transparencyData is the public notice, drawn from the running
// configuration, the database and the embedded evaluation record.
type transparencyData struct {
	Backends   []BackendInfo // the live configuration, the default first
	Default    BackendInfo
	Retention  Retention
	Figures    Figures
	History    []ProcessChange // newest first
	Evaluation Evaluation
	FieldsEn   map[string]string

	Contact, ContactEmail string
	DPOContact, DPOEmail  string
}

// DataLeaves reports whether any configured backend sends text outside the
// municipality's network.
func (d transparencyData) DataLeaves() bool {
	for _, b := range d.Backends {
		if b.Location != "internal" {
			return true
		}
	}
	return false
}

// LastChanged is when the process last changed, or nil when no change is
// recorded.
func (d transparencyData) LastChanged() *time.Time {
	if len(d.History) == 0 {
		return nil
	}
	return &d.History[0].ChangedAt
}

// RealMeasured reports whether the evaluation includes real documents.
func (d transparencyData) RealMeasured() bool {
	for _, c := range d.Evaluation.Corpora {
		if c.Role == RoleReal {
			return true
		}
	}
	return false
}

// FieldEn is a field's English label.
func (d transparencyData) FieldEn(key string) string {
	if l, ok := d.FieldsEn[key]; ok {
		return l
	}
	return key
}

func (s *Server) transparency(r *http.Request) (transparencyData, error) {
	snap, err := s.noticeSnapshot(r.Context())
	if err != nil {
		return transparencyData{}, err
	}
	d := transparencyData{
		Backends: s.cfg.Backends, Retention: s.cfg.Retention,
		Figures: snap.Figures, History: snap.History,
		Evaluation: s.notice.Evaluation, FieldsEn: s.notice.FieldsEn,
		Contact: s.cfg.Contact, ContactEmail: s.cfg.ContactEmail,
		DPOContact: s.cfg.DPOContact, DPOEmail: s.cfg.DPOEmail,
	}
	for _, b := range s.cfg.Backends {
		if b.Name == s.cfg.DefaultBackend {
			d.Default = b
		}
	}
	if d.Default.Name == "" && len(d.Backends) > 0 {
		d.Default = d.Backends[0]
	}
	return d, nil
}

// transparencyShow is the public notice in Swedish: how the machine takes
// part, what it never does, and live figures.
func (s *Server) transparencyShow(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	d, err := s.transparency(r)
	if err != nil {
		return err
	}
	s.render(w, r, rc, http.StatusOK, "transparency.html", "Så använder vi AI när vi granskar föreningars årshandlingar", d)
	return nil
}

// transparencyShowEn is the public notice in English.
func (s *Server) transparencyShowEn(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	d, err := s.transparency(r)
	if err != nil {
		return err
	}
	s.renderLang(w, r, rc, "en", http.StatusOK, "transparency_en.html", "How we use AI to review associations' annual documents", d)
	return nil
}
