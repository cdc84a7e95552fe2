package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"arsflow/queue/database/dbtest"
)

// TestAIServiceDownCaseStillReachesReview runs serve with the language-model
// backend pointed at a model server that only answers 503: every case still
// reaches review with the rule-based summary, marked as a fallback.
func TestAIServiceDownCaseStillReachesReview(t *testing.T) {
	var calls atomic.Int32
	llm := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		http.Error(w, `{"error":{"message":"overloaded"}}`, http.StatusServiceUnavailable)
	}))
	defer llm.Close()
	t.Setenv("ARSFLOW_LLM_BASE_URL", llm.URL+"/v1")
	t.Setenv("ARSFLOW_LLM_MODEL", "test-model")
	t.Setenv("ARSFLOW_LLM_LOCATION", "external")
	t.Setenv("ARSFLOW_LLM_MAX_RETRIES", "1")
	t.Setenv("ARSFLOW_LLM_TIMEOUT", "5s")

	db := dbtest.New(t)
	ta := startAppWith(t, db, t.TempDir(), func(c *config) { c.Backend = "openai" }, nil)
	ta.upload(t, ta.adminToken(t), demoCases[0])

	items := reviewItems(t, db)
	if len(items) != 1 || items[0].Status != "pending" {
		t.Fatalf("review items = %+v, want the case pending", items)
	}
	if calls.Load() == 0 {
		t.Fatal("the model server was never called")
	}
	var backend string
	var fallback bool
	var flags []byte
	if err := db.Pool.QueryRow(t.Context(), `SELECT backend, fallback, flags FROM summaries WHERE id = $1`,
		items[0].SummaryID).Scan(&backend, &fallback, &flags); err != nil {
		t.Fatal(err)
	}
	if !fallback {
		t.Errorf("summary by %q is not marked as a fallback", backend)
	}
	var fl []struct{ Code, Message string }
	_ = json.Unmarshal(flags, &fl)
	found := false
	for _, f := range fl {
		if strings.Contains(f.Message, "AI-tjänsten otillgänglig") {
			found = true
		}
	}
	if !found {
		t.Errorf("no flag tells the handläggare the AI service was unavailable: %s", flags)
	}
}
