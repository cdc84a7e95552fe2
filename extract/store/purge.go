package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"arsflow/extract/casefile"
)

// PurgedCheckMessage replaces a check's message when its personal data is
// deleted: messages quote the documents and name persons.
const PurgedCheckMessage = "Texten är raderad enligt kommunens regler för hur länge personuppgifter sparas."

// PurgeCasePersonalData deletes the personal data in the machine's results
// for a case decided at or before decidedAt: the text of its documents'
// pages, the quotes and names in the stored extractions and the case's
// fields, and the text of its checks. Figures, dates, yes/no values, check
// codes and document types are kept. It reports the number of documents
// purged, and false when the case was purged after decidedAt already. The
// caller holds the case's row lock.
func PurgeCasePersonalData(ctx context.Context, tx pgx.Tx, caseID int64, decidedAt time.Time) (int, bool, error) {
	tag, err := tx.Exec(ctx, `
		UPDATE cases SET personal_data_deleted_at = now()
		 WHERE id = $1 AND (personal_data_deleted_at IS NULL OR personal_data_deleted_at < $2)`, caseID, decidedAt)
	if err != nil {
		return 0, false, fmt.Errorf("store.PurgeCasePersonalData %d: %w", caseID, err)
	}
	if tag.RowsAffected() == 0 {
		return 0, false, nil
	}
	rows, err := tx.Query(ctx, `SELECT document_id FROM document_extractions WHERE case_id = $1 ORDER BY document_id`, caseID)
	if err != nil {
		return 0, false, fmt.Errorf("store.PurgeCasePersonalData %d: %w", caseID, err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return 0, false, fmt.Errorf("store.PurgeCasePersonalData %d: %w", caseID, err)
	}
	for _, id := range ids {
		if err := PurgeDocumentPersonalData(ctx, tx, id); err != nil {
			return 0, false, err
		}
	}
	if _, err := tx.Exec(ctx, `
		UPDATE case_fields SET quote = '', candidates = '[]',
		       value = CASE WHEN key = ANY($2) THEN 'null'::jsonb ELSE value END
		 WHERE case_id = $1`, caseID, casefile.PersonFields); err != nil {
		return 0, false, fmt.Errorf("store.PurgeCasePersonalData %d: fields: %w", caseID, err)
	}
	if _, err := tx.Exec(ctx, `UPDATE case_checks SET message = $2 WHERE case_id = $1`, caseID, PurgedCheckMessage); err != nil {
		return 0, false, fmt.Errorf("store.PurgeCasePersonalData %d: checks: %w", caseID, err)
	}
	return len(ids), true, nil
}

// PurgeDocumentPersonalData deletes the text of a document's pages and the
// quotes and names in its stored extraction.
func PurgeDocumentPersonalData(ctx context.Context, tx pgx.Tx, documentID int64) error {
	if _, err := tx.Exec(ctx, `DELETE FROM pages WHERE document_id = $1`, documentID); err != nil {
		return fmt.Errorf("store.PurgeDocumentPersonalData %d: %w", documentID, err)
	}
	var raw []byte
	err := tx.QueryRow(ctx, `SELECT result FROM document_extractions WHERE document_id = $1 FOR UPDATE`, documentID).Scan(&raw)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("store.PurgeDocumentPersonalData %d: %w", documentID, err)
	}
	scrubbed, err := scrubStored(raw)
	if err != nil {
		return fmt.Errorf("store.PurgeDocumentPersonalData %d: %w", documentID, err)
	}
	if _, err := tx.Exec(ctx, `UPDATE document_extractions SET result = $2, personal_data_deleted_at = now() WHERE document_id = $1`,
		documentID, scrubbed); err != nil {
		return fmt.Errorf("store.PurgeDocumentPersonalData %d: %w", documentID, err)
	}
	return nil
}

// scrubStored removes the page text, every quote and the names of persons
// from a stored extraction, leaving the rest as it was.
func scrubStored(raw []byte) ([]byte, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	delete(m, "text")
	if f, ok := m["fields"]; ok {
		var fields map[string]casefile.Field
		if err := json.Unmarshal(f, &fields); err != nil {
			return nil, err
		}
		for key, fl := range fields {
			person := slices.Contains(casefile.PersonFields, key)
			scrub := func(c *casefile.Candidate) {
				c.Quote = ""
				if person {
					c.Value = nil
				}
			}
			scrub(&fl.Candidate)
			for i := range fl.Candidates {
				scrub(&fl.Candidates[i])
			}
			fields[key] = fl
		}
		b, err := json.Marshal(fields)
		if err != nil {
			return nil, err
		}
		m["fields"] = b
	}
	return json.Marshal(m)
}
