package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/nats-io/nats.go/jetstream"

	"arsflow/queue/database"
)

// Commit records a stage's result. The worker runs it in the same transaction
// that marks the item done, and acks the message only after that commits.
type Commit func(ctx context.Context, tx pgx.Tx) error

// Handler is one stage's work.
type Handler interface {
	// Process does the work outside any transaction (it may be slow) and
	// returns the Commit that records the result. It must be safe to run
	// again for the same envelope: the side effects of Commit are idempotent
	// per item.
	Process(ctx context.Context, env Envelope) (Commit, error)
	// Failed records, inside the transaction that dead-letters the message,
	// that the item failed for good with reason (Swedish).
	Failed(ctx context.Context, tx pgx.Tx, env Envelope, reason string) error
}

// Worker consumes one stage's durable consumer.
type Worker struct {
	DB          *database.DB
	Consumer    jetstream.Consumer
	Stage       string
	Handler     Handler
	Config      Config
	Concurrency int           // parallel messages; default 1
	Grace       time.Duration // how long in-flight work may finish after Run's ctx ends; default 30s
	Log         *slog.Logger
}

// Run fetches and handles messages until ctx ends, then lets in-flight
// messages finish within the grace period.
func (w *Worker) Run(ctx context.Context) error {
	n := max(w.Concurrency, 1)
	grace := w.Grace
	if grace <= 0 {
		grace = 30 * time.Second
	}
	// Handlers get a context that outlives ctx by the grace period, so a
	// shutdown lets a document in progress finish instead of wasting it.
	hctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	stop := context.AfterFunc(ctx, func() { time.AfterFunc(grace, cancel) })
	defer stop()
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				batch, err := w.Consumer.Fetch(1, jetstream.FetchMaxWait(time.Second))
				if err != nil {
					if ctx.Err() == nil {
						w.Log.Warn("fetch", "stage", w.Stage, "error", err)
						sleep(ctx, time.Second)
					}
					continue
				}
				for msg := range batch.Messages() {
					if ctx.Err() != nil {
						_ = msg.NakWithDelay(time.Second) // arrived while shutting down
						continue
					}
					w.Handle(hctx, msg)
				}
			}
		}()
	}
	wg.Wait()
	return nil
}

// Handle processes one message and settles it: Ack after commit, NakWithDelay
// for transient faults, Term (with a dead letter) for poison messages and
// after the last allowed delivery.
func (w *Worker) Handle(ctx context.Context, msg jetstream.Msg) {
	deliveries := 1
	if md, err := msg.Metadata(); err == nil {
		deliveries = int(md.NumDelivered)
	}
	env, err := Decode(msg.Data())
	if err != nil {
		w.deadLetter(ctx, msg, env, deliveries, err, false)
		return
	}
	log := w.Log.With("stage", w.Stage, "msg_id", env.MsgID(), "batch_id", env.BatchID,
		"document_id", env.DocumentID, "case_id", env.CaseID, "delivery", deliveries)

	skip, err := w.begin(ctx, env, deliveries)
	if err != nil {
		log.Warn("mark running", "error", err)
		_ = msg.NakWithDelay(w.backoff(deliveries))
		return
	}
	if skip {
		log.Debug("obsolete or already handled; acking")
		_ = msg.Ack()
		return
	}

	start := time.Now()
	err = w.run(ctx, msg, env)
	if errors.Is(err, errObsolete) {
		log.Info("a newer run or a twin delivery finished first; result dropped")
		_ = msg.Ack()
		return
	}
	// Bookkeeping after a failure must happen even when the handler's context
	// was cancelled by a shutdown.
	bctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	if err != nil && ctx.Err() != nil {
		// Our own shutdown, not the item's fault.
		if deliveries >= w.maxDeliver() {
			// JetStream would not deliver it again: queue a fresh copy.
			if rerr := requeue(bctx, w.DB, env); rerr != nil {
				log.Error("requeue at shutdown", "error", rerr) // the relay's stale check finds it later
			}
			_ = msg.TermWithReason("shutdown on last delivery; requeued")
			return
		}
		// A short delay, so that it goes to a live worker rather than to a
		// pull request of this process that is still open.
		log.Info("shutting down mid-item; handing it back")
		_ = msg.NakWithDelay(time.Second)
		return
	}
	if err == nil {
		if aerr := msg.Ack(); aerr != nil {
			log.Warn("ack", "error", aerr) // redelivery finds the item done and acks it
		}
		log.Info("done", "duration_ms", time.Since(start).Milliseconds())
		return
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && strings.HasPrefix(pgErr.Code, "22") {
		// A data exception (a character or value the database refuses)
		// fails the same way on every delivery.
		err = Fail("Innehållet kunde inte sparas: det innehåller tecken eller värden som databasen inte tar emot",
			fmt.Errorf("%w: %w", ErrPoison, err))
	}
	if errors.Is(err, ErrPoison) || deliveries >= w.maxDeliver() {
		log.Error("giving up", "error", err)
		w.deadLetter(bctx, msg, env, deliveries, err, true)
		return
	}
	log.Warn("transient fault; will retry", "error", err, "retry_in", w.backoff(deliveries).String())
	_, _ = w.DB.Pool.Exec(bctx, `UPDATE work_items SET status = 'queued', last_error = $4, updated_at = now()
		WHERE stage = $1 AND item_key = $2 AND msg_id = $3`, w.Stage, env.ItemKey(), env.MsgID(), Reason(err))
	_ = msg.NakWithDelay(w.backoff(deliveries))
}

// begin marks the item running and reports whether the message is obsolete
// (a newer run of the item was queued) or was already handled.
func (w *Worker) begin(ctx context.Context, env Envelope, deliveries int) (skip bool, err error) {
	var msgID, status string
	err = w.DB.Pool.QueryRow(ctx, `SELECT msg_id, status FROM work_items WHERE stage = $1 AND item_key = $2`,
		w.Stage, env.ItemKey()).Scan(&msgID, &status)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil // published without Enqueue: process it
	}
	if err != nil {
		return false, err
	}
	if msgID != env.MsgID() || status == "done" || status == "failed" {
		return true, nil
	}
	_, err = w.DB.Pool.Exec(ctx, `UPDATE work_items SET status = 'running', deliveries = $4, updated_at = now()
		WHERE stage = $1 AND item_key = $2 AND msg_id = $3`, w.Stage, env.ItemKey(), env.MsgID(), deliveries)
	return false, err
}

// run calls the handler, keeping the message alive while it works, and
// commits its result together with the done mark.
func (w *Worker) run(ctx context.Context, msg jetstream.Msg, env Envelope) (err error) {
	defer func() {
		if p := recover(); p != nil {
			w.Log.Error("handler panic", "stage", w.Stage, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			err = fmt.Errorf("panic in %s handler: %v", w.Stage, p)
		}
	}()
	every := w.Config.AckWait / 3
	if every <= 0 {
		every = 20 * time.Second
	}
	t := time.NewTicker(every)
	done := make(chan struct{})
	defer func() { close(done); t.Stop() }()
	go func() {
		for {
			select {
			case <-done:
				return
			case <-t.C:
				_ = msg.InProgress()
			}
		}
	}()
	commit, err := w.Handler.Process(ctx, env)
	if err != nil {
		return err
	}
	return w.DB.Transact(ctx, func(tx pgx.Tx) error {
		// Commit only while the item is running under this very envelope:
		// a newer run may have been queued meanwhile, or a twin delivery
		// may have finished first.
		var cur, status string
		err := tx.QueryRow(ctx, `SELECT msg_id, status FROM work_items WHERE stage = $1 AND item_key = $2 FOR UPDATE`,
			w.Stage, env.ItemKey()).Scan(&cur, &status)
		switch {
		case errors.Is(err, pgx.ErrNoRows): // published without Enqueue
		case err != nil:
			return err
		case cur != env.MsgID() || status != "running":
			return errObsolete
		}
		if commit != nil {
			if err := commit(ctx, tx); err != nil {
				return err
			}
		}
		_, err = tx.Exec(ctx, `UPDATE work_items SET status = 'done', last_error = NULL, updated_at = now()
			WHERE stage = $1 AND item_key = $2 AND msg_id = $3`, w.Stage, env.ItemKey(), env.MsgID())
		return err
	})
}

// deadLetter keeps the message, marks the item failed with its reason, lets
// the stage record the failure, and terminates the message.
func (w *Worker) deadLetter(ctx context.Context, msg jetstream.Msg, env Envelope, deliveries int, cause error, known bool) {
	reason := Reason(cause)
	payload := msg.Data()
	if !json.Valid(payload) {
		payload, _ = json.Marshal(string(payload))
	}
	msgID := msg.Headers().Get(jetstream.MsgIDHeader)
	err := w.DB.Transact(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO dead_letters (stage, subject, msg_id, payload, error, deliveries)
			VALUES ($1, $2, $3, $4, $5, $6)`, w.Stage, msg.Subject(), msgID, payload, cause.Error(), deliveries); err != nil {
			return err
		}
		if !known {
			return nil
		}
		if _, err := tx.Exec(ctx, `UPDATE work_items SET status = 'failed', last_error = $4, deliveries = $5, updated_at = now()
			WHERE stage = $1 AND item_key = $2 AND msg_id = $3`, w.Stage, env.ItemKey(), env.MsgID(), reason, deliveries); err != nil {
			return err
		}
		return w.Handler.Failed(ctx, tx, env, reason)
	})
	if err != nil {
		w.Log.Error("dead letter not recorded; the item is requeued later", "stage", w.Stage, "error", err)
		if deliveries < w.maxDeliver() {
			_ = msg.NakWithDelay(w.backoff(deliveries))
			return
		}
		// JetStream will not deliver it again; Relay.RequeueStale publishes
		// the item again once it has been stale long enough.
		_ = msg.Term()
		return
	}
	_ = msg.TermWithReason(reason)
}

func (w *Worker) maxDeliver() int {
	if w.Config.MaxDeliver <= 0 {
		return 5
	}
	return w.Config.MaxDeliver
}

func (w *Worker) backoff(deliveries int) time.Duration {
	b := w.Config.Backoff
	if len(b) == 0 {
		return time.Duration(deliveries) * time.Second
	}
	return b[min(deliveries, len(b))-1]
}

// errObsolete means a delivery's result was not committed because its item
// is no longer running under its envelope.
var errObsolete = errors.New("obsolete delivery")

// requeue queues a fresh copy of env with a de-duplication id of its own,
// leaving the item's identity (its envelope and message id) unchanged.
func requeue(ctx context.Context, db *database.DB, env Envelope) error {
	env.Version = EnvelopeVersion
	payload, err := json.Marshal(env)
	if err != nil {
		return err
	}
	return db.Transact(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO outbox (subject, msg_id, payload)
			VALUES ($1, $2 || ':requeued:' || txid_current(), $3)`, Subject(env.Stage), env.MsgID(), payload); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE work_items SET status = 'queued', updated_at = now()
			WHERE stage = $1 AND item_key = $2 AND msg_id = $3`, env.Stage, env.ItemKey(), env.MsgID())
		return err
	})
}

// Reason returns the Swedish reason for an error: a Failure's own, else a
// generic text (technical details stay in the logs).
func Reason(err error) string {
	var f *Failure
	if errors.As(err, &f) {
		return f.Reason
	}
	if errors.Is(err, ErrPoison) {
		return "Meddelandet kunde inte behandlas (ogiltigt innehåll)"
	}
	return "Tekniskt fel vid behandlingen; försöken är uttömda"
}
