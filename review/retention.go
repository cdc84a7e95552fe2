package review

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Audit actions of the retention job.
const (
	ActionRetentionOriginal     = "retention.original_deleted"
	ActionRetentionPersonalData = "retention.personal_data_deleted"
)

// PurgeDecisionQuotes removes the quotes from the documents in the field
// snapshots of a case's decisions, the one change the database allows on a
// decision, once; the approved values stay. It returns the number of
// decisions changed.
func PurgeDecisionQuotes(ctx context.Context, tx pgx.Tx, caseID int64) (int, error) {
	tag, err := tx.Exec(ctx, `
		UPDATE decisions SET fields = arsflow_without_quotes(fields), personal_data_deleted_at = now()
		 WHERE case_id = $1 AND personal_data_deleted_at IS NULL`, caseID)
	if err != nil {
		return 0, fmt.Errorf("review.PurgeDecisionQuotes %d: %w", caseID, err)
	}
	return int(tag.RowsAffected()), nil
}

// AuditSystem appends an entry by the system to the audit log inside tx, for
// jobs outside this package (retention). detail must carry no personal data.
func AuditSystem(ctx context.Context, tx pgx.Tx, action, objectType string, objectID int64, detail map[string]any) error {
	return writeAudit(ctx, tx, nil, action, objectType, objectID, detail)
}
