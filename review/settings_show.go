package review

import "net/http"

type settingsData struct {
	Settings []Setting
	Backends []BackendInfo
}

// settingsShow shows the running configuration without secrets.
func (s *Server) settingsShow(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	s.render(w, r, rc, http.StatusOK, "settings.html", "Inställningar", settingsData{Settings: s.cfg.Settings, Backends: s.cfg.Backends})
	return nil
}
