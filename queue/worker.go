package queue

import (
	"context"
	"crypto/rand"
	"encoding/hex"
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
	Metrics     *Metrics // nil counts nothing
}

// Run fetches and handles messages until ctx ends, then lets in-flight
// messages finish within the grace period. Each of its Concurrency loops
// asks for one message at a time, so a worker never holds messages it is
// not working on while another worker waits idle.
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

// claim is what a delivery may do with its item.
type claim int

const (
	claimRun  claim = iota // this delivery owns the item now
	claimFree              // no work item (published without Enqueue): run without one
	claimSkip              // done, failed, or superseded by a newer run
	claimBusy              // running under another live delivery
)

// Handle processes one message and settles it: Ack after commit, NakWithDelay
// for transient faults, Term (with a dead letter) for poison messages and
// after the last allowed delivery. A delivery of an item that another
// delivery is running (its heartbeat is fresh) stops at once: the two never
// run side by side.
func (w *Worker) Handle(ctx context.Context, msg jetstream.Msg) {
	deliveries := 1
	if md, err := msg.Metadata(); err == nil {
		deliveries = int(md.NumDelivered)
	}
	w.Metrics.delivered(w.Stage, deliveries)
	env, err := Decode(msg.Data())
	if err != nil {
		w.deadLetter(ctx, msg, env, deliveries, err, false, "")
		return
	}
	log := w.Log.With("stage", w.Stage, "msg_id", env.MsgID(), "batch_id", env.BatchID,
		"document_id", env.DocumentID, "case_id", env.CaseID, "delivery", deliveries)

	owner := newOwner()
	c, err := w.claim(ctx, env, deliveries, owner)
	switch {
	case err != nil:
		log.Warn("mark running", "error", err)
		w.Metrics.outcome(w.Stage, OutcomeRetry)
		_ = msg.NakWithDelay(w.backoff(deliveries))
		return
	case c == claimSkip:
		log.Debug("obsolete or already handled; acking")
		w.Metrics.outcome(w.Stage, OutcomeSkipped)
		_ = msg.Ack()
		return
	case c == claimBusy:
		// The live delivery finishes the item; should it die, JetStream
		// redelivers its message, or the reconciler publishes the item again.
		log.Info("item is running under another delivery; this one stops")
		w.Metrics.outcome(w.Stage, OutcomeBusy)
		_ = msg.Ack()
		return
	case c == claimFree:
		owner = ""
	}

	w.Metrics.running(w.Stage, 1)
	defer w.Metrics.running(w.Stage, -1)
	start := time.Now()
	err = w.run(ctx, msg, env, owner)
	if errors.Is(err, errObsolete) {
		log.Info("a newer run or another delivery took the item over; result dropped")
		w.Metrics.outcome(w.Stage, OutcomeObsolete)
		_ = msg.Ack()
		return
	}
	// Bookkeeping after a failure must happen even when the handler's context
	// was cancelled by a shutdown.
	bctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	if err != nil && ctx.Err() != nil {
		// Our own shutdown, not the item's fault.
		w.Metrics.outcome(w.Stage, OutcomeHandedBack)
		if deliveries >= w.maxDeliver() {
			// JetStream would not deliver it again: queue a fresh copy.
			if rerr := requeue(bctx, w.DB, env, owner); rerr != nil {
				log.Error("requeue at shutdown", "error", rerr) // the reconciler finds it later
			}
			_ = msg.TermWithReason("shutdown on last delivery; requeued")
			return
		}
		// Released, and with a short delay, so that it goes to a live
		// worker rather than to a pull request of this process that is
		// still open.
		log.Info("shutting down mid-item; handing it back")
		w.release(bctx, env, owner, "")
		_ = msg.NakWithDelay(time.Second)
		return
	}
	if err == nil {
		if aerr := msg.Ack(); aerr != nil {
			log.Warn("ack", "error", aerr) // redelivery finds the item done and acks it
		}
		w.Metrics.done(w.Stage, time.Since(start))
		log.Info("done", "duration_ms", time.Since(start).Milliseconds())
		return
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && strings.HasPrefix(pgErr.Code, "22") {
		// A data exception (a character or value the database refuses)
		// fails the same way on every delivery.
		err = Fail("Innehållet kunde inte sparas: det innehåller tecken eller värden som databasen inte tar emot",
			fmt.Errorf("%w: %w: %w", ErrPoison, errRefused, err))
	}
	if errors.Is(err, ErrPoison) || deliveries >= w.maxDeliver() {
		log.Error("giving up", "error", err)
		w.deadLetter(bctx, msg, env, deliveries, err, true, owner)
		return
	}
	log.Warn("transient fault; will retry", "error", err, "retry_in", w.backoff(deliveries).String())
	w.Metrics.outcome(w.Stage, OutcomeRetry)
	w.release(bctx, env, owner, Reason(err))
	_ = msg.NakWithDelay(w.backoff(deliveries))
}

// claim makes this delivery the owner of its item, unless the item is
// finished, superseded, or running under another delivery whose heartbeat
// is fresh. A running item whose heartbeat is stale (its worker died) is
// taken over.
func (w *Worker) claim(ctx context.Context, env Envelope, deliveries int, owner string) (claim, error) {
	tag, err := w.DB.Pool.Exec(ctx, `
		UPDATE work_items SET status = 'running', owner = $4, heartbeat_at = now(), deliveries = $5, updated_at = now()
		WHERE stage = $1 AND item_key = $2 AND msg_id = $3
		  AND (status = 'queued' OR (status = 'running' AND (heartbeat_at IS NULL OR heartbeat_at < now() - $6::interval)))`,
		w.Stage, env.ItemKey(), env.MsgID(), owner, deliveries, w.takeoverAfter().String())
	if err != nil {
		return 0, err
	}
	if tag.RowsAffected() == 1 {
		return claimRun, nil
	}
	var msgID, status string
	err = w.DB.Pool.QueryRow(ctx, `SELECT msg_id, status FROM work_items WHERE stage = $1 AND item_key = $2`,
		w.Stage, env.ItemKey()).Scan(&msgID, &status)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return claimFree, nil
	case err != nil:
		return 0, err
	case msgID == env.MsgID() && status == "running":
		return claimBusy, nil
	}
	return claimSkip, nil
}

// release hands the item back (queued, no owner) after a transient fault or
// at shutdown, if this delivery still owns it.
func (w *Worker) release(ctx context.Context, env Envelope, owner, reason string) {
	if owner == "" {
		return
	}
	_, _ = w.DB.Pool.Exec(ctx, `UPDATE work_items SET status = 'queued', owner = NULL, last_error = NULLIF($5, ''), updated_at = now()
		WHERE stage = $1 AND item_key = $2 AND msg_id = $3 AND owner = $4`, w.Stage, env.ItemKey(), env.MsgID(), owner, reason)
}

// heartbeat returns how often a running delivery signals progress, to
// JetStream and in its work item.
func (w *Worker) heartbeat() time.Duration {
	if every := w.Config.AckWait / 3; every > 0 {
		return every
	}
	return 20 * time.Second
}

// takeoverAfter is how old a running item's heartbeat must be before another
// delivery takes the item over: two missed heartbeats. JetStream redelivers
// a message only after AckWait without progress, so by then its heartbeat
// is older than this.
func (w *Worker) takeoverAfter() time.Duration { return 2 * w.heartbeat() }

// run calls the handler, keeping the message and the item's heartbeat alive
// while it works, and commits its result together with the done mark. When
// another delivery took the item over, it stops the handler and returns
// errObsolete.
func (w *Worker) run(ctx context.Context, msg jetstream.Msg, env Envelope, owner string) (err error) {
	defer func() {
		if p := recover(); p != nil {
			w.Log.Error("handler panic", "stage", w.Stage, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			err = fmt.Errorf("panic in %s handler: %v", w.Stage, p)
		}
	}()
	hctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	t := time.NewTicker(w.heartbeat())
	done := make(chan struct{})
	defer func() { close(done); t.Stop() }()
	go func() {
		for {
			select {
			case <-done:
				return
			case <-t.C:
				_ = msg.InProgress()
				if owner != "" && !w.beat(hctx, env, owner) {
					cancel(errObsolete)
					return
				}
			}
		}
	}()
	commit, err := w.Handler.Process(hctx, env)
	if errors.Is(context.Cause(hctx), errObsolete) {
		return errObsolete
	}
	if err != nil {
		return err
	}
	return w.DB.Transact(ctx, func(tx pgx.Tx) error {
		// Commit only while this delivery owns the item under this very
		// envelope: a newer run may have been queued meanwhile, or another
		// delivery may have taken a stalled run over.
		var cur, status string
		var curOwner *string
		err := tx.QueryRow(ctx, `SELECT msg_id, status, owner FROM work_items WHERE stage = $1 AND item_key = $2 FOR UPDATE`,
			w.Stage, env.ItemKey()).Scan(&cur, &status, &curOwner)
		switch {
		case errors.Is(err, pgx.ErrNoRows): // published without Enqueue
		case err != nil:
			return err
		case cur != env.MsgID() || status != "running" || curOwner == nil || *curOwner != owner:
			return errObsolete
		}
		if commit != nil {
			if err := commit(ctx, tx); err != nil {
				return err
			}
		}
		_, err = tx.Exec(ctx, `UPDATE work_items SET status = 'done', last_error = NULL, owner = NULL, updated_at = now()
			WHERE stage = $1 AND item_key = $2 AND msg_id = $3`, w.Stage, env.ItemKey(), env.MsgID())
		return err
	})
}

// beat renews the item's heartbeat and reports whether this delivery still
// owns it. A database error is not a loss: the run goes on, and no other
// delivery can claim the item while the database is unreachable either.
func (w *Worker) beat(ctx context.Context, env Envelope, owner string) bool {
	tag, err := w.DB.Pool.Exec(ctx, `UPDATE work_items SET heartbeat_at = now()
		WHERE stage = $1 AND item_key = $2 AND msg_id = $3 AND owner = $4 AND status = 'running'`,
		w.Stage, env.ItemKey(), env.MsgID(), owner)
	if err != nil {
		return true
	}
	return tag.RowsAffected() == 1
}

// newOwner returns a random id for one delivery.
func newOwner() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// deadLetter keeps the message, marks the item failed with its reason when
// the envelope was valid (known) and owner (this delivery; "" for an item run
// without a work item) still holds it, lets the stage record the failure,
// and terminates the message.
func (w *Worker) deadLetter(ctx context.Context, msg jetstream.Msg, env Envelope, deliveries int, cause error, known bool, owner string) {
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
		if _, err := tx.Exec(ctx, `UPDATE work_items SET status = 'failed', last_error = $4, deliveries = $5, owner = NULL, updated_at = now()
			WHERE stage = $1 AND item_key = $2 AND msg_id = $3 AND (owner = $6 OR $6 = '')`,
			w.Stage, env.ItemKey(), env.MsgID(), reason, deliveries, owner); err != nil {
			return err
		}
		return w.Handler.Failed(ctx, tx, env, reason)
	})
	if err != nil {
		w.Log.Error("dead letter not recorded; the item is requeued later", "stage", w.Stage, "error", err)
		w.Metrics.outcome(w.Stage, OutcomeRetry)
		if deliveries < w.maxDeliver() {
			w.release(ctx, env, owner, reason)
			_ = msg.NakWithDelay(w.backoff(deliveries))
			return
		}
		// JetStream will not deliver it again; the reconciler
		// (Relay.RequeueStale) publishes the item again once its heartbeat
		// is stale and its message is gone.
		_ = msg.Term()
		return
	}
	w.Metrics.outcome(w.Stage, OutcomeDeadLetter)
	w.Metrics.deadLettered(w.Stage)
	w.Metrics.Failed(w.Stage, failureCode(cause))
	_ = msg.TermWithReason(reason)
}

// failureCode classifies why an item failed for good.
func failureCode(err error) string {
	switch {
	case errors.Is(err, errRefused):
		return ReasonRefused
	case errors.Is(err, ErrPoison):
		return ReasonPoison
	}
	return ReasonExhausted
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
// is no longer running under its envelope and this delivery.
var errObsolete = errors.New("obsolete delivery")

// errRefused marks content the database refused.
var errRefused = errors.New("refused by the database")

// requeue queues a fresh copy of env with a de-duplication id of its own,
// leaving the item's identity (its envelope and message id) unchanged, and
// releases the item if owner holds it.
func requeue(ctx context.Context, db *database.DB, env Envelope, owner string) error {
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
		_, err := tx.Exec(ctx, `UPDATE work_items SET status = 'queued', owner = NULL, updated_at = now()
			WHERE stage = $1 AND item_key = $2 AND msg_id = $3 AND (owner = $4 OR $4 = '')`,
			env.Stage, env.ItemKey(), env.MsgID(), owner)
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
