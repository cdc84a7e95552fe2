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
	return s.db.Transact(ctx, func(tx pgx.Tx) error { return EnterTx(ctx, tx, caseID, summaryID, s.FourEyes) })
}

// EnterTx is Enter inside the caller's transaction, for a stage worker that
// records its own progress in the same commit. fourEyes decides which cases
// need two approvals.
func EnterTx(ctx context.Context, tx pgx.Tx, caseID, summaryID int64, fourEyes FourEyes) error {
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
		if err := refreshQueueRow(ctx, tx, caseID, fourEyes); err != nil {
			return err
		}
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
	action := ActionReviewUpdate
	if status == "pending" {
		if _, err := tx.Exec(ctx, `UPDATE review_items SET summary_id = $2 WHERE case_id = $1`, caseID, summaryID); err != nil {
			return fmt.Errorf("review.Enter: %w", err)
		}
	} else {
		if _, err := tx.Exec(ctx,
			`UPDATE review_items SET status = 'pending', summary_id = $2, entered_at = now(), opened_at = NULL,
			        decided_at = NULL, decided_by = NULL, reason = NULL
			  WHERE case_id = $1`, caseID, summaryID); err != nil {
			return fmt.Errorf("review.Enter: %w", err)
		}
		detail["previous_status"] = status
		action = ActionReviewReopen
	}
	if err := refreshQueueRow(ctx, tx, caseID, fourEyes); err != nil {
		return err
	}
	return writeAudit(ctx, tx, nil, action, "case", caseID, detail)
}

// refreshQueueRow recomputes the queue's read model of caseID (identity,
// checks, flags, low confidence, fields on which documents disagree,
// batches, when its documents arrived) and
// whether it needs four eyes.
func refreshQueueRow(ctx context.Context, tx pgx.Tx, caseID int64, fourEyes FourEyes) error {
	_, err := tx.Exec(ctx, `
		UPDATE review_items r SET
		    association_name = c.association_name, org_number = c.org_number, fiscal_year = c.fiscal_year,
		    search = lower(c.association_name || ' ' || c.org_number),
		    check_codes = coalesce((SELECT array_agg(DISTINCT k.code) FROM case_checks k WHERE k.case_id = r.case_id), '{}'),
		    check_errors = (SELECT count(*) FROM case_checks k WHERE k.case_id = r.case_id AND k.severity = 'error'),
		    check_warnings = (SELECT count(*) FROM case_checks k WHERE k.case_id = r.case_id AND k.severity = 'warning'),
		    flag_count = (SELECT count(*) FROM summaries sm, jsonb_array_elements(sm.flags) fl
		                   WHERE sm.id = r.summary_id AND fl->>'code' <> 'to_check'),
		    backend = (SELECT sm.backend FROM summaries sm WHERE sm.id = r.summary_id),
		    prompt_version = (SELECT sm.prompt_version FROM summaries sm WHERE sm.id = r.summary_id),
		    low_confidence = EXISTS (SELECT 1 FROM case_fields f WHERE f.case_id = r.case_id AND f.confidence < $2),
		    field_conflicts = (SELECT count(*) FROM case_fields f
		                        WHERE f.case_id = r.case_id AND jsonb_typeof(f.candidates) = 'array'
		                          AND (SELECT count(DISTINCT c->'value') FROM jsonb_array_elements(f.candidates) c) > 1),
		    batch_ids = coalesce((SELECT array_agg(DISTINCT d.batch_id) FROM document_extractions de
		                           JOIN documents d ON d.id = de.document_id WHERE de.case_id = r.case_id), '{}'),
		    has_documents = EXISTS (SELECT 1 FROM document_extractions de WHERE de.case_id = r.case_id),
		    arrived_at = coalesce((SELECT min(d.created_at) FROM document_extractions de
		                            JOIN documents d ON d.id = de.document_id WHERE de.case_id = r.case_id), r.entered_at),
		    four_eyes = CASE $3::int WHEN 1 THEN true WHEN 2 THEN false
		                ELSE EXISTS (SELECT 1 FROM case_checks k WHERE k.case_id = r.case_id AND k.severity = 'error') END
		  FROM cases c
		 WHERE r.case_id = $1 AND c.id = r.case_id`, caseID, LowConfidenceBelow, int(fourEyes))
	if err != nil {
		return fmt.Errorf("review.Enter: queue row: %w", err)
	}
	return nil
}
