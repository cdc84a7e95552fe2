package review

import "net/http"

type caseData struct {
	Case     *CaseView
	Backends []BackendInfo
	CanResum bool
}

// caseShow shows a case: summary with sources, fields with evidence, checks,
// flags, earlier versions and the decision forms.
func (s *Server) caseShow(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	c, err := s.svc.Case(r.Context(), id)
	if err != nil {
		return err
	}
	if err := s.svc.MarkOpened(r.Context(), id); err != nil {
		return err
	}
	if err := s.svc.Audit(r.Context(), rc.User, ActionCaseView, "case", id, map[string]any{"summary_id": c.Current.ID}); err != nil {
		return err
	}
	title := c.AssociationName
	if title == "" {
		title = "Ärende " + r.PathValue("id")
	}
	s.render(w, r, rc, http.StatusOK, "case.html", title, caseData{Case: c, Backends: s.cfg.Backends, CanResum: s.actions.Resummarize != nil && len(s.cfg.Backends) > 0})
	return nil
}
