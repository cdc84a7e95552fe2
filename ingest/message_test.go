package ingest

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestMessageAndStatus(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		status int
		msg    string
	}{
		{"not found", fmt.Errorf("op: %w", fail(ErrNotFound, "dokument 3 finns inte")), 404, "dokument 3 finns inte"},
		{"conflict", fail(ErrConflict, "behandlas redan"), 409, "behandlas redan"},
		{"too large", fail(ErrTooLarge, "för många"), 413, "för många"},
		{"body over the limit", &http.MaxBytesError{Limit: 10<<20 + multipartOverhead}, 413, "högst 10 MiB"},
		{"unsupported", fail(ErrUnsupported, "multipart"), 415, "multipart"},
		{"internal", errors.New("pq: connection refused at 10.0.0.1"), 500, "internt fel"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Status(tt.err); got != tt.status {
				t.Errorf("Status = %d, want %d", got, tt.status)
			}
			if got := Message(tt.err); !strings.Contains(got, tt.msg) || strings.Contains(got, "10.0.0.1") {
				t.Errorf("Message = %q, want %q", got, tt.msg)
			}
		})
	}
}

func TestReadMultipart(t *testing.T) {
	body, ctype := multipartBody(t,
		part{field: "csrf", value: "token"},
		part{field: "file", filename: "Förening A/a.pdf", value: "%PDF-1.4 a"},
		part{field: "file", filename: "", value: ""}, // an empty file input
		part{field: "files", filename: "b.pdf", value: "%PDF-1.4 b"},
	)
	two, twoType := multipartBody(t, part{field: "file", filename: "a.pdf", value: "a"}, part{field: "file", filename: "b.pdf", value: "b"})
	tests := []struct {
		name  string
		ctype string
		body  io.Reader
		lim   Limits
		files []string
		err   error
	}{
		{"files of a form", ctype, body, Limits{}, []string{"Förening A|a.pdf", "|b.pdf"}, nil},
		{"not multipart", "text/plain", strings.NewReader("x"), Limits{}, nil, ErrUnsupported},
		{"too many files", twoType, two, Limits{MaxFiles: 1}, nil, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/upload", tt.body)
			r.Header.Set("Content-Type", tt.ctype)
			files, err := ReadMultipart(r, tt.lim)
			if !errors.Is(err, tt.err) || tt.err == nil && err != nil {
				t.Fatalf("ReadMultipart: %v, want %v", err, tt.err)
			}
			var got []string
			for _, f := range files {
				got = append(got, f.Folder+"|"+f.Name)
			}
			if strings.Join(got, ",") != strings.Join(tt.files, ",") {
				t.Errorf("files = %v, want %v", got, tt.files)
			}
		})
	}
}

func TestSummary(t *testing.T) {
	rep := &Report{BatchID: 7, Accepted: 1, Duplicates: 2, Rejected: 1, Items: []ReportItem{
		{Name: "a.pdf", Outcome: OutcomeAccepted},
		{Name: "x.pdf", Folder: "F", Outcome: OutcomeRejected, Reason: "filen är tom"},
	}}
	want := "Batch 7: 1 fil mottagen, 2 dubbletter, 1 avvisad. Avvisade: F/x.pdf: filen är tom."
	if got := Summary(rep); got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
}
