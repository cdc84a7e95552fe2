package main

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"arsflow/queue/database/dbtest"
)

// reMetric finds arsflow's metric names in a dashboard's queries.
var reMetric = regexp.MustCompile(`arsflow_[a-z_]+`)

// scrape reads /metrics and returns every sample as "name{l1=v1,...}" → value,
// labels sorted by name.
func scrape(t *testing.T, base string) map[string]float64 {
	t.Helper()
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/metrics: %s", resp.Status)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	families, err := p.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for name, f := range families {
		for _, m := range f.GetMetric() {
			var labels []string
			for _, l := range m.GetLabel() {
				labels = append(labels, l.GetName()+"="+l.GetValue())
			}
			sort.Strings(labels)
			key := name
			if len(labels) > 0 {
				key += "{" + strings.Join(labels, ",") + "}"
			}
			out[key] = value(f.GetType(), m)
		}
	}
	return out
}

func value(t dto.MetricType, m *dto.Metric) float64 {
	switch t {
	case dto.MetricType_COUNTER:
		return m.GetCounter().GetValue()
	case dto.MetricType_GAUGE:
		return m.GetGauge().GetValue()
	case dto.MetricType_HISTOGRAM:
		return float64(m.GetHistogram().GetSampleCount())
	}
	return m.GetUntyped().GetValue()
}

// TestMetricsMatchTheBatch scrapes /metrics after a batch of three cases and
// checks each count against what the database says happened.
func TestMetricsMatchTheBatch(t *testing.T) {
	db := dbtest.New(t)
	ta := startApp(t, db, t.TempDir(), nil)
	ta.upload(t, ta.adminToken(t), demoCases...)

	docs := count(t, db, `SELECT count(*) FROM documents WHERE rejected_reason IS NULL`)
	pages := count(t, db, `SELECT COALESCE(sum(page_count), 0) FROM document_extractions`)
	published := count(t, db, `SELECT count(*) FROM outbox WHERE published_at IS NOT NULL`)
	// The last ack (and its count) follows the commit the upload waited for.
	var m map[string]float64
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		m = scrape(t, ta.srv.URL)
		if m[`arsflow_stage_messages_total{outcome=done,stage=review}`] == 3 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	want := map[string]float64{
		`arsflow_stage_messages_total{outcome=done,stage=extract}`:           float64(docs),
		`arsflow_stage_messages_total{outcome=done,stage=summarize}`:         3,
		`arsflow_stage_messages_total{outcome=done,stage=review}`:            3,
		`arsflow_stage_duration_seconds{stage=extract}`:                      float64(docs),
		`arsflow_pages_total{source=pdf}`:                                    float64(pages),
		`arsflow_document_read_seconds`:                                      float64(docs),
		`arsflow_summaries_total{backend=rules,cached=false,fallback=false}`: 3,
		`arsflow_model_latency_seconds{backend=rules}`:                       3,
		`arsflow_outbox_published_total`:                                     float64(published),
		`arsflow_work_items{stage=extract,status=done}`:                      float64(docs),
		`arsflow_work_items{stage=summarize,status=done}`:                    3,
		`arsflow_work_items{stage=review,status=done}`:                       3,
		`arsflow_work_items{stage=extract,status=failed}`:                    0,
		`arsflow_queue_pending{stage=extract}`:                               0,
		`arsflow_queue_unacked{stage=summarize}`:                             0,
		`arsflow_outbox_unpublished`:                                         0,
		`arsflow_dead_letters_stored{stage=extract}`:                         0,
		`arsflow_review_backlog`:                                             3,
		`arsflow_state_up{source=postgres}`:                                  1,
		`arsflow_state_up{source=nats}`:                                      1,
	}
	for k, v := range want {
		got, ok := m[k]
		if !ok {
			t.Errorf("%s missing from /metrics", k)
			continue
		}
		if got != v {
			t.Errorf("%s = %v, want %v", k, got, v)
		}
	}
	for k, v := range m {
		if (strings.HasPrefix(k, "arsflow_failures_total") || strings.HasPrefix(k, "arsflow_dead_letters_total")) && v != 0 {
			t.Errorf("%s = %v after a clean batch", k, v)
		}
	}
	if age := m["arsflow_review_backlog_oldest_seconds"]; age <= 0 {
		t.Errorf("arsflow_review_backlog_oldest_seconds = %v, want the age of the oldest pending case", age)
	}
	if n, ok := m["arsflow_model_tokens_total{backend=rules,direction=in}"]; !ok || n != 0 {
		t.Errorf("rule-based tokens in = %v (present %v), want 0", n, ok)
	}

	// Every metric the sample Grafana dashboard charts is one arsflow serves.
	dash, err := os.ReadFile("grafana/arsflow-dashboard.json")
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(dash) {
		t.Fatal("the Grafana dashboard is not JSON")
	}
	served := map[string]bool{}
	for k := range m {
		name, _, _ := strings.Cut(k, "{")
		served[name] = true
	}
	for _, name := range reMetric.FindAllString(string(dash), -1) {
		base := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(name, "_bucket"), "_sum"), "_count")
		if !served[base] {
			t.Errorf("the dashboard charts %s, which /metrics does not serve", name)
		}
	}

	for _, path := range []string{"/healthz", "/readyz"} {
		resp, err := http.Get(ta.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %s: %s", path, resp.Status, body)
		}
		if path == "/readyz" {
			var r struct {
				Ready  bool              `json:"ready"`
				Checks map[string]string `json:"checks"`
			}
			if err := json.Unmarshal(body, &r); err != nil || !r.Ready {
				t.Errorf("/readyz = %s", body)
			}
			for _, c := range []string{"postgres", "nats", "stream", "jetstream_storage"} {
				if r.Checks[c] != "ok" {
					t.Errorf("/readyz check %s = %q", c, r.Checks[c])
				}
			}
		}
	}
}
