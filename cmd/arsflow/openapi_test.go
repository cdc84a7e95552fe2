package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	legacyrouter "github.com/getkin/kin-openapi/routers/legacy"

	"arsflow/queue/database/dbtest"
	"arsflow/review/account"
)

// reRoute finds route patterns under /api/v1 in Go source.
var reRoute = regexp.MustCompile(`"(GET|POST|PUT|PATCH|DELETE) (/api/v1/[^"\s]*)"`)

// registeredRoutes returns every /api/v1 route pattern registered in the
// packages that serve the API.
func registeredRoutes(t *testing.T) []string {
	t.Helper()
	set := map[string]bool{}
	for _, dir := range []string{".", "../../ingest", "../../review", "../../review/account"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range reRoute.FindAllStringSubmatch(string(b), -1) {
				set[m[1]+" "+m[2]] = true
			}
		}
	}
	var out []string
	for r := range set {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

// TestOpenAPIMatchesTheRoutes compares the OpenAPI document with the routes
// the code registers: every route documented, every documented route real.
func TestOpenAPIMatchesTheRoutes(t *testing.T) {
	doc := loadOpenAPI(t)
	var documented []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented = append(documented, method+" "+path)
		}
	}
	sort.Strings(documented)
	if got, want := fmt.Sprint(registeredRoutes(t)), fmt.Sprint(documented); got != want {
		t.Errorf("routes registered under /api/v1:\n  %s\ndocumented in openapi.json:\n  %s", got, want)
	}
}

func loadOpenAPI(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(openAPIDoc)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.json is not a valid OpenAPI 3 document: %v", err)
	}
	return doc
}

// TestOpenAPIMatchesTheHandlers sends requests to the real server, good and
// bad, and checks every answer against the document: its status is
// documented for the operation and its body fits the schema. Every error
// has the one shape, with a message.
func TestOpenAPIMatchesTheHandlers(t *testing.T) {
	doc := loadOpenAPI(t)
	doc.Servers = nil // "/" is relative to wherever arsflow runs; match paths alone
	router, err := legacyrouter.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	db := dbtest.New(t)
	ta := startApp(t, db, t.TempDir(), nil)
	admin := ta.adminToken(t)
	anna := ta.reviewer(t, "anna")
	annaToken, err := ta.acct.CreateToken(context.Background(), anna.ID, "test", account.ScopeExport, 0)
	if err != nil {
		t.Fatal(err)
	}
	ta.upload(t, admin, demoCases[0]) // one case in review, for the progress and the retry

	seen := map[string]bool{}
	call := func(name, method, path, token, contentType string, body []byte, wantStatus int) []byte {
		t.Helper()
		req, _ := http.NewRequest(method, ta.srv.URL+path, bytes.NewReader(body))
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		resp, err := ta.srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		got, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != wantStatus {
			t.Errorf("%s: %s %s = %d, want %d: %s", name, method, path, resp.StatusCode, wantStatus, got)
		}
		if resp.StatusCode >= 400 {
			var e map[string]any
			if json.Unmarshal(got, &e) != nil || e["error"] == "" || e["status"] != float64(resp.StatusCode) || len(e) != 2 {
				t.Errorf("%s: error body %s is not {\"error\": \"…\", \"status\": %d}", name, got, resp.StatusCode)
			}
		}
		// Match against the document with the request as the server saw it.
		vreq, _ := http.NewRequest(method, "http://localhost"+path, nil)
		vreq.Header = req.Header.Clone()
		route, params, err := router.FindRoute(vreq)
		if err != nil {
			if resp.StatusCode != http.StatusNotFound {
				t.Errorf("%s: %s %s answered %d but is not in the document: %v", name, method, path, resp.StatusCode, err)
			}
			return got
		}
		seen[route.Method+" "+route.Path] = true
		in := &openapi3filter.ResponseValidationInput{
			RequestValidationInput: &openapi3filter.RequestValidationInput{Request: vreq, PathParams: params, Route: route,
				Options: &openapi3filter.Options{ExcludeRequestBody: true, AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}},
			Status: resp.StatusCode, Header: resp.Header, Body: io.NopCloser(bytes.NewReader(got)),
			Options: &openapi3filter.Options{IncludeResponseStatus: true},
		}
		if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
			t.Errorf("%s: %s %s answered %d against the document: %v", name, method, path, resp.StatusCode, err)
		}
		return got
	}

	upload, ctype := multipartPDF(t, "forening/arsredovisning.pdf", filepath.Join(demoCases[1], "arsredovisning.pdf"))
	rep := call("upload", "POST", "/api/v1/batches", admin, ctype, upload, http.StatusCreated)
	call("upload without a token", "POST", "/api/v1/batches", "", ctype, upload, http.StatusUnauthorized)
	call("upload by a handläggare", "POST", "/api/v1/batches", annaToken, ctype, upload, http.StatusForbidden)
	call("upload that is not multipart", "POST", "/api/v1/batches", admin, "application/json", []byte(`{}`), http.StatusUnsupportedMediaType)

	var r struct {
		BatchID int64 `json:"batch_id"`
		Items   []struct {
			DocumentID int64 `json:"document_id"`
		} `json:"items"`
	}
	if err := json.Unmarshal(rep, &r); err != nil || len(r.Items) != 1 {
		t.Fatalf("upload report %s", rep)
	}
	call("progress", "GET", fmt.Sprintf("/api/v1/batches/%d", r.BatchID), admin, "", nil, http.StatusOK)
	call("progress of no batch", "GET", "/api/v1/batches/999999", admin, "", nil, http.StatusNotFound)
	call("progress with a bad id", "GET", "/api/v1/batches/abc", admin, "", nil, http.StatusBadRequest)
	call("progress by a handläggare", "GET", fmt.Sprintf("/api/v1/batches/%d", r.BatchID), annaToken, "", nil, http.StatusForbidden)
	var docID int64
	if err := db.Pool.QueryRow(context.Background(), `SELECT id FROM documents ORDER BY id LIMIT 1`).Scan(&docID); err != nil {
		t.Fatal(err)
	}
	call("retry of a document in review", "POST", fmt.Sprintf("/api/v1/documents/%d/retry", docID), admin, "", nil, http.StatusConflict)
	call("retry of no document", "POST", "/api/v1/documents/999999/retry", admin, "", nil, http.StatusNotFound)
	call("retry without a token", "POST", fmt.Sprintf("/api/v1/documents/%d/retry", docID), "", "", nil, http.StatusUnauthorized)
	call("export", "GET", "/api/v1/export.json", annaToken, "", nil, http.StatusOK)
	call("export as CSV", "GET", "/api/v1/export.csv", annaToken, "", nil, http.StatusOK)
	call("export without a token", "GET", "/api/v1/export.json", "", "", nil, http.StatusUnauthorized)
	call("export with a bad token", "GET", "/api/v1/export.csv", "not-a-token", "", nil, http.StatusUnauthorized)
	call("the document itself", "GET", "/api/v1/openapi.json", "", "", nil, http.StatusOK)
	call("no such path", "GET", "/api/v1/nothing-here", admin, "", nil, http.StatusNotFound)
	call("no such method", "DELETE", "/api/v1/batches/1", admin, "", nil, http.StatusNotFound)

	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			if !seen[method+" "+path] {
				t.Errorf("%s %s was never called", method, path)
			}
		}
	}
}

// multipartPDF returns a multipart upload of one file under name.
func multipartPDF(t *testing.T, name, path string) ([]byte, string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	w, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = w.Write(data)
	_ = mw.Close()
	return buf.Bytes(), mw.FormDataContentType()
}
