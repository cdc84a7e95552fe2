package browsertest

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// recorder keeps what Check reports instead of failing the test.
type recorder struct {
	testing.TB
	errs int
}

func (r *recorder) Errorf(string, ...any) { r.errs++ }

// Check reports axe-core's violations: a page with an image without a text
// alternative and an unlabelled field fails it.
func TestCheckReportsViolations(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(`<!doctype html><html lang="sv"><head><title>Fel</title></head><body><main><img src="/a.png"><input></main></body></html>`))
	}))
	defer ts.Close()
	s := New(t, ts.URL).Session(t)
	s.Visit(t, "/")
	rec := &recorder{TB: t}
	s.Check(rec, "violations")
	if rec.errs < 2 {
		t.Fatalf("axe reported %d violations, want at least 2 (image-alt, label)", rec.errs)
	}
}
