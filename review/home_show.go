package review

import "net/http"

// homeShow sends each role to its start page.
func (s *Server) homeShow(w http.ResponseWriter, r *http.Request, rc *reqCtx) error {
	switch {
	case rc.User == nil:
		return redirect(w, r, "/logga-in")
	case rc.User.IsAdmin():
		return redirect(w, r, "/admin/batcher")
	}
	return redirect(w, r, "/arenden")
}
