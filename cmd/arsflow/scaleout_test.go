package main

import (
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"arsflow/queue/database"
	"arsflow/queue/database/dbtest"
)

// testSize returns small unless ARSFLOW_FULL=1 asks for the full-size runs
// the README reports.
func testSize(small, full int) int {
	if on, _ := strconv.ParseBool(os.Getenv("ARSFLOW_FULL")); on {
		return full
	}
	return small
}

// cluster is arsflow spread over processes as on several machines: an
// external nats-server, `arsflow serve` for the web server, the relay and
// the review stage, three `arsflow worker extract` and two `arsflow worker
// summarize`, all on one PostgreSQL.
type cluster struct {
	db        *database.DB
	nats      *proc
	front     *proc
	extract   []*proc
	summarize []*proc
	token     string
}

func startCluster(t *testing.T, db *database.DB, env ...string) *cluster {
	t.Helper()
	c := &cluster{db: db}
	c.nats = natsServer(t, t.TempDir())
	c.nats.start()
	env = append([]string{
		"DATABASE_URL=" + db.Pool.Config().ConnString(),
		"NATS_URL=" + c.nats.natsURL(),
		"ARSFLOW_ADMIN_PASSWORD=kluster-prov-för-drift",
		"ARSFLOW_ACK_WAIT=2s",
		"ARSFLOW_EXTRACT_CONCURRENCY=1",
		"ARSFLOW_SUMMARIZE_CONCURRENCY=1",
		"ARSFLOW_SERVE_STAGES=review",
	}, env...)
	c.front = arsflowProc(t, "serve", env, "serve")
	c.front.start()
	for i := range 3 {
		c.extract = append(c.extract, arsflowProc(t, fmt.Sprintf("extract-%d", i+1), env, "worker", "extract"))
	}
	for i := range 2 {
		c.summarize = append(c.summarize, arsflowProc(t, fmt.Sprintf("summarize-%d", i+1), env, "worker", "summarize"))
	}
	for _, p := range c.workers() {
		p.start()
	}
	c.token = adminTokenFor(t, db)
	return c
}

func (c *cluster) workers() []*proc { return append(append([]*proc{}, c.extract...), c.summarize...) }

// idleWatch follows, scrape by scrape, how long each worker has had nothing
// to do while work waited in its stage.
type idleWatch struct {
	since   map[*proc]time.Time
	longest map[*proc]time.Duration
}

func (w *idleWatch) sample(t *testing.T, c *cluster) {
	front := scrape(t, c.front.url())
	now := time.Now()
	for stage, procs := range map[string][]*proc{"extract": c.extract, "summarize": c.summarize} {
		waiting := front["arsflow_queue_pending{stage="+stage+"}"] > 0
		for _, p := range procs {
			busy := scrape(t, p.url())["arsflow_stage_in_flight{stage="+stage+"}"] > 0
			if busy || !waiting {
				delete(w.since, p)
				continue
			}
			if _, ok := w.since[p]; !ok {
				w.since[p] = now
			}
			if d := now.Sub(w.since[p]); d > w.longest[p] {
				w.longest[p] = d
			}
		}
	}
}

// TestScaleOut runs three extract and two summarize workers as separate
// processes against an external nats-server: they share the work, no
// document or case is handled twice, and no worker stays idle while work
// waits in its stage. Full size (ARSFLOW_FULL=1): 200 cases of 20 pages.
func TestScaleOut(t *testing.T) {
	db := dbtest.New(t)
	cases := testSize(8, 200)
	pages := testSize(7, 20)
	sources := bulkCases(t, cases, pages)
	c := startCluster(t, db)

	start := time.Now()
	uploadTo(t, c.front.url(), c.token, sources)
	watch := &idleWatch{since: map[*proc]time.Time{}, longest: map[*proc]time.Duration{}}
	waitInReview(t, db, cases, 10*time.Minute, func() { watch.sample(t, c) })
	took := time.Since(start)
	time.Sleep(2500 * time.Millisecond) // past the ack wait: a duplicate delivery would show

	o := tally(t, db, cases, len(sources))
	t.Logf("scale-out: %s in %s", o, took.Round(time.Millisecond))
	o.check(t, db)
	for stage, procs := range map[string][]*proc{"extract": c.extract, "summarize": c.summarize} {
		total := 0.0
		for _, p := range procs {
			m := scrape(t, p.url())
			done := m["arsflow_stage_messages_total{outcome=done,stage="+stage+"}"]
			total += done
			t.Logf("  %s: %.0f done, %.0f handed on as busy or skipped, longest idle while work waited %s", p.name, done,
				m["arsflow_stage_messages_total{outcome=busy,stage="+stage+"}"]+m["arsflow_stage_messages_total{outcome=skipped,stage="+stage+"}"],
				watch.longest[p].Round(time.Millisecond))
			if done == 0 {
				t.Errorf("%s did no work", p.name)
			}
			if watch.longest[p] > 1500*time.Millisecond {
				t.Errorf("%s was idle for %s while work waited in its stage", p.name, watch.longest[p].Round(time.Millisecond))
			}
		}
		want := float64(len(sources))
		if stage == "summarize" {
			want = float64(cases)
		}
		if total != want {
			t.Errorf("%s workers completed %.0f items, want %.0f: each exactly once", stage, total, want)
		}
	}
}
