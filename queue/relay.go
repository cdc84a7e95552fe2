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
	lastPrune := time.Now()
	for {
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
		for _, x := range todo {
			if _, err := r.JS.Publish(ctx, x.subject, x.payload, jetstream.WithMsgID(x.msgID)); err != nil {
				return fmt.Errorf("publish %s: %w", x.msgID, err)
			}
			ids = append(ids, x.id)
		}
		if len(ids) == 0 {
			return nil
		}
		_, err = tx.Exec(ctx, `UPDATE outbox SET published_at = now() WHERE id = ANY($1)`, ids)
		n = len(ids)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("queue.Relay.PublishPending: %w", err)
	}
	return n, nil
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
