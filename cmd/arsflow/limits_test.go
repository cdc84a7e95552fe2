package main

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

func TestLimitRequestsBoundsConcurrentUploads(t *testing.T) {
	entered := make(chan struct{}, 4)
	release := make(chan struct{})
	h := limitRequests(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			return // not an upload: answers at once
		}
		entered <- struct{}{}
		<-release
	}), 2)
	srv := httptest.NewServer(h)
	defer srv.Close()
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if resp, err := http.Post(srv.URL+"/api/v1/batches", "text/plain", nil); err == nil {
				resp.Body.Close()
			}
		}()
	}
	<-entered
	<-entered
	resp, err := http.Post(srv.URL+"/api/v1/batches", "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Errorf("third upload: %s, Retry-After %q; want 503 with Retry-After", resp.Status, resp.Header.Get("Retry-After"))
	}
	// Other requests are not held back by uploads.
	resp, err = http.Get(srv.URL + "/arenden")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET during two uploads: %s", resp.Status)
	}
	close(release)
	wg.Wait()
}
