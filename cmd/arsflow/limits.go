package main

import (
	"net/http"
	"time"
)

// uploadRoutes are the requests that may carry a large body.
func isUpload(r *http.Request) bool {
	return r.Method == http.MethodPost && (r.URL.Path == "/api/v1/batches" || r.URL.Path == "/admin/batcher")
}

// limitRequests bounds how long a client may take to send a request body
// (30 s, 15 min for uploads), so a slow client cannot hold connections, and
// lets at most maxUploads uploads run at once, since an upload is held in
// memory while it is validated.
func limitRequests(next http.Handler, maxUploads int) http.Handler {
	slots := make(chan struct{}, maxUploads)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rc := http.NewResponseController(w)
		if !isUpload(r) {
			_ = rc.SetReadDeadline(time.Now().Add(30 * time.Second))
			next.ServeHTTP(w, r)
			return
		}
		_ = rc.SetReadDeadline(time.Now().Add(15 * time.Minute))
		select {
		case slots <- struct{}{}:
			defer func() { <-slots }()
			next.ServeHTTP(w, r)
		default:
			w.Header().Set("Retry-After", "30")
			if r.URL.Path == "/api/v1/batches" {
				w.Header().Set("Content-Type", "application/json; charset=utf-8")
				w.WriteHeader(http.StatusServiceUnavailable)
				_, _ = w.Write([]byte(`{"error": "servern tar emot andra uppladdningar just nu; försök igen om en stund", "status": 503}` + "\n"))
				return
			}
			http.Error(w, "Servern tar emot andra uppladdningar just nu. Försök igen om en stund.", http.StatusServiceUnavailable)
		}
	})
}
