package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"arsflow/queue/database/dbtest"
)

// modelAnswer is a valid answer of the language model: every section, one
// sentence each with a reference.
func modelAnswer() string {
	var sections []map[string]any
	for _, k := range []string{"association", "documents", "activity", "members", "finances", "audit", "agm", "notes"} {
		sections = append(sections, map[string]any{"key": k, "sentences": []any{
			map[string]any{"text": "Se handlingarna.", "refs": []any{map[string]any{"doc": "D1", "page": 1}}}}})
	}
	b, _ := json.Marshal(map[string]any{"sections": sections})
	return string(b)
}

// flakyModel is an OpenAI-compatible server on loopback that answers its
// first up requests, fails the next down with 503, and then answers again.
func flakyModel(t *testing.T, up, down int64) (*httptest.Server, *atomic.Int64) {
	var n atomic.Int64
	answer := modelAnswer()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := n.Add(1)
		w.Header().Set("Content-Type", "application/json")
		if i > up && i <= up+down {
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprint(w, `{"error":{"message":"model server down","type":"server_error"}}`)
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]any{
			"id": "chatcmpl-test", "object": "chat.completion", "created": 0, "model": "test-model",
			"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
				"message": map[string]any{"role": "assistant", "content": answer}}},
			"usage": map[string]any{"prompt_tokens": 1000, "completion_tokens": 200, "total_tokens": 1200},
		})
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

// TestFaultModelDownAndBack runs a batch with the language-model backend
// against a model server that goes down in the middle of the batch and
// comes back: the cases summarised while it was down get the marked
// rule-based summary, the others the model's, and every case reaches
// review exactly once.
func TestFaultModelDownAndBack(t *testing.T) {
	cases := testSize(8, 200)
	srv, requests := flakyModel(t, int64(cases/3), int64(cases/2))
	t.Setenv("ARSFLOW_LLM_BASE_URL", srv.URL+"/v1")
	t.Setenv("ARSFLOW_LLM_MODEL", "test-model")
	t.Setenv("ARSFLOW_LLM_LOCATION", "external")
	t.Setenv("ARSFLOW_LLM_MAX_RETRIES", "1")
	t.Setenv("ARSFLOW_LLM_TIMEOUT", "5s")
	db := dbtest.New(t)
	ta := startAppWith(t, db, t.TempDir(), func(c *config) { c.Backend = "openai"; c.SummarizeConc = 1 }, nil)
	sources := bulkCases(t, cases, testSize(7, 20))
	uploadTo(t, ta.srv.URL, ta.adminToken(t), sources)
	waitInReview(t, db, cases, 10*time.Minute, nil)
	time.Sleep(2 * time.Second)

	o := tally(t, db, cases, len(sources))
	ai := count(t, db, `SELECT count(*) FROM summaries WHERE backend = 'openai' AND NOT fallback`)
	fallback := count(t, db, `SELECT count(*) FROM summaries WHERE fallback AND flags::text LIKE '%AI-tjänsten otillgänglig%'`)
	t.Logf("model down and back: %s; %d summaries by the model, %d marked rule-based while it was down; %d model requests",
		o, ai, fallback, requests.Load())
	o.check(t, db)
	if ai == 0 || fallback == 0 || ai+fallback != cases {
		t.Errorf("%d model summaries and %d marked fallbacks for %d cases; want both, adding up", ai, fallback, cases)
	}
}
