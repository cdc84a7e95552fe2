package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"arsflow/queue/database"
	"arsflow/queue/database/dbtest"
)

// fakeAuth knows two bearer tokens: "admin" and "handlaggare".
type fakeAuth struct{}

func (fakeAuth) Authenticate(r *http.Request) (int64, string, error) {
	switch r.Header.Get("Authorization") {
	case "Bearer admin":
		return 1, RoleAdministrator, nil
	case "Bearer handlaggare":
		return 2, "handlaggare", nil
	}
	return 0, "", errors.New("no valid token")
}

// part is one multipart part of a test request.
type part struct{ field, filename, value string }

func multipartBody(t *testing.T, parts ...part) (io.Reader, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, p := range parts {
		var w io.Writer
		var err error
		if p.filename != "" {
			w, err = mw.CreateFormFile(p.field, p.filename)
		} else {
			w, err = mw.CreateFormField(p.field)
		}
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, p.value)
	}
	mw.Close()
	return &b, mw.FormDataContentType()
}

// simulate moves document states forward as the later stages would, writing
// the other packages' tables directly.
type simulate struct {
	t  *testing.T
	db *database.DB
}

func (s simulate) exec(sql string, args ...any) {
	s.t.Helper()
	if _, err := s.db.Pool.Exec(context.Background(), sql, args...); err != nil {
		s.t.Fatalf("%s: %v", sql, err)
	}
}

// toReview extracts document doc into a new case and puts the case in review.
func (s simulate) toReview(doc int64) {
	s.t.Helper()
	var caseID, summaryID int64
	ctx := context.Background()
	if err := s.db.Pool.QueryRow(ctx, `INSERT INTO cases (association_key) VALUES ($1) RETURNING id`, fmt.Sprint("k", doc)).Scan(&caseID); err != nil {
		s.t.Fatal(err)
	}
	s.exec(`INSERT INTO document_extractions (document_id, case_id, attempt, result) VALUES ($1, $2, 1, '{}')`, doc, caseID)
	s.exec(`UPDATE work_items SET status = 'done' WHERE item_key = $1`, fmt.Sprint("document:", doc))
	s.exec(`INSERT INTO work_items (stage, item_key, case_id, msg_id, status) VALUES ('summarize', $1, $2, 'm', 'done')`, fmt.Sprint("case:", caseID), caseID)
	if err := s.db.Pool.QueryRow(ctx, `INSERT INTO summaries (case_id, version, backend, backend_version, location, input_hash, sections, body)
		VALUES ($1, 1, 'rules', '1', 'internal', 'h', '[]', '') RETURNING id`, caseID).Scan(&summaryID); err != nil {
		s.t.Fatal(err)
	}
	s.exec(`INSERT INTO review_items (case_id, summary_id, status) VALUES ($1, $2, 'pending')`, caseID, summaryID)
}

// failExtract marks document doc's extraction failed.
func (s simulate) failExtract(doc int64, reason string) {
	s.t.Helper()
	s.exec(`UPDATE work_items SET status = 'failed', last_error = $2 WHERE item_key = $1`, fmt.Sprint("document:", doc), reason)
}

func TestHTTP(t *testing.T) {
	db := dbtest.New(t)
	s := New(db, Limits{MaxUploadSize: 64 << 10})
	srv := httptest.NewServer(s.Handler(fakeAuth{}))
	defer srv.Close()

	do := func(method, path, token, ctype string, body io.Reader) (int, map[string]any) {
		t.Helper()
		req, _ := http.NewRequest(method, srv.URL+path, body)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var v map[string]any
		if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
			t.Fatalf("%s %s: response is not JSON: %v", method, path, err)
		}
		return resp.StatusCode, v
	}
	upload := func() (io.Reader, string) {
		return multipartBody(t,
			part{field: "source", value: "cli"},
			part{field: "file", filename: "Förening A/årsredovisning.pdf", value: string(testPDF("A"))},
			part{field: "file", filename: "Förening B/protokoll.pdf", value: string(testPDF("B"))},
			part{field: "file", filename: "bild.pdf", value: "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"},
		)
	}

	body, ctype := upload()
	tests := []struct {
		name, method, path, token, ctype string
		body                             io.Reader
		status                           int
		msg                              string
	}{
		{"no token", "POST", "/api/v1/batches", "", ctype, body, 401, "inloggning krävs"},
		{"wrong token", "POST", "/api/v1/batches", "nope", ctype, body, 401, "inloggning krävs"},
		{"not an administrator", "POST", "/api/v1/batches", "handlaggare", ctype, body, 403, "administratör"},
		{"not multipart", "POST", "/api/v1/batches", "admin", "application/pdf", strings.NewReader("%PDF-1.4"), 415, "multipart/form-data"},
		{"broken multipart", "POST", "/api/v1/batches", "admin", "multipart/form-data; boundary=x", strings.NewReader("--x\r\nbroken"), 400, "uppladdningen"},
		{"no files", "POST", "/api/v1/batches", "admin", "multipart/form-data; boundary=x", strings.NewReader("--x--\r\n"), 400, "inga filer"},
		{"over the upload limit", "POST", "/api/v1/batches", "admin", "multipart/form-data; boundary=x",
			io.MultiReader(strings.NewReader("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n"), bytes.NewReader(make([]byte, 2<<20))), 413, "för stor"},
		{"batch missing", "GET", "/api/v1/batches/999", "admin", "", nil, 404, "batch 999 finns inte"},
		{"batch id invalid", "GET", "/api/v1/batches/x", "admin", "", nil, 400, "ogiltigt id"},
		{"progress needs an administrator", "GET", "/api/v1/batches/1", "handlaggare", "", nil, 403, "administratör"},
		{"retry of a missing document", "POST", "/api/v1/documents/999/retry", "admin", "", nil, 404, "dokument 999 finns inte"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, v := do(tt.method, tt.path, tt.token, tt.ctype, tt.body)
			if status != tt.status || !strings.Contains(fmt.Sprint(v["error"]), tt.msg) {
				t.Errorf("%d %v, want %d %q", status, v, tt.status, tt.msg)
			}
		})
	}

	body, ctype = upload()
	status, v := do("POST", "/api/v1/batches", "admin", ctype, body)
	if status != http.StatusCreated {
		t.Fatalf("upload: %d %v", status, v)
	}
	var rep Report
	remarshal(t, v, &rep)
	if rep.Accepted != 2 || rep.Rejected != 1 || len(rep.Items) != 3 {
		t.Fatalf("report = %+v", rep)
	}
	if it := rep.Items[0]; it.Folder != "Förening A" || it.Name != "årsredovisning.pdf" {
		t.Errorf("first item = %+v, want folder and name from the part's file name", it)
	}
	var source string
	db.Pool.QueryRow(context.Background(), `SELECT source FROM batches WHERE id = $1`, rep.BatchID).Scan(&source)
	if source != "cli" {
		t.Errorf("source = %q, want cli", source)
	}

	progress := func() Progress {
		t.Helper()
		status, v := do("GET", fmt.Sprintf("/api/v1/batches/%d", rep.BatchID), "admin", "", nil)
		if status != http.StatusOK {
			t.Fatalf("progress: %d %v", status, v)
		}
		var p Progress
		remarshal(t, v, &p)
		return p
	}
	p := progress()
	if p.Done || p.Accepted != 2 || p.Rejected != 1 || len(p.Documents) != 2 || p.Documents[0].Stage != "extract" || p.Documents[0].Status != "queued" {
		t.Fatalf("progress after upload = %+v", p)
	}

	sim := simulate{t, db}
	a, b := rep.Items[0].DocumentID, rep.Items[1].DocumentID
	sim.toReview(a)
	sim.failExtract(b, "PDF-filen kunde inte läsas")
	p = progress()
	if !p.Done || p.InReview != 1 || p.Failed != 1 || len(p.Cases) != 1 || !p.Cases[0].InReview {
		t.Fatalf("progress = %+v, want done with one in review and one failed", p)
	}
	if d := p.Documents[1]; !d.Failed || d.Error != "PDF-filen kunde inte läsas" {
		t.Errorf("failed document = %+v", d)
	}

	// Retry: the failed one is queued again; the one in review is refused.
	if status, v := do("POST", fmt.Sprintf("/api/v1/documents/%d/retry", b), "admin", "", nil); status != http.StatusAccepted {
		t.Errorf("retry failed document: %d %v", status, v)
	}
	if status, v := do("POST", fmt.Sprintf("/api/v1/documents/%d/retry", a), "admin", "", nil); status != http.StatusConflict {
		t.Errorf("retry document in review: %d %v, want 409", status, v)
	}
	if p = progress(); p.Done || p.Documents[1].Status != "queued" {
		t.Errorf("progress after retry = %+v", p)
	}
}

func remarshal(t *testing.T, from, to any) {
	t.Helper()
	b, err := json.Marshal(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, to); err != nil {
		t.Fatal(err)
	}
}
