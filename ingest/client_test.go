package ingest

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"arsflow/queue/database/dbtest"
)

func TestNewClientFromEnv(t *testing.T) {
	tests := []struct {
		name     string
		env      map[string]string
		wantURL  string
		wantErr  string
		wantAuth string
	}{
		{"defaults", map[string]string{"ARSFLOW_TOKEN": "t"}, DefaultURL, "", "t"},
		{"url and token", map[string]string{"ARSFLOW_URL": "https://arsflow.example.se/", "ARSFLOW_TOKEN": " t "}, "https://arsflow.example.se", "", "t"},
		{"token missing", map[string]string{}, "", "ARSFLOW_TOKEN saknas", ""},
		{"bad url", map[string]string{"ARSFLOW_URL": "localhost:8080", "ARSFLOW_TOKEN": "t"}, "", "ARSFLOW_URL", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewClientFromEnv(func(k string) string { return tt.env[k] })
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || c.BaseURL != tt.wantURL || c.Token != tt.wantAuth {
				t.Fatalf("client = %+v, %v", c, err)
			}
		})
	}
}

// writeTree creates files (path → content) under a new temporary directory.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, content := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestCollect(t *testing.T) {
	root := writeTree(t, map[string]string{
		"en/Förening A/a.pdf":           "a",
		"en/Förening A/.DS_Store":       "x",
		"alla/Förening B/b.pdf":         "b",
		"alla/Förening C/sub/c.pdf":     "c",
		"alla/Förening C/d.zip":         "d",
		"alla/__MACOSX/Förening B/._b":  "x",
		"alla/lös.pdf":                  "e",
		"alla/Förening B/expected.json": "{}",
		"alla/anteckningar.txt":         "x",
		"fil.pdf":                       "f",
	})
	tests := []struct {
		name    string
		paths   []string
		want    []string // folder|name
		ignored int
	}{
		{"a file", []string{"fil.pdf"}, []string{"|fil.pdf"}, 0},
		{"a folder of PDFs is one association", []string{"en/Förening A"}, []string{"Förening A|a.pdf"}, 1},
		{"a folder of folders: one association each", []string{"alla"},
			[]string{"Förening B|b.pdf", "Förening B|expected.json", "Förening C|d.zip", "Förening C|c.pdf", "|anteckningar.txt", "|lös.pdf"}, 1},
		{"a file named on the command line is always sent", []string{"alla/anteckningar.txt"}, []string{"|anteckningar.txt"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var paths []string
			for _, p := range tt.paths {
				paths = append(paths, filepath.Join(root, p))
			}
			sources, ignored, err := Collect(paths)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range sources {
				got = append(got, s.Folder+"|"+s.Name)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("sources = %v, want %v", got, tt.want)
			}
			if len(ignored) != tt.ignored {
				t.Errorf("ignored = %v, want %d", ignored, tt.ignored)
			}
		})
	}
	if _, _, err := Collect([]string{filepath.Join(root, "saknas")}); err == nil {
		t.Error("Collect of a missing path: no error")
	}
}

func TestClient(t *testing.T) {
	db := dbtest.New(t)
	s := New(db, Limits{})
	srv := httptest.NewServer(s.Handler(fakeAuth{}))
	defer srv.Close()
	ctx := context.Background()

	root := writeTree(t, map[string]string{
		"Förening A/a.pdf":  string(testPDF("A")),
		"Förening B/b.pdf":  string(testPDF("B")),
		"Förening B/b2.pdf": string(testPDF("B2")),
		"Förening B/ej.pdf": "ingen pdf",
	})
	zipPath := filepath.Join(t.TempDir(), "c.zip")
	os.WriteFile(zipPath, testZip(t, zipEntry{name: "Förening C/c.pdf", data: testPDF("C")}), 0o644)
	sources, _, err := Collect([]string{root, zipPath})
	if err != nil {
		t.Fatal(err)
	}

	t.Run("wrong token", func(t *testing.T) {
		c := &Client{BaseURL: srv.URL, Token: "handlaggare", HTTP: srv.Client()}
		_, err := c.Upload(ctx, sources)
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.Status != http.StatusForbidden || !strings.Contains(apiErr.Message, "administratör") {
			t.Fatalf("Upload: %v, want 403 with the server's message", err)
		}
	})

	c := &Client{BaseURL: srv.URL, Token: "admin", HTTP: srv.Client()}
	rep, err := c.Upload(ctx, sources)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Accepted != 4 || rep.Rejected != 1 {
		t.Fatalf("report = %+v", rep)
	}
	folders := map[string]string{}
	for _, it := range rep.Items {
		folders[it.Name] = it.Folder
	}
	if folders["a.pdf"] != "Förening A" || folders["b2.pdf"] != "Förening B" || folders["c.pdf"] != "Förening C" {
		t.Errorf("folders = %v", folders)
	}
	var out bytes.Buffer
	WriteReport(&out, rep)
	if !strings.Contains(out.String(), "avvisad   Förening B/ej.pdf") || !strings.Contains(out.String(), "4 mottagna") {
		t.Errorf("report output:\n%s", out.String())
	}

	// Wait polls until every accepted document reached review or failed;
	// the pipeline's progress is simulated on the first poll.
	sim := simulate{t, db}
	polls := 0
	var printed bytes.Buffer
	pp := &ProgressPrinter{W: &printed}
	p, err := c.Wait(ctx, rep.BatchID, time.Millisecond, func(p *Progress) {
		pp.Print(p)
		if polls++; polls == 1 {
			for i, it := range rep.Items {
				if it.Outcome != OutcomeAccepted {
					continue
				}
				if i == 0 {
					sim.failExtract(it.DocumentID, "kunde inte läsas")
				} else {
					sim.toReview(it.DocumentID)
				}
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if !p.Done || p.InReview != 3 || p.Failed != 1 || polls != 2 {
		t.Errorf("Wait = %+v after %d polls", p, polls)
	}
	for _, want := range []string{"textutdrag: i kö", "granskning: väntar på granskning", "misslyckades (kunde inte läsas)", "3 av 4 dokument har nått granskningen, 1 misslyckades"} {
		if !strings.Contains(printed.String(), want) {
			t.Errorf("progress output lacks %q:\n%s", want, printed.String())
		}
	}

	t.Run("wait ends with its context", func(t *testing.T) {
		if err := s.Retry(ctx, rep.Items[0].DocumentID); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(ctx)
		_, err := c.Wait(ctx, rep.BatchID, time.Millisecond, func(*Progress) { cancel() })
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Wait: %v, want context.Canceled", err)
		}
	})
}

func TestRun(t *testing.T) {
	db := dbtest.New(t)
	s := New(db, Limits{})
	srv := httptest.NewServer(s.Handler(fakeAuth{}))
	defer srv.Close()
	c := &Client{BaseURL: srv.URL, Token: "admin", HTTP: srv.Client()}
	ctx := context.Background()

	good := writeTree(t, map[string]string{"Förening A/a.pdf": string(testPDF("A")), "Förening A/.DS_Store": "x"})
	bad := writeTree(t, map[string]string{"x.pdf": "ingen pdf"})
	other := writeTree(t, map[string]string{"c.pdf": string(testPDF("C"))})
	tests := []struct {
		name   string
		paths  []string
		opts   RunOptions
		ok     bool
		output string
	}{
		{"upload without waiting", []string{good}, RunOptions{}, true, "1 mottagna"},
		{"a rejected file fails the run", []string{bad}, RunOptions{}, false, "avvisad"},
		{"wait gives up at its timeout", []string{other}, RunOptions{Wait: true, Timeout: time.Nanosecond, Interval: time.Millisecond}, false, "slutade vänta"},
		{"the same bytes again: nothing to wait for", []string{good}, RunOptions{Wait: true}, true, "dubblett"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			ok, err := c.Run(ctx, tt.paths, tt.opts, &out)
			if err != nil {
				t.Fatal(err)
			}
			if ok != tt.ok || !strings.Contains(out.String(), tt.output) {
				t.Errorf("ok = %v, output:\n%s\nwant ok = %v and %q", ok, out.String(), tt.ok, tt.output)
			}
		})
	}

	t.Run("wait until review", func(t *testing.T) {
		dir := writeTree(t, map[string]string{"B/b.pdf": string(testPDF("B"))})
		sim := simulate{t, db}
		// A stand-in for the pipeline: the server moves the new document to
		// review before it answers the first progress poll.
		mux := http.NewServeMux()
		h := s.Handler(fakeAuth{})
		var once bool
		mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodGet && !once {
				once = true
				var id int64
				db.Pool.QueryRow(ctx, `SELECT max(id) FROM documents`).Scan(&id)
				sim.toReview(id)
			}
			h.ServeHTTP(w, r)
		})
		srv2 := httptest.NewServer(mux)
		defer srv2.Close()
		c2 := &Client{BaseURL: srv2.URL, Token: "admin", HTTP: srv2.Client()}
		var out bytes.Buffer
		ok, err := c2.Run(ctx, []string{dir}, RunOptions{Wait: true, Interval: time.Millisecond}, &out)
		if err != nil || !ok || !strings.Contains(out.String(), "klart: alla 1 dokument har nått granskningen") {
			t.Errorf("Run = %v, %v; output:\n%s", ok, err, out.String())
		}
	})
}

func TestClientUploadTooLarge(t *testing.T) {
	db := dbtest.New(t)
	s := New(db, Limits{MaxUploadSize: 64 << 10})
	srv := httptest.NewServer(s.Handler(fakeAuth{}))
	defer srv.Close()
	dir := writeTree(t, map[string]string{"A/a.pdf": string(testPDF("A")) + strings.Repeat(" ", 4<<20)})
	sources, _, err := Collect([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	c := &Client{BaseURL: srv.URL, Token: "admin", HTTP: srv.Client()}
	_, err = c.Upload(context.Background(), sources)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusRequestEntityTooLarge || !strings.Contains(apiErr.Message, "för stor (högst 64 KiB") {
		t.Fatalf("Upload: %v, want 413 with the server's message", err)
	}
}
