package review

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// SummaryTextKey is the corrections key of an edit of the summary's text.
const SummaryTextKey = "summary_text"

// dbtx is a pool or a transaction.
type dbtx interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// basis is everything an approval covers: the summary and its text as the
// handläggare edited it, every field's effective value with its evidence,
// and the association's identity. Its hash is sent with the approval form,
// so that an approval of values that changed since they were shown is
// refused.
type basis struct {
	SummaryID       int64                  `json:"summary_id"`
	Body            string                 `json:"body"`
	BodyEdited      bool                   `json:"body_edited"`
	AssociationName string                 `json:"association_name"`
	OrgNumber       string                 `json:"org_number"`
	FiscalYear      int                    `json:"fiscal_year"`
	Fields          map[string]ExportField `json:"fields"`
}

// hash is the hex sha256 of the basis as JSON (map keys are sorted, so the
// encoding is canonical).
func (b *basis) hash() string {
	raw, _ := json.Marshal(b)
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:])
}

// loadBasis reads what an approval of caseID's current summary would cover.
func loadBasis(ctx context.Context, q dbtx, caseID int64) (*basis, error) {
	b := &basis{}
	err := q.QueryRow(ctx, `
		SELECT r.summary_id, sm.body, c.association_name, c.org_number, c.fiscal_year
		  FROM review_items r JOIN cases c ON c.id = r.case_id JOIN summaries sm ON sm.id = r.summary_id
		 WHERE r.case_id = $1`, caseID).Scan(&b.SummaryID, &b.Body, &b.AssociationName, &b.OrgNumber, &b.FiscalYear)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("approval basis: %w", err)
	}
	if text, ok, err := editedSummary(ctx, q, caseID, b.SummaryID); err != nil {
		return nil, err
	} else if ok {
		b.Body, b.BodyEdited = text, true
	}
	fields, err := effectiveFields(ctx, q, []int64{caseID})
	if err != nil {
		return nil, err
	}
	b.Fields = make(map[string]ExportField, len(fields))
	for _, f := range fields {
		b.Fields[f.Key] = exportField(f)
	}
	return b, nil
}

// editedSummary returns the latest edit of summaryID's text, if any.
func editedSummary(ctx context.Context, q dbtx, caseID, summaryID int64) (string, bool, error) {
	var raw []byte
	err := q.QueryRow(ctx, `SELECT corrected_value FROM corrections
		 WHERE case_id = $1 AND summary_id = $2 AND field_key = $3 ORDER BY id DESC LIMIT 1`,
		caseID, summaryID, SummaryTextKey).Scan(&raw)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("summary edit: %w", err)
	}
	s, _ := decodeValue(raw).(string)
	return s, true, nil
}
