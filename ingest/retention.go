package ingest

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// DeleteOriginals deletes the stored content of the documents ids whose
// retention period ran out, keeping their sha256, size and name, and returns
// the ids it deleted (those not deleted before).
func DeleteOriginals(ctx context.Context, tx pgx.Tx, ids []int64) ([]int64, error) {
	rows, err := tx.Query(ctx, `
		UPDATE documents SET content = NULL, content_deleted_at = now()
		 WHERE id = ANY($1) AND content IS NOT NULL
		 RETURNING id`, ids)
	if err != nil {
		return nil, fmt.Errorf("ingest.DeleteOriginals: %w", err)
	}
	deleted, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("ingest.DeleteOriginals: %w", err)
	}
	return deleted, nil
}
