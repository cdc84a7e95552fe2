package queue

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
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
	// StaleAfter is how long an item may stay queued or running without any
	// progress before its message is published again; default 1 hour. It
	// must exceed the longest a stage may work on one item.
	StaleAfter time.Duration
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
		stale = time.Hour
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

// PublishPending publishes up to limit unpublished rows and marks them.
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
		type row struct {
			id             int64
			subject, msgID string
			payload        []byte
		}
		var todo []row
		for rows.Next() {
			var x row
			if err := rows.Scan(&x.id, &x.subject, &x.msgID, &x.payload); err != nil {
				rows.Close()
				return err
			}
			todo = append(todo, x)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		ids := make([]int64, 0, len(todo))
		var pubErr error
		for _, x := range todo {
			if _, err := r.JS.Publish(ctx, x.subject, x.payload, jetstream.WithMsgID(x.msgID)); err != nil {
				pubErr = fmt.Errorf("publish %s: %w", x.msgID, err)
				break
			}
			ids = append(ids, x.id)
		}
		if len(ids) > 0 {
			// Mark what went out even when a later publish failed, so a
			// restart long after does not publish it again.
			if _, err := tx.Exec(ctx, `UPDATE outbox SET published_at = now() WHERE id = ANY($1)`, ids); err != nil {
				return err
			}
			n = len(ids)
		}
		if pubErr != nil {
			publishErr = pubErr
		}
		return nil
	})
	if err == nil && publishErr != nil {
		err = publishErr
	}
	if err != nil {
		return n, fmt.Errorf("queue.Relay.PublishPending: %w", err)
	}
	return n, nil
}

// RequeueStale publishes again the message of every item that has been
// queued or running without progress for longer than olderThan: its message
// was lost (for example the database was down when its last delivery had to
// be dead-lettered, so JetStream will not deliver it again). The copy gets a
// de-duplication id of its own, so JetStream does not drop it as the lost
// message's twin; the envelope, and so the item's identity, is unchanged. A
// copy of a message that is still live is harmless: the worker commits an
// item only while it is running under that envelope, so the second delivery
// finds it done and is acked.
func (r *Relay) RequeueStale(ctx context.Context, olderThan time.Duration) (int, error) {
	tag, err := r.DB.Pool.Exec(ctx, `
		WITH stale AS (
			UPDATE work_items w SET updated_at = now()
			WHERE w.status IN ('queued', 'running') AND w.updated_at < now() - $1::interval
			RETURNING w.msg_id
		)
		INSERT INTO outbox (subject, msg_id, payload)
		SELECT DISTINCT ON (o.msg_id) o.subject, o.msg_id || ':requeued:' || txid_current(), o.payload
		FROM outbox o JOIN stale s ON s.msg_id = o.msg_id
		ORDER BY o.msg_id, o.id DESC`, olderThan.String())
	if err != nil {
		return 0, fmt.Errorf("queue.Relay.RequeueStale: %w", err)
	}
	return int(tag.RowsAffected()), nil
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
