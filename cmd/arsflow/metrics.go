package main

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"arsflow/extract/casefile"
	"arsflow/extract/pdftext"
	"arsflow/queue"
	"arsflow/summarize"
)

// observability is one process's Prometheus registry: the queue's worker and
// relay metrics, what the stages report, the pipeline state read at each
// scrape, and the Go runtime and process collectors.
type observability struct {
	reg   *prometheus.Registry
	queue *queue.Metrics

	pages        *prometheus.CounterVec
	readTime     prometheus.Histogram
	summaries    *prometheus.CounterVec
	modelLatency *prometheus.HistogramVec
	tokens       *prometheus.CounterVec
}

func newObservability(a *app) *observability {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		queue.NewStateCollector(a.db, a.js))
	o := &observability{
		reg:   reg,
		queue: queue.NewMetrics(reg),
		pages: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "arsflow_pages_total",
			Help: "Pages read by this process's extract stage, by where their text came from (pdf, pdftotext, ocr, none).",
		}, []string{"source"}),
		readTime: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "arsflow_document_read_seconds",
			Help:    "Time to read one document: text layer, OCR and fields.",
			Buckets: []float64{.05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600},
		}),
		summaries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "arsflow_summaries_total",
			Help: "Summaries made by this process, by backend, whether the rule-based fallback stood in, and whether it came from the cache.",
		}, []string{"backend", "fallback", "cached"}),
		modelLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "arsflow_model_latency_seconds",
			Help:    "Time a backend took to write a summary (not counting cached ones).",
			Buckets: []float64{.01, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 120, 300},
		}, []string{"backend"}),
		tokens: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "arsflow_model_tokens_total",
			Help: "Language-model tokens used, by backend and direction (in, out).",
		}, []string{"backend", "direction"}),
	}
	reg.MustRegister(o.pages, o.readTime, o.summaries, o.modelLatency, o.tokens)
	for _, reason := range documentFailures {
		o.queue.KnownFailures(queue.StageExtract, reason)
	}
	o.queue.KnownFailures(queue.StageExtract, docUnreadable)
	return o
}

// documentFailures names, for the failures metric, why a document could not
// be read; its Swedish reason is what the document shows.
var documentFailures = map[string]string{
	pdftext.ErrNotPDF.Reason():    "not_pdf",
	pdftext.ErrEncrypted.Reason(): "encrypted",
	pdftext.ErrDamaged.Reason():   "damaged",
	pdftext.ErrTimeout.Reason():   "timeout",
	pdftext.ErrCrashed.Reason():   "crashed",
	pdftext.ErrNoText.Reason():    "no_text",
}

// docUnreadable is the failure reason of a document that failed otherwise.
const docUnreadable = "unreadable"

// DocumentRead implements worker.Observer.
func (o *observability) DocumentRead(doc *casefile.Document, took time.Duration) {
	for _, s := range doc.TextSource {
		o.pages.WithLabelValues(string(s)).Inc()
	}
	o.readTime.Observe(took.Seconds())
	if doc.Error != "" {
		reason, ok := documentFailures[doc.Error]
		if !ok {
			reason = docUnreadable
		}
		o.queue.Failed(queue.StageExtract, reason)
	}
}

// Summarized implements summarize.Observer.
func (o *observability) Summarized(sum *summarize.Summary) {
	o.summaries.WithLabelValues(sum.Backend, strconv.FormatBool(sum.Fallback), strconv.FormatBool(sum.Cached)).Inc()
	if sum.Cached {
		return
	}
	o.modelLatency.WithLabelValues(sum.Backend).Observe(sum.Latency.Seconds())
	o.tokens.WithLabelValues(sum.Backend, "in").Add(float64(sum.TokensIn))
	o.tokens.WithLabelValues(sum.Backend, "out").Add(float64(sum.TokensOut))
}

// opsRoutes serves /metrics, /healthz (the process answers) and /readyz
// (PostgreSQL, NATS and the stream and its consumers are reachable).
func (a *app) opsRoutes(mux *http.ServeMux) {
	mux.Handle("GET /metrics", promhttp.HandlerFor(a.obs.reg, promhttp.HandlerOpts{}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		checks, ok := a.ready(r.Context())
		status := http.StatusOK
		if !ok {
			status = http.StatusServiceUnavailable
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(map[string]any{"ready": ok, "checks": checks})
	})
}

// ready checks what this process needs: PostgreSQL, the NATS connection,
// the stream and every stage's consumer, and the embedded server's storage.
// Each check says "ok" or, in Swedish, what is wrong.
func (a *app) ready(ctx context.Context) (map[string]string, bool) {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	checks := map[string]string{"postgres": "ok", "nats": "ok", "stream": "ok"}
	ok := true
	if err := a.db.Pool.Ping(ctx); err != nil {
		checks["postgres"], ok = "PostgreSQL svarar inte", false
	}
	if !a.nc.IsConnected() {
		checks["nats"], ok = "ingen förbindelse med NATS", false
	}
	if _, err := a.js.Stream(ctx, queue.StreamName); err != nil {
		checks["stream"], ok = "JetStream-strömmen "+queue.StreamName+" går inte att nå", false
	} else {
		for _, stage := range allStages {
			if _, err := a.js.Consumer(ctx, queue.StreamName, stage); err != nil {
				checks["stream"], ok = "konsumenten "+stage+" går inte att nå", false
			}
		}
	}
	if a.guard != nil {
		checks["jetstream_storage"] = "ok"
		if p := a.guard.Problem(); p != "" {
			checks["jetstream_storage"], ok = p, false
		}
	}
	return checks, ok
}
