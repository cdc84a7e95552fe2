package summarize

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// reply is what the fake server answers to request n (0-based).
type reply struct {
	status     int
	retryAfter string
	content    string
	block      bool // hold the request until the client gives up
	delay      time.Duration
}

// fakeLLM is an OpenAI-compatible server on loopback that records every
// request body.
type fakeLLM struct {
	mu     sync.Mutex
	bodies []string
	answer func(n int, body string) reply
	srv    *httptest.Server
}

func newFakeLLM(t testing.TB, answer func(n int, body string) reply) *fakeLLM {
	t.Helper()
	f := &fakeLLM{answer: answer}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeLLM) serve(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	n := len(f.bodies)
	f.bodies = append(f.bodies, string(b))
	f.mu.Unlock()
	if !strings.HasSuffix(r.URL.Path, "/chat/completions") {
		http.Error(w, `{"error":{"message":"not found"}}`, http.StatusNotFound)
		return
	}
	rep := f.answer(n, string(b))
	if rep.block {
		<-r.Context().Done()
		return
	}
	if rep.delay > 0 {
		time.Sleep(rep.delay)
	}
	w.Header().Set("Content-Type", "application/json")
	if rep.retryAfter != "" {
		w.Header().Set("Retry-After", rep.retryAfter)
	}
	if rep.status != 0 && rep.status != http.StatusOK {
		w.WriteHeader(rep.status)
		fmt.Fprintf(w, `{"error":{"message":%q,"type":"server_error"}}`, http.StatusText(rep.status)+" "+rep.content)
		return
	}
	json.NewEncoder(w).Encode(map[string]any{
		"id": "chatcmpl-test", "object": "chat.completion", "created": 0, "model": "test-model",
		"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
			"message": map[string]any{"role": "assistant", "content": rep.content}}},
		"usage": map[string]any{"prompt_tokens": 1000, "completion_tokens": 200, "total_tokens": 1200},
	})
}

// requests returns the recorded bodies.
func (f *fakeLLM) requests() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string{}, f.bodies...)
}

// all returns every recorded body as one string: the raw bytes, and the
// messages' text decoded from JSON.
func (f *fakeLLM) all() string {
	var b strings.Builder
	for _, body := range f.requests() {
		b.WriteString(body)
		b.WriteString("\n")
		var r struct {
			Messages []struct {
				Content string `json:"content"`
			} `json:"messages"`
		}
		_ = json.Unmarshal([]byte(body), &r)
		for _, m := range r.Messages {
			b.WriteString(m.Content)
			b.WriteString("\n")
		}
	}
	return b.String()
}

// testConfig returns a configuration for the fake server.
func testConfig(f *fakeLLM, location string) Config {
	c := DefaultConfig()
	c.BaseURL = f.srv.URL + "/v1"
	c.Model = "test-model"
	c.Location = location
	c.Timeout = 5 * time.Second
	c.Concurrency = 2
	c.MaxRetries = 2
	c.RetryBase = time.Millisecond
	return c
}

// sleeps records the waits between retries without waiting.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.d = append(s.d, d)
	return ctx.Err()
}

// newTestOpenAI returns a backend on the fake server that does not wait
// between retries.
func newTestOpenAI(t testing.TB, cfg Config) (*OpenAI, *sleeps) {
	t.Helper()
	s := &sleeps{}
	o, err := NewOpenAI(cfg, withSleep(s.sleep))
	if err != nil {
		t.Fatal(err)
	}
	return o, s
}

var rePersonPH = regexp.MustCompile(`\[PERSON_\d+\]`)

// goodAnswer is a valid summary of sampleCase as a model would write it.
// It names a person by the first placeholder it was given, if any.
func goodAnswer(body string) string {
	notes := "Inget särskilt att notera."
	if i := strings.Index(body, "FAKTA (JSON)"); i >= 0 {
		body = body[i:] // the system prompt names placeholders as examples
	} else {
		body = ""
	}
	if ph := rePersonPH.FindString(body); ph != "" {
		notes = "Protokollet justerades av " + ph + "."
	}
	type ref = map[string]any
	sent := func(text, doc string, page int) map[string]any {
		return map[string]any{"text": text, "refs": []ref{{"doc": doc, "page": page}}}
	}
	a := map[string]any{"sections": []any{
		map[string]any{"key": "association", "sentences": []any{
			sent("Idrottsföreningen Kvarnby IK har organisationsnummer 802412-3450.", "D1", 1),
			sent("Räkenskapsåret omfattar 2023-01-01–2023-12-31.", "D2", 1),
			sent("Ordförande är Anna Svensson och kassör Johan Nilsson.", "D1", 2)}},
		map[string]any{"key": "documents", "sentences": []any{
			sent("Verksamhetsberättelse, årsredovisning, revisionsberättelse och årsmötesprotokoll har kommit in.", "D1", 1)}},
		map[string]any{"key": "activity", "sentences": []any{
			sent("Föreningen genomförde 120 träningar och deltog i tre turneringar för ungdomar.", "D1", 1)}},
		map[string]any{"key": "members", "sentences": []any{
			sent("Föreningen hade 245 medlemmar, varav 180 bidragsberättigade.", "D1", 1)}},
		map[string]any{"key": "finances", "sentences": []any{
			sent("Intäkterna uppgick till 1 234 567 kr och kostnaderna till 1 250 000 kr.", "D2", 1),
			sent("Årets resultat är ett underskott på 15 433 kr.", "D2", 1)}},
		map[string]any{"key": "audit", "sentences": []any{
			sent("Revisorn Eva Lund tillstyrker ansvarsfrihet för styrelsen.", "D3", 1)}},
		map[string]any{"key": "agm", "sentences": []any{
			sent("Årsmötet den 2024-03-10 fastställde resultat- och balansräkningen och beviljade styrelsen ansvarsfrihet.", "D4", 1)}},
		map[string]any{"key": "notes", "sentences": []any{sent(notes, "D4", 1)}},
	}}
	b, _ := json.Marshal(a)
	return string(b)
}

// always answers every request with r.
func always(r reply) func(int, string) reply { return func(int, string) reply { return r } }

// good answers every request with a good summary.
func good(_ int, body string) reply { return reply{content: goodAnswer(body)} }

// sequence answers with rs in turn, then with good answers.
func sequence(rs ...reply) func(int, string) reply {
	return func(n int, body string) reply {
		if n < len(rs) {
			return rs[n]
		}
		return good(n, body)
	}
}
