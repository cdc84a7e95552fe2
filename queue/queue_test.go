package queue_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/nats-io/nats.go/jetstream"

	"arsflow/queue"
	"arsflow/queue/database"
	"arsflow/queue/database/dbtest"
)

// fakeStage is a handler whose behaviour each test sets.
type fakeStage struct {
	mu         sync.Mutex
	process    func(env queue.Envelope, n int) error
	processCtx func(ctx context.Context, env queue.Envelope, n int) error // used instead of process when set
	calls      map[int64]int
	commits    map[int64]int
	failures   map[int64]string
}

func newFakeStage(process func(env queue.Envelope, n int) error) *fakeStage {
	return &fakeStage{process: process, calls: map[int64]int{}, commits: map[int64]int{}, failures: map[int64]string{}}
}

func (f *fakeStage) Process(ctx context.Context, env queue.Envelope) (queue.Commit, error) {
	f.mu.Lock()
	f.calls[env.DocumentID]++
	n := f.calls[env.DocumentID]
	f.mu.Unlock()
	var err error
	if f.processCtx != nil {
		err = f.processCtx(ctx, env, n)
	} else {
		err = f.process(env, n)
	}
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context, tx pgx.Tx) error {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.commits[env.DocumentID]++
		return nil
	}, nil
}

func (f *fakeStage) Failed(ctx context.Context, tx pgx.Tx, env queue.Envelope, reason string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failures[env.DocumentID] = reason
	return nil
}

func (f *fakeStage) get(m map[int64]int, id int64) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return m[id]
}

type harness struct {
	db   *database.DB
	js   jetstream.JetStream
	cons jetstream.Consumer
	cfg  queue.Config
	log  *slog.Logger
}

func newHarness(t *testing.T) *harness { return newHarnessWith(t, nil) }

// newHarnessWith is newHarness with a change to the queue configuration.
func newHarnessWith(t *testing.T, change func(*queue.Config)) *harness {
	t.Helper()
	db := dbtest.New(t)
	ns, err := queue.StartServer(queue.ServerConfig{StoreDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(ns.Shutdown)
	nc, err := queue.ConnectInProcess(ns, "test", queue.Auth{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	cfg := queue.DefaultConfig()
	cfg.MaxDeliver = 3
	cfg.AckWait = 5 * time.Second
	cfg.Backoff = []time.Duration{50 * time.Millisecond}
	if change != nil {
		change(&cfg)
	}
	ctx := context.Background()
	st, err := queue.Setup(ctx, js, cfg)
	if err != nil {
		t.Fatal(err)
	}
	cons, err := st.Consumer(ctx, queue.StageExtract)
	if err != nil {
		t.Fatal(err)
	}
	return &harness{db: db, js: js, cons: cons, cfg: cfg, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

func (h *harness) enqueue(t *testing.T, docID int64, attempt int) {
	t.Helper()
	err := h.db.Transact(context.Background(), func(tx pgx.Tx) error {
		return queue.Enqueue(context.Background(), tx, queue.Envelope{Stage: queue.StageExtract, BatchID: 1, DocumentID: docID, Attempt: attempt})
	})
	if err != nil {
		t.Fatal(err)
	}
}

// run starts a relay and a worker until the returned stop is called.
func (h *harness) run(t *testing.T, stage queue.Handler, grace time.Duration) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	relay := &queue.Relay{DB: h.db, JS: h.js, Log: h.log, Interval: 20 * time.Millisecond}
	w := &queue.Worker{DB: h.db, Consumer: h.cons, Stage: queue.StageExtract, Handler: stage, Config: h.cfg, Concurrency: 2, Grace: grace, Log: h.log}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); _ = relay.Run(ctx) }()
	go func() { defer wg.Done(); _ = w.Run(ctx) }()
	var once sync.Once
	stop = func() { once.Do(func() { cancel(); wg.Wait() }) }
	t.Cleanup(stop) // a failed test still releases its database connections
	return stop
}

func (h *harness) status(t *testing.T, docID int64) (status string, deliveries int, lastErr string) {
	t.Helper()
	var le *string
	err := h.db.Pool.QueryRow(context.Background(), `SELECT status, deliveries, last_error FROM work_items
		WHERE stage = 'extract' AND item_key = $1`, fmt.Sprintf("document:%d", docID)).Scan(&status, &deliveries, &le)
	if err != nil {
		t.Fatal(err)
	}
	if le != nil {
		lastErr = *le
	}
	return status, deliveries, lastErr
}

// waitFor polls cond for up to 20 seconds (a bound, not a timing assertion).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

func TestWorkerOutcomes(t *testing.T) {
	errBroken := errors.New("broken pdf")
	tests := []struct {
		name           string
		process        func(env queue.Envelope, n int) error
		wantStatus     string
		wantCalls      int
		wantCommits    int
		wantDeadLetter bool
		wantReason     string
	}{
		{"success on first delivery", func(queue.Envelope, int) error { return nil }, "done", 1, 1, false, ""},
		{"transient fault then success", func(_ queue.Envelope, n int) error {
			if n < 2 {
				return errors.New("database busy")
			}
			return nil
		}, "done", 2, 1, false, ""},
		{"poison is terminated at once", func(queue.Envelope, int) error {
			return queue.Fail("Filen är skadad", fmt.Errorf("%w: %w", queue.ErrPoison, errBroken))
		}, "failed", 1, 0, true, "Filen är skadad"},
		{"transient until max deliveries", func(queue.Envelope, int) error { return errors.New("always down") }, "failed", 3, 0, true,
			"Tekniskt fel vid behandlingen; försöken är uttömda"},
		{"panic is contained and retried", func(_ queue.Envelope, n int) error {
			if n == 1 {
				panic("parser exploded")
			}
			return nil
		}, "done", 2, 1, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			stage := newFakeStage(tt.process)
			h.enqueue(t, 7, 1)
			stop := h.run(t, stage, time.Second)
			waitFor(t, "a final status", func() bool {
				s, _, _ := h.status(t, 7)
				return s == "done" || s == "failed"
			})
			stop()
			status, deliveries, lastErr := h.status(t, 7)
			if status != tt.wantStatus {
				t.Errorf("status = %q, want %q", status, tt.wantStatus)
			}
			if got := stage.get(stage.calls, 7); got != tt.wantCalls {
				t.Errorf("Process calls = %d, want %d", got, tt.wantCalls)
			}
			if deliveries != tt.wantCalls {
				t.Errorf("deliveries counted = %d, want %d", deliveries, tt.wantCalls)
			}
			if got := stage.get(stage.commits, 7); got != tt.wantCommits {
				t.Errorf("commits = %d, want %d", got, tt.wantCommits)
			}
			var dl int
			_ = h.db.Pool.QueryRow(context.Background(), `SELECT count(*) FROM dead_letters`).Scan(&dl)
			if (dl == 1) != tt.wantDeadLetter || dl > 1 {
				t.Errorf("dead letters = %d, want dead letter %v", dl, tt.wantDeadLetter)
			}
			if tt.wantDeadLetter {
				if lastErr != tt.wantReason || stage.failures[7] != tt.wantReason {
					t.Errorf("reason = %q / Failed(%q), want %q", lastErr, stage.failures[7], tt.wantReason)
				}
			}
		})
	}
}

func TestDuplicatesDroppedAndRerunsKept(t *testing.T) {
	h := newHarness(t)
	stage := newFakeStage(func(queue.Envelope, int) error { return nil })
	h.enqueue(t, 1, 1)
	h.enqueue(t, 1, 1) // the same message again: same id, dropped by JetStream
	h.enqueue(t, 2, 1)
	stop := h.run(t, stage, time.Second)
	waitFor(t, "both documents done", func() bool {
		a, _, _ := h.status(t, 1)
		b, _, _ := h.status(t, 2)
		return a == "done" && b == "done"
	})
	// An administrator's re-run has a new attempt and is processed again.
	h.enqueue(t, 1, 2)
	waitFor(t, "re-run done", func() bool {
		a, _, _ := h.status(t, 1)
		return a == "done" && stage.get(stage.commits, 1) == 2
	})
	stop()
	if got := stage.get(stage.commits, 1); got != 2 {
		t.Errorf("document 1 committed %d times, want 2 (one run, one re-run)", got)
	}
	if got := stage.get(stage.commits, 2); got != 1 {
		t.Errorf("document 2 committed %d times, want 1", got)
	}
}

func TestStoppedMidDocumentIsFinishedOnceByNextWorker(t *testing.T) {
	h := newHarness(t)
	var started atomic.Bool
	release := make(chan struct{})
	slow := newFakeStage(func(env queue.Envelope, n int) error {
		if n == 1 {
			started.Store(true)
			<-release // stuck in the middle of the document until the worker is stopped
			return context.Canceled
		}
		return nil
	})
	h.enqueue(t, 9, 1)
	stop := h.run(t, slow, 10*time.Millisecond)
	waitFor(t, "processing started", started.Load)
	go func() { time.Sleep(50 * time.Millisecond); close(release) }()
	stop() // the worker shuts down mid-document; its message is naked

	stop = h.run(t, slow, time.Second) // a new worker process takes over
	waitFor(t, "done after restart", func() bool { s, _, _ := h.status(t, 9); return s == "done" })
	stop()
	if got := slow.get(slow.commits, 9); got != 1 {
		t.Errorf("committed %d times, want exactly 1", got)
	}
}

func TestDecodeRejectsBadEnvelopes(t *testing.T) {
	tests := []struct {
		name string
		data string
	}{
		{"not json", "%PDF-1.7"},
		{"unknown version", `{"v":99,"stage":"extract","document_id":1}`},
		{"unknown stage", `{"v":1,"stage":"publish","case_id":1}`},
		{"extract without document", `{"v":1,"stage":"extract"}`},
		{"summarize without case", `{"v":1,"stage":"summarize","document_id":3}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := queue.Decode([]byte(tt.data)); !errors.Is(err, queue.ErrPoison) {
				t.Errorf("Decode(%s) error = %v, want ErrPoison", tt.data, err)
			}
		})
	}
}

func TestStaleItemIsPublishedAgain(t *testing.T) {
	h := newHarness(t)
	stage := newFakeStage(func(queue.Envelope, int) error { return nil })
	h.enqueue(t, 5, 1)
	ctx := context.Background()
	relay := &queue.Relay{DB: h.db, JS: h.js, Log: h.log}
	if _, err := relay.PublishPending(ctx, 10); err != nil {
		t.Fatal(err)
	}
	// The message is lost (as when it exhausted its deliveries while the
	// database was down): purge it from the stream.
	st, err := h.js.Stream(ctx, queue.StreamName)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Purge(ctx); err != nil {
		t.Fatal(err)
	}
	if n, err := relay.RequeueStale(ctx, time.Hour); err != nil || n != 0 {
		t.Fatalf("RequeueStale of a fresh item = %d, %v; want 0", n, err)
	}
	if _, err := h.db.Pool.Exec(ctx, `UPDATE work_items SET updated_at = now() - interval '2 hours'`); err != nil {
		t.Fatal(err)
	}
	n, err := relay.RequeueStale(ctx, time.Hour)
	if err != nil || n != 1 {
		t.Fatalf("RequeueStale = %d, %v; want 1", n, err)
	}
	stop := h.run(t, stage, time.Second)
	waitFor(t, "the stale item done", func() bool { s, _, _ := h.status(t, 5); return s == "done" })
	stop()
	if got := stage.get(stage.commits, 5); got != 1 {
		t.Errorf("committed %d times, want 1", got)
	}
}

// settled reports whether the consumer has nothing pending or unacked.
func (h *harness) settled(t *testing.T) bool {
	info, err := h.cons.Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return info.NumPending == 0 && info.NumAckPending == 0
}

func TestShutdownDuringLastDeliveryIsRequeued(t *testing.T) {
	h := newHarness(t) // MaxDeliver 3
	var started atomic.Bool
	stage := newFakeStage(func(env queue.Envelope, n int) error {
		switch {
		case n < 3:
			return errors.New("database busy")
		case n == 3:
			started.Store(true)
			time.Sleep(200 * time.Millisecond) // still working when the shutdown's grace runs out
			return context.Canceled
		}
		return nil
	})
	h.enqueue(t, 5, 1)
	stop := h.run(t, stage, 10*time.Millisecond)
	waitFor(t, "the last delivery started", started.Load)
	stop() // SIGTERM while the last allowed delivery runs

	stop = h.run(t, stage, time.Second) // the restarted process
	waitFor(t, "the item done after restart", func() bool { s, _, _ := h.status(t, 5); return s == "done" })
	stop()
	var dl int
	_ = h.db.Pool.QueryRow(context.Background(), `SELECT count(*) FROM dead_letters`).Scan(&dl)
	if dl != 0 {
		t.Errorf("%d dead letters for an item that only met a shutdown", dl)
	}
	if got := stage.get(stage.commits, 5); got != 1 {
		t.Errorf("committed %d times, want 1", got)
	}
}

func TestObsoleteDeliveryDoesNotCommit(t *testing.T) {
	h := newHarness(t)
	release := make(chan struct{})
	var firstStarted atomic.Bool
	stage := newFakeStage(func(env queue.Envelope, n int) error {
		if env.Attempt == 1 {
			firstStarted.Store(true)
			<-release // the slow, older run (say, a slow model call)
		}
		return nil
	})
	h.enqueue(t, 3, 1)
	stop := h.run(t, stage, time.Second)
	waitFor(t, "attempt 1 running", firstStarted.Load)
	h.enqueue(t, 3, 2) // a newer run of the same item
	waitFor(t, "attempt 2 done", func() bool { return stage.get(stage.commits, 3) == 1 })
	close(release)
	waitFor(t, "attempt 1 settled", func() bool { return stage.get(stage.calls, 3) == 2 && h.settled(t) })
	stop()
	if got := stage.get(stage.commits, 3); got != 1 {
		t.Errorf("commits = %d: the obsolete attempt committed after the newer one", got)
	}
}
