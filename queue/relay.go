package queue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"arsflow/queue/database"
)

// Relay publishes outbox rows to JetStream. Several relays may run at once:
// rows are claimed with SKIP LOCKED, and a row published twice (a crash after
// publish, before the commit) is dropped by JetStream's duplicate window.
type Relay struct {
	DB       *database.DB
	JS       jetstream.JetStream
	Log      *slog.Logger
	Interval time.Duration // poll interval when no notification arrives; default 1s
	Batch    int           // rows per transaction; default 100
	// StaleAfter is how long an item may stay queued, or running without a
	// heartbeat, before the reconciler checks whether its message is still
	// in the stream, and publishes it again if not; default 2 minutes.
	StaleAfter time.Duration
	Metrics    *Metrics // nil counts nothing

	failingSince atomic.Int64 // unix nanoseconds of the first failed publish in a row; 0 when the last succeeded
}

// Stalled returns how long publishing has been failing without a success
// in between; 0 when the last attempt succeeded.
func (r *Relay) Stalled() time.Duration {
	since := r.failingSince.Load()
	if since == 0 {
		return 0
	}
	return time.Since(time.Unix(0, since))
}

func (r *Relay) recordPublish(err error) {
	if err == nil {
		r.failingSince.Store(0)
		return
	}
	r.failingSince.CompareAndSwap(0, time.Now().UnixNano())
}

// Run publishes until ctx ends. It wakes on the arsflow_outbox notification
// and polls as a fallback.
func (r *Relay) Run(ctx context.Context) error {
	interval, batch := r.Interval, r.Batch
	if interval <= 0 {
		interval = time.Second
	}
	if batch <= 0 {
		batch = 100
	}
	wake := make(chan struct{}, 1)
	go r.listen(ctx, wake)
	t := time.NewTicker(interval)
	defer t.Stop()
	stale := r.StaleAfter
	if stale <= 0 {
		stale = 2 * time.Minute
	}
	var lastPrune, lastStale time.Time
	for {
		if time.Since(lastStale) > stale/4 {
			if n, err := r.RequeueStale(ctx, stale); err != nil && ctx.Err() == nil {
				r.Log.Warn("requeue stale items", "error", err)
			} else {
				lastStale = time.Now()
				if n > 0 {
					r.Log.Warn("requeued stale items", "count", n)
				}
			}
		}
		n, err := r.PublishPending(ctx, batch)
		r.recordPublish(err)
		if err != nil && ctx.Err() == nil {
			r.Log.Warn("outbox relay", "error", err)
		}
		if time.Since(lastPrune) > time.Hour {
			if _, err := r.DB.Pool.Exec(ctx, `DELETE FROM outbox WHERE published_at < now() - interval '7 days'`); err == nil {
				lastPrune = time.Now()
			}
		}
		if err == nil && n == batch {
			continue
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		case <-wake:
		}
	}
}

// PublishPending publishes up to limit unpublished rows, waits for
// JetStream to acknowledge them, marks them published and records each
// item's stream sequence for the reconciler.
func (r *Relay) PublishPending(ctx context.Context, limit int) (int, error) {
	n := 0
	var publishErr error
	err := r.DB.Transact(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `
			SELECT id, subject, msg_id, payload FROM outbox
			WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`, limit)
		if err != nil {
			return err
		}
		todo, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (outboxRow, error) {
			var x outboxRow
			err := row.Scan(&x.id, &x.subject, &x.msgID, &x.payload)
			return x, err
		})
		if err != nil {
			return err
		}
		sent, pubErr := r.publish(ctx, todo)
		if len(sent) > 0 {
			// Mark what went out even when a later publish failed, so a
			// restart long after does not publish it again.
			if err := markPublished(ctx, tx, sent); err != nil {
				return err
			}
			n = len(sent)
		}
		publishErr = pubErr
		return nil
	})
	if err == nil && publishErr != nil {
		err = publishErr
	}
	if err != nil {
		return n, fmt.Errorf("queue.Relay.PublishPending: %w", err)
	}
	r.Metrics.publishedN(n)
	return n, nil
}

// outboxRow is one outbox message; seq is its stream sequence once published.
type outboxRow struct {
	id             int64
	subject, msgID string
	payload        []byte
	seq            uint64
}

// publish sends the rows without waiting for each acknowledgement in turn,
// then collects them; it returns the rows JetStream stored, in order, up
// to the first failure.
func (r *Relay) publish(ctx context.Context, todo []outboxRow) ([]outboxRow, error) {
	futures := make([]jetstream.PubAckFuture, 0, len(todo))
	var err error
	for _, x := range todo {
		m := nats.NewMsg(x.subject)
		m.Data = x.payload
		m.Header.Set(jetstream.MsgIDHeader, x.msgID)
		f, perr := r.JS.PublishMsgAsync(m)
		if perr != nil {
			err = fmt.Errorf("publish %s: %w", x.msgID, perr)
			break
		}
		futures = append(futures, f)
	}
	wait, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	var sent []outboxRow
	for i, f := range futures {
		select {
		case ack := <-f.Ok():
			x := todo[i]
			x.seq = ack.Sequence
			sent = append(sent, x)
			continue
		case perr := <-f.Err():
			err = fmt.Errorf("publish %s: %w", todo[i].msgID, perr)
		case <-wait.Done():
			err = fmt.Errorf("publish %s: %w", todo[i].msgID, wait.Err())
		}
		break
	}
	return sent, err
}

// markPublished marks the rows published and records, on each row's work
// item, the stream sequence of its latest message.
func markPublished(ctx context.Context, tx pgx.Tx, sent []outboxRow) error {
	ids := make([]int64, len(sent))
	var stages, keys, msgIDs []string
	var seqs []int64
	for i, x := range sent {
		ids[i] = x.id
		if env, err := Decode(x.payload); err == nil {
			stages, keys, msgIDs = append(stages, env.Stage), append(keys, env.ItemKey()), append(msgIDs, env.MsgID())
			seqs = append(seqs, int64(x.seq))
		}
	}
	if _, err := tx.Exec(ctx, `UPDATE outbox SET published_at = now() WHERE id = ANY($1)`, ids); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `
		UPDATE work_items w SET stream_seq = u.seq
		FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) AS u(stage, item_key, msg_id, seq)
		WHERE w.stage = u.stage AND w.item_key = u.item_key AND w.msg_id = u.msg_id`, stages, keys, msgIDs, seqs)
	return err
}

// RequeueStale publishes again the message of every item whose message was
// lost: queued, or running without a heartbeat, for longer than olderThan,
// and its last message no longer in the stream (say it exhausted its
// deliveries while the database was down, or a delivery that found the item
// busy acked it and the item's own run then failed). An item that waits in
// a long queue, or that a live worker runs however long, is left alone: its
// message is still in the stream, or its heartbeat is fresh. The copy gets
// a de-duplication id of its own, so JetStream does not drop it as the lost
// message's twin; the envelope, and so the item's identity, is unchanged.
func (r *Relay) RequeueStale(ctx context.Context, olderThan time.Duration) (int, error) {
	rows, err := r.DB.Pool.Query(ctx, `
		SELECT w.stage, w.item_key, w.msg_id, w.stream_seq FROM work_items w
		WHERE w.status IN ('queued', 'running') AND w.updated_at < now() - $1::interval
		  AND (w.status = 'queued' OR COALESCE(w.heartbeat_at, w.updated_at) < now() - $1::interval)
		  AND EXISTS (SELECT 1 FROM outbox o WHERE o.msg_id = w.msg_id AND o.published_at IS NOT NULL)
		ORDER BY w.updated_at LIMIT 500`, olderThan.String())
	if err != nil {
		return 0, fmt.Errorf("queue.Relay.RequeueStale: %w", err)
	}
	type candidate struct {
		stage, key, msgID string
		seq               *int64
	}
	cands, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (candidate, error) {
		var c candidate
		err := row.Scan(&c.stage, &c.key, &c.msgID, &c.seq)
		return c, err
	})
	if err != nil || len(cands) == 0 {
		return 0, err
	}
	st, err := r.JS.Stream(ctx, StreamName)
	if err != nil {
		return 0, fmt.Errorf("queue.Relay.RequeueStale: %w", err)
	}
	n := 0
	for _, c := range cands {
		if c.seq != nil {
			m, err := st.GetMsg(ctx, uint64(*c.seq))
			if err == nil && isItem(m.Data, c.stage, c.key, c.msgID) {
				continue // still in the stream: waiting, or JetStream redelivers it
			}
			// Gone; or, in a stream created anew (a restore with an empty
			// JetStream directory), another message under the same sequence.
			if err != nil && !errors.Is(err, jetstream.ErrMsgNotFound) {
				return n, fmt.Errorf("queue.Relay.RequeueStale: %w", err)
			}
		}
		ok, err := r.republish(ctx, c.stage, c.key, c.msgID, olderThan)
		if err != nil {
			return n, fmt.Errorf("queue.Relay.RequeueStale: %w", err)
		}
		if ok {
			n++
		}
	}
	r.Metrics.republishedN(n)
	return n, nil
}

// isItem reports whether a message's payload is a message of the item.
func isItem(payload []byte, stage, key, msgID string) bool {
	env, err := Decode(payload)
	return err == nil && env.Stage == stage && env.ItemKey() == key && env.MsgID() == msgID
}

// republish queues a copy of the item's last message, if the item is still
// as stale as when it was chosen.
func (r *Relay) republish(ctx context.Context, stage, key, msgID string, olderThan time.Duration) (bool, error) {
	done := false
	err := r.DB.Transact(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE work_items SET status = 'queued', owner = NULL, updated_at = now()
			WHERE stage = $1 AND item_key = $2 AND msg_id = $3 AND status IN ('queued', 'running')
			  AND updated_at < now() - $4::interval
			  AND (status = 'queued' OR COALESCE(heartbeat_at, updated_at) < now() - $4::interval)`,
			stage, key, msgID, olderThan.String())
		if err != nil || tag.RowsAffected() == 0 {
			return err
		}
		if _, err := tx.Exec(ctx, `
			INSERT INTO outbox (subject, msg_id, payload)
			SELECT subject, msg_id || ':requeued:' || txid_current(), payload FROM outbox
			WHERE msg_id = $1 ORDER BY id DESC LIMIT 1`, msgID); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `SELECT pg_notify('arsflow_outbox', '')`)
		done = err == nil
		return err
	})
	return done, err
}

// listen forwards outbox notifications to wake until ctx ends, reconnecting
// after errors.
func (r *Relay) listen(ctx context.Context, wake chan<- struct{}) {
	for ctx.Err() == nil {
		conn, err := r.DB.Pool.Acquire(ctx)
		if err != nil {
			sleep(ctx, time.Second)
			continue
		}
		_, err = conn.Exec(ctx, "LISTEN arsflow_outbox")
		for err == nil {
			_, err = conn.Conn().WaitForNotification(ctx)
			if err == nil {
				select {
				case wake <- struct{}{}:
				default:
				}
			}
		}
		conn.Hijack().Close(context.Background()) // never return a LISTENing connection to the pool
		sleep(ctx, time.Second)
	}
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}
