package main

import (
	_ "embed"
	"encoding/json"
	"net/http"
)

// openAPIDoc describes /api/v1; openapi_test.go checks it against the
// routes and the answers of the real handlers.
//
//go:embed openapi.json
var openAPIDoc []byte

// apiRoutes serves the OpenAPI document and answers any other /api/v1 path
// in the API's error shape.
func apiRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write(openAPIDoc)
	})
	mux.HandleFunc("/api/v1/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.WriteHeader(http.StatusNotFound)
		_ = json.NewEncoder(w).Encode(map[string]any{
			"error":  "API:t har ingen sådan adress eller metod; se /api/v1/openapi.json",
			"status": http.StatusNotFound,
		})
	})
}
