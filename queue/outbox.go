package queue

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Enqueue records env in the outbox inside tx, and marks its item queued in
// work_items. The relay publishes it after the transaction commits, so the
// state change and the message commit or fail together.
func Enqueue(ctx context.Context, tx pgx.Tx, env Envelope) error {
	env.Version = EnvelopeVersion
	payload, err := json.Marshal(env)
	if err != nil {
		return fmt.Errorf("queue.Enqueue: %w", err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO outbox (subject, msg_id, payload) VALUES ($1, $2, $3)`,
		Subject(env.Stage), env.MsgID(), payload); err != nil {
		return fmt.Errorf("queue.Enqueue: outbox: %w", err)
	}
	if _, err := tx.Exec(ctx, `
		INSERT INTO work_items (stage, item_key, batch_id, document_id, case_id, msg_id, status, deliveries, last_error, queued_at, updated_at)
		VALUES ($1, $2, NULLIF($3, 0), NULLIF($4, 0), NULLIF($5, 0), $6, 'queued', 0, NULL, now(), now())
		ON CONFLICT (stage, item_key) DO UPDATE SET
			batch_id = COALESCE(EXCLUDED.batch_id, work_items.batch_id),
			document_id = COALESCE(EXCLUDED.document_id, work_items.document_id),
			case_id = COALESCE(EXCLUDED.case_id, work_items.case_id),
			msg_id = EXCLUDED.msg_id, status = 'queued', deliveries = 0, last_error = NULL,
			queued_at = now(), updated_at = now()`,
		env.Stage, env.ItemKey(), env.BatchID, env.DocumentID, env.CaseID, env.MsgID()); err != nil {
		return fmt.Errorf("queue.Enqueue: work item: %w", err)
	}
	if _, err := tx.Exec(ctx, `SELECT pg_notify('arsflow_outbox', '')`); err != nil {
		return fmt.Errorf("queue.Enqueue: notify: %w", err)
	}
	return nil
}
