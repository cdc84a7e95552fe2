package review

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Enter puts a case with its summary into the review queue. It is
// idempotent: a case is in the queue exactly once. A newer summary for a
// pending case replaces the older one; a newer summary for a decided case
// puts the case back to pending (logged in the audit log as the system). An
// older or the same summary changes nothing, so a redelivered message is
// harmless. A summary that does not belong to the case gives ErrInvalid.
func (s *Service) Enter(ctx context.Context, caseID, summaryID int64) error {
	return s.db.Transact(ctx, func(tx pgx.Tx) error { return EnterTx(ctx, tx, caseID, summaryID) })
}

// EnterTx is Enter inside the caller's transaction, for a stage worker that
// records its own progress in the same commit.
func EnterTx(ctx context.Context, tx pgx.Tx, caseID, summaryID int64) error {
	var version int
	err := tx.QueryRow(ctx, `SELECT version FROM summaries WHERE id = $1 AND case_id = $2`, summaryID, caseID).Scan(&version)
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("review.Enter: case %d summary %d: %w", caseID, summaryID, ErrInvalid)
	}
	if err != nil {
		return fmt.Errorf("review.Enter: %w", err)
	}
	tag, err := tx.Exec(ctx,
		`INSERT INTO review_items (case_id, summary_id, status) VALUES ($1, $2, 'pending')
		 ON CONFLICT (case_id) DO NOTHING`, caseID, summaryID)
	if err != nil {
		return fmt.Errorf("review.Enter: %w", err)
	}
	if tag.RowsAffected() == 1 {
		return writeAudit(ctx, tx, nil, ActionReviewEnter, "case", caseID, map[string]any{"summary_id": summaryID, "version": version})
	}
	var curID int64
	var curVersion int
	var status string
	err = tx.QueryRow(ctx,
		`SELECT r.summary_id, r.status, s.version
		   FROM review_items r JOIN summaries s ON s.id = r.summary_id
		  WHERE r.case_id = $1 FOR UPDATE OF r`, caseID).Scan(&curID, &status, &curVersion)
	if err != nil {
		return fmt.Errorf("review.Enter: %w", err)
	}
	if curID == summaryID || version <= curVersion {
		return nil
	}
	detail := map[string]any{"summary_id": summaryID, "version": version, "previous_summary_id": curID}
	if status == "pending" {
		if _, err := tx.Exec(ctx, `UPDATE review_items SET summary_id = $2 WHERE case_id = $1`, caseID, summaryID); err != nil {
			return fmt.Errorf("review.Enter: %w", err)
		}
		return writeAudit(ctx, tx, nil, ActionReviewUpdate, "case", caseID, detail)
	}
	if _, err := tx.Exec(ctx,
		`UPDATE review_items SET status = 'pending', summary_id = $2, entered_at = now(), opened_at = NULL,
		        decided_at = NULL, decided_by = NULL, reason = NULL
		  WHERE case_id = $1`, caseID, summaryID); err != nil {
		return fmt.Errorf("review.Enter: %w", err)
	}
	detail["previous_status"] = status
	return writeAudit(ctx, tx, nil, ActionReviewReopen, "case", caseID, detail)
}
