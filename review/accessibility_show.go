package review

import "net/http"

// accessibilityData is the accessibility statement: the embedded statement
// and the deployment's contact details.
type accessibilityData struct {
	Accessibility
	Contact, ContactEmail string
}

// accessibilityShow is the accessibility statement (tillgänglighetsredogörelse)
// in the form DIGG prescribes.
func (s *Server) accessibilityShow(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	s.render(w, r, rc, http.StatusOK, "accessibility.html", "Tillgänglighetsredogörelse", accessibilityData{
		Accessibility: s.notice.Accessibility, Contact: s.cfg.Contact, ContactEmail: s.cfg.ContactEmail,
	})
	return nil
}
