package queue

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Outcomes of a delivery, the "outcome" label of arsflow_stage_messages_total.
const (
	OutcomeDone       = "done"        // committed and acked
	OutcomeSkipped    = "skipped"     // already handled, or a newer run exists
	OutcomeBusy       = "busy"        // the item runs under another delivery; this one stops
	OutcomeObsolete   = "obsolete"    // finished, but the item was no longer this delivery's
	OutcomeRetry      = "retry"       // transient fault; redelivered later
	OutcomeDeadLetter = "dead_letter" // given up: kept as a dead letter, item failed
	OutcomeHandedBack = "handed_back" // this process shut down mid-item
)

// Failure reasons, the "reason" label of arsflow_failures_total for work
// items. Stages add their own (extract: why a document could not be read).
const (
	ReasonPoison    = "poison"            // can never succeed
	ReasonExhausted = "retries_exhausted" // transient faults until the last delivery
	ReasonRefused   = "database_refused"  // the database refused the content
)

// Metrics counts what one process's workers and relay do. A nil *Metrics
// counts nothing.
type Metrics struct {
	messages     *prometheus.CounterVec
	duration     *prometheus.HistogramVec
	redeliveries *prometheus.CounterVec
	failures     *prometheus.CounterVec
	deadLetters  *prometheus.CounterVec
	inFlight     *prometheus.GaugeVec
	published    prometheus.Counter
	republished  prometheus.Counter
}

// NewMetrics registers the pipeline's metrics with reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		messages: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "arsflow_stage_messages_total",
			Help: "Deliveries handled by this process's stage workers, by outcome.",
		}, []string{"stage", "outcome"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "arsflow_stage_duration_seconds",
			Help:    "Time from a delivery's start to its commit, for deliveries that completed their item.",
			Buckets: []float64{.01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600},
		}, []string{"stage"}),
		redeliveries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "arsflow_stage_redeliveries_total",
			Help: "Deliveries that were not a message's first.",
		}, []string{"stage"}),
		failures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "arsflow_failures_total",
			Help: "Items that failed for good, and documents that could not be read, by reason.",
		}, []string{"stage", "reason"}),
		deadLetters: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "arsflow_dead_letters_total",
			Help: "Messages kept as dead letters by this process.",
		}, []string{"stage"}),
		inFlight: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "arsflow_stage_in_flight",
			Help: "Items this process is working on now.",
		}, []string{"stage"}),
		published: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "arsflow_outbox_published_total",
			Help: "Outbox messages published to JetStream by this process's relay.",
		}),
		republished: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "arsflow_reconciler_republished_total",
			Help: "Items whose message was lost and that the reconciler published again.",
		}),
	}
	reg.MustRegister(m.messages, m.duration, m.redeliveries, m.failures, m.deadLetters, m.inFlight, m.published, m.republished)
	// Known series start at zero, so that rates and alerts see them from the start.
	for _, stage := range []string{StageExtract, StageSummarize, StageReview} {
		m.redeliveries.WithLabelValues(stage)
		m.deadLetters.WithLabelValues(stage)
		m.inFlight.WithLabelValues(stage)
		m.KnownFailures(stage, ReasonPoison, ReasonExhausted, ReasonRefused)
	}
	return m
}

func (m *Metrics) outcome(stage, outcome string) {
	if m != nil {
		m.messages.WithLabelValues(stage, outcome).Inc()
	}
}

func (m *Metrics) done(stage string, took time.Duration) {
	if m != nil {
		m.messages.WithLabelValues(stage, OutcomeDone).Inc()
		m.duration.WithLabelValues(stage).Observe(took.Seconds())
	}
}

func (m *Metrics) delivered(stage string, deliveries int) {
	if m != nil && deliveries > 1 {
		m.redeliveries.WithLabelValues(stage).Inc()
	}
}

// Failed counts an item or document of stage that failed for reason (a
// short code, never free text).
func (m *Metrics) Failed(stage, reason string) {
	if m != nil {
		m.failures.WithLabelValues(stage, reason).Inc()
	}
}

// KnownFailures makes the failure series of stage's reasons start at zero.
func (m *Metrics) KnownFailures(stage string, reasons ...string) {
	if m != nil {
		for _, r := range reasons {
			m.failures.WithLabelValues(stage, r)
		}
	}
}

func (m *Metrics) deadLettered(stage string) {
	if m != nil {
		m.deadLetters.WithLabelValues(stage).Inc()
	}
}

func (m *Metrics) running(stage string, delta float64) {
	if m != nil {
		m.inFlight.WithLabelValues(stage).Add(delta)
	}
}

func (m *Metrics) publishedN(n int) {
	if m != nil {
		m.published.Add(float64(n))
	}
}

func (m *Metrics) republishedN(n int) {
	if m != nil {
		m.republished.Add(float64(n))
	}
}
