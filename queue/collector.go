package queue

import (
	"context"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"arsflow/queue/database"
)

// StateCollector reports, at each scrape, the pipeline's state as the
// database and JetStream hold it: queue depth per stage, work items by
// status, the unpublished outbox, stored dead letters and the review
// backlog with its age. Every process that serves /metrics reports the same
// figures; aggregate them with max, not sum. It only reads.
type StateCollector struct {
	db      *database.DB
	js      jetstream.JetStream
	timeout time.Duration

	up, pending, unacked, workItems, outbox, deadLetters, backlog, backlogAge *prometheus.Desc
}

// NewStateCollector returns the collector; register it with a registry.
func NewStateCollector(db *database.DB, js jetstream.JetStream) *StateCollector {
	return &StateCollector{
		db: db, js: js, timeout: 5 * time.Second,
		up: prometheus.NewDesc("arsflow_state_up",
			"Whether the last scrape could read the state from source (postgres, nats).", []string{"source"}, nil),
		pending: prometheus.NewDesc("arsflow_queue_pending",
			"Messages waiting in a stage's consumer, not yet delivered.", []string{"stage"}, nil),
		unacked: prometheus.NewDesc("arsflow_queue_unacked",
			"Messages delivered to a stage's workers and not yet acknowledged.", []string{"stage"}, nil),
		workItems: prometheus.NewDesc("arsflow_work_items",
			"Work items by stage and status (queued, running, done, failed).", []string{"stage", "status"}, nil),
		outbox: prometheus.NewDesc("arsflow_outbox_unpublished",
			"Outbox messages not yet published to JetStream.", nil, nil),
		deadLetters: prometheus.NewDesc("arsflow_dead_letters_stored",
			"Dead letters kept in the database.", []string{"stage"}, nil),
		backlog: prometheus.NewDesc("arsflow_review_backlog",
			"Cases waiting for a handläggare's decision.", nil, nil),
		backlogAge: prometheus.NewDesc("arsflow_review_backlog_oldest_seconds",
			"How long the oldest case has waited for a decision.", nil, nil),
	}
}

// Describe implements prometheus.Collector.
func (c *StateCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.up, c.pending, c.unacked, c.workItems, c.outbox, c.deadLetters, c.backlog, c.backlogAge} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c *StateCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()
	ch <- prometheus.MustNewConstMetric(c.up, prometheus.GaugeValue, boolValue(c.collectNATS(ctx, ch)), "nats")
	ch <- prometheus.MustNewConstMetric(c.up, prometheus.GaugeValue, boolValue(c.collectDB(ctx, ch)), "postgres")
}

func (c *StateCollector) collectNATS(ctx context.Context, ch chan<- prometheus.Metric) bool {
	for _, stage := range []string{StageExtract, StageSummarize, StageReview} {
		cons, err := c.js.Consumer(ctx, StreamName, stage)
		if err != nil {
			return false
		}
		info, err := cons.Info(ctx)
		if err != nil {
			return false
		}
		ch <- prometheus.MustNewConstMetric(c.pending, prometheus.GaugeValue, float64(info.NumPending), stage)
		ch <- prometheus.MustNewConstMetric(c.unacked, prometheus.GaugeValue, float64(info.NumAckPending), stage)
	}
	return true
}

func (c *StateCollector) collectDB(ctx context.Context, ch chan<- prometheus.Metric) bool {
	rows, err := c.db.Pool.Query(ctx, `SELECT stage, status, count(*) FROM work_items GROUP BY stage, status`)
	if err != nil {
		return false
	}
	seen := map[[2]string]bool{}
	for rows.Next() {
		var stage, status string
		var n int64
		if err := rows.Scan(&stage, &status, &n); err != nil {
			rows.Close()
			return false
		}
		seen[[2]string{stage, status}] = true
		ch <- prometheus.MustNewConstMetric(c.workItems, prometheus.GaugeValue, float64(n), stage, status)
	}
	rows.Close()
	if rows.Err() != nil {
		return false
	}
	for _, stage := range []string{StageExtract, StageSummarize, StageReview} {
		for _, status := range []string{"queued", "running", "done", "failed"} {
			if !seen[[2]string{stage, status}] {
				ch <- prometheus.MustNewConstMetric(c.workItems, prometheus.GaugeValue, 0, stage, status)
			}
		}
	}
	var outbox, backlog int64
	var oldest float64
	if err := c.db.Pool.QueryRow(ctx, `SELECT
			(SELECT count(*) FROM outbox WHERE published_at IS NULL),
			(SELECT count(*) FROM review_items WHERE status = 'pending'),
			COALESCE((SELECT extract(epoch FROM now() - min(entered_at)) FROM review_items WHERE status = 'pending'), 0)`).
		Scan(&outbox, &backlog, &oldest); err != nil {
		return false
	}
	ch <- prometheus.MustNewConstMetric(c.outbox, prometheus.GaugeValue, float64(outbox))
	ch <- prometheus.MustNewConstMetric(c.backlog, prometheus.GaugeValue, float64(backlog))
	ch <- prometheus.MustNewConstMetric(c.backlogAge, prometheus.GaugeValue, oldest)
	rows, err = c.db.Pool.Query(ctx, `SELECT stage, count(*) FROM dead_letters GROUP BY stage`)
	if err != nil {
		return false
	}
	dl := map[string]int64{}
	for rows.Next() {
		var stage string
		var n int64
		if err := rows.Scan(&stage, &n); err != nil {
			rows.Close()
			return false
		}
		dl[stage] = n
	}
	rows.Close()
	for _, stage := range []string{StageExtract, StageSummarize, StageReview} {
		ch <- prometheus.MustNewConstMetric(c.deadLetters, prometheus.GaugeValue, float64(dl[stage]), stage)
	}
	return rows.Err() == nil
}

func boolValue(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
