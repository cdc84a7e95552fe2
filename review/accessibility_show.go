package review

import "net/http"

// accessibilityShow is the accessibility statement (tillgänglighetsredogörelse).
func (s *Server) accessibilityShow(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	s.render(w, r, rc, http.StatusOK, "accessibility.html", "Tillgänglighetsredogörelse", map[string]string{
		"Contact": s.cfg.Contact, "ContactEmail": s.cfg.ContactEmail,
	})
	return nil
}
