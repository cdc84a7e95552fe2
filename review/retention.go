package review

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"

	"arsflow/extract/casefile"
)

// Audit actions of the retention job.
const (
	ActionRetentionOriginal     = "retention.original_deleted"
	ActionRetentionPersonalData = "retention.personal_data_deleted"
)

// PurgeDecisionPersonalData removes the quotes from the documents in the
// field snapshots of a case's decisions, and replaces the summary text each
// decision recorded with redact's form of it: the one change the database
// allows on a decision, once. The approved values stay. It returns the
// number of decisions changed.
func PurgeDecisionPersonalData(ctx context.Context, tx pgx.Tx, caseID int64, redact func(string) string) (int, error) {
	rows, err := tx.Query(ctx, `
		SELECT id, summary_body FROM decisions
		 WHERE case_id = $1 AND personal_data_deleted_at IS NULL ORDER BY id FOR UPDATE`, caseID)
	if err != nil {
		return 0, fmt.Errorf("review.PurgeDecisionPersonalData %d: %w", caseID, err)
	}
	type decision struct {
		id   int64
		body *string
	}
	all, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (decision, error) {
		var d decision
		err := row.Scan(&d.id, &d.body)
		return d, err
	})
	if err != nil {
		return 0, fmt.Errorf("review.PurgeDecisionPersonalData %d: %w", caseID, err)
	}
	for _, d := range all {
		if d.body != nil {
			redacted := redact(*d.body)
			d.body = &redacted
		}
		if _, err := tx.Exec(ctx, `
			UPDATE decisions SET fields = arsflow_without_quotes(fields), summary_body = $2, personal_data_deleted_at = now()
			 WHERE id = $1`, d.id, d.body); err != nil {
			return 0, fmt.Errorf("review.PurgeDecisionPersonalData decision %d: %w", d.id, err)
		}
	}
	return len(all), nil
}

// PurgeCorrectionPersonalData replaces the texts of a case's corrections
// that may name persons, the edits of the summary's text and the
// corrections of a person's name, with redact's form of them: the one
// change the database allows on a correction, once. Corrections of figures
// stay as they are. It returns the number of corrections changed.
func PurgeCorrectionPersonalData(ctx context.Context, tx pgx.Tx, caseID int64, redact func(string) string) (int, error) {
	rows, err := tx.Query(ctx, `
		SELECT id, machine_value, corrected_value FROM corrections
		 WHERE case_id = $1 AND (field_key = $2 OR field_key = ANY($3)) AND personal_data_deleted_at IS NULL
		 ORDER BY id FOR UPDATE`, caseID, SummaryTextKey, casefile.PersonFields)
	if err != nil {
		return 0, fmt.Errorf("review.PurgeCorrectionPersonalData %d: %w", caseID, err)
	}
	type correction struct {
		id                 int64
		machine, corrected []byte
	}
	all, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (correction, error) {
		var c correction
		err := row.Scan(&c.id, &c.machine, &c.corrected)
		return c, err
	})
	if err != nil {
		return 0, fmt.Errorf("review.PurgeCorrectionPersonalData %d: %w", caseID, err)
	}
	for _, c := range all {
		if _, err := tx.Exec(ctx, `
			UPDATE corrections SET machine_value = $2, corrected_value = $3, personal_data_deleted_at = now()
			 WHERE id = $1`, c.id, redactedJSON(c.machine, redact), redactedJSON(c.corrected, redact)); err != nil {
			return 0, fmt.Errorf("review.PurgeCorrectionPersonalData correction %d: %w", c.id, err)
		}
	}
	return len(all), nil
}

// redactedJSON returns a JSON string value redacted; any other value as it is.
func redactedJSON(raw []byte, redact func(string) string) []byte {
	var s string
	if raw == nil || json.Unmarshal(raw, &s) != nil {
		return raw
	}
	out, _ := json.Marshal(redact(s))
	return out
}

// AuditSystem appends an entry by the system to the audit log inside tx, for
// jobs outside this package (retention). detail must carry no personal data.
func AuditSystem(ctx context.Context, tx pgx.Tx, action, objectType string, objectID int64, detail map[string]any) error {
	return writeAudit(ctx, tx, nil, action, objectType, objectID, detail)
}
