package review

import "net/http"

type transparencyData struct {
	Stats          Stats
	Backends       []BackendInfo
	DefaultBackend string
	Contact        string
	ContactEmail   string
}

// transparencyShow is the public notice about the automated step, with live figures.
func (s *Server) transparencyShow(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	st, err := s.svc.Stats(r.Context())
	if err != nil {
		return err
	}
	s.render(w, r, rc, http.StatusOK, "transparency.html", "Så används AI i handläggningen av föreningsbidrag", transparencyData{
		Stats: st, Backends: s.cfg.Backends, DefaultBackend: s.cfg.DefaultBackend,
		Contact: s.cfg.Contact, ContactEmail: s.cfg.ContactEmail,
	})
	return nil
}
