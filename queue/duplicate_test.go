package queue_test

import (
	"context"
	"encoding/json"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"arsflow/queue"
)

// shortAckWait makes heartbeats come every 200 ms.
func shortAckWait(c *queue.Config) { c.AckWait = 600 * time.Millisecond }

// publishCopy publishes a second copy of document docID's message, as a
// reconciler or an operator might, under a de-duplication id of its own.
func (h *harness) publishCopy(t *testing.T, docID int64, attempt int) {
	t.Helper()
	env := queue.Envelope{Version: queue.EnvelopeVersion, Stage: queue.StageExtract, BatchID: 1, DocumentID: docID, Attempt: attempt}
	data, err := json.Marshal(env)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.js.Publish(context.Background(), queue.Subject(queue.StageExtract), data, jetstream.WithMsgID(env.MsgID()+":copy")); err != nil {
		t.Fatal(err)
	}
}

// atOnce records how many runs were in progress at once, at most.
type atOnce struct{ running, most atomic.Int32 }

// enter records a run's start and returns the function that records its end.
func (a *atOnce) enter() func() {
	if n := a.running.Add(1); n > a.most.Load() {
		a.most.Store(n)
	}
	return func() { a.running.Add(-1) }
}

func (h *harness) requeuedCopies(t *testing.T) int {
	t.Helper()
	var n int
	if err := h.db.Pool.QueryRow(context.Background(), `SELECT count(*) FROM outbox WHERE msg_id LIKE '%:requeued:%'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestQueuedItemInLongQueueIsNotPublishedAgain(t *testing.T) {
	h := newHarness(t)
	h.enqueue(t, 4, 1)
	ctx := context.Background()
	relay := &queue.Relay{DB: h.db, JS: h.js, Log: h.log}
	if _, err := relay.PublishPending(ctx, 10); err != nil {
		t.Fatal(err)
	}
	// No worker takes it for hours: a long queue.
	if _, err := h.db.Pool.Exec(ctx, `UPDATE work_items SET updated_at = now() - interval '3 hours'`); err != nil {
		t.Fatal(err)
	}
	n, err := relay.RequeueStale(ctx, time.Hour)
	if err != nil || n != 0 {
		t.Fatalf("RequeueStale = %d, %v; want 0: the item's message is still in the stream", n, err)
	}
}

func TestLongRunningItemIsNotPublishedAgain(t *testing.T) {
	h := newHarnessWith(t, shortAckWait)
	var at atOnce
	stage := newFakeStage(func(queue.Envelope, int) error {
		defer at.enter()()
		time.Sleep(2 * time.Second) // a slow model call, ten times the reconciler's staleness
		return nil
	})
	h.enqueue(t, 6, 1)
	ctx, cancel := context.WithCancel(context.Background())
	relay := &queue.Relay{DB: h.db, JS: h.js, Log: h.log, Interval: 20 * time.Millisecond, StaleAfter: 200 * time.Millisecond}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); _ = relay.Run(ctx) }()
	t.Cleanup(func() { cancel(); wg.Wait() })
	stop := h.run(t, stage, time.Second)
	waitFor(t, "the slow item done", func() bool { s, _, _ := h.status(t, 6); return s == "done" })
	stop()
	if got := stage.get(stage.calls, 6); got != 1 || at.most.Load() != 1 {
		t.Errorf("Process ran %d times (at most %d at once), want once", got, at.most.Load())
	}
	if n := h.requeuedCopies(t); n != 0 {
		t.Errorf("the reconciler published a running item again %d times", n)
	}
}

func TestSecondDeliveryOfRunningItemStops(t *testing.T) {
	h := newHarnessWith(t, shortAckWait)
	release := make(chan struct{})
	var at atOnce
	stage := newFakeStage(func(queue.Envelope, int) error {
		defer at.enter()()
		<-release
		return nil
	})
	h.enqueue(t, 8, 1)
	stop := h.run(t, stage, time.Second) // two parallel loops: the copy reaches the second
	waitFor(t, "the first delivery running", func() bool { return stage.get(stage.calls, 8) == 1 })
	h.publishCopy(t, 8, 1)
	waitFor(t, "the copy settled", func() bool {
		info, err := h.cons.Info(context.Background())
		return err == nil && info.NumPending == 0 && info.NumAckPending == 1
	})
	close(release)
	waitFor(t, "the item done", func() bool { s, _, _ := h.status(t, 8); return s == "done" })
	stop()
	if got := stage.get(stage.calls, 8); got != 1 || at.most.Load() != 1 {
		t.Errorf("Process ran %d times (at most %d at once), want once", got, at.most.Load())
	}
	if got := stage.get(stage.commits, 8); got != 1 {
		t.Errorf("committed %d times, want 1", got)
	}
}

func TestStalledRunIsTakenOverAndStops(t *testing.T) {
	h := newHarnessWith(t, shortAckWait)
	firstStopped := make(chan struct{})
	stage := newFakeStage(nil)
	stage.processCtx = func(ctx context.Context, env queue.Envelope, n int) error {
		if n == 1 {
			<-ctx.Done() // a run that stalls; it must stop once another delivery took over
			close(firstStopped)
			return ctx.Err()
		}
		return nil
	}
	h.enqueue(t, 2, 1)
	stop := h.run(t, stage, time.Second)
	waitFor(t, "the first delivery running", func() bool { return stage.get(stage.calls, 2) == 1 })
	// Its worker stalls: no heartbeat for a long time (as if frozen).
	if _, err := h.db.Pool.Exec(context.Background(),
		`UPDATE work_items SET heartbeat_at = now() - interval '1 hour', owner = 'frozen' WHERE item_key = 'document:2'`); err != nil {
		t.Fatal(err)
	}
	h.publishCopy(t, 2, 1)
	waitFor(t, "the item done by the second delivery", func() bool { s, _, _ := h.status(t, 2); return s == "done" })
	select {
	case <-firstStopped:
	case <-time.After(20 * time.Second):
		t.Fatal("the stalled run was not stopped after another delivery took the item over")
	}
	stop()
	if got := stage.get(stage.commits, 2); got != 1 {
		t.Errorf("committed %d times, want 1", got)
	}
}
