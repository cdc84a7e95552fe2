package review

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

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

// ChangesSince describes in Swedish what changed in caseID after since: the
// corrections and edits, and whether the case was formed again from its
// documents (a late document). It explains a refused approval.
func (s *Service) ChangesSince(ctx context.Context, caseID int64, since time.Time) ([]string, error) {
	rows, err := s.db.Pool.Query(ctx, `
		SELECT c.field_key, c.corrected_value, u.username FROM corrections c JOIN users u ON u.id = c.user_id
		 WHERE c.case_id = $1 AND c.created_at > $2 ORDER BY c.id`, caseID, since)
	if err != nil {
		return nil, fmt.Errorf("review.ChangesSince: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var key, by string
		var raw []byte
		if err := rows.Scan(&key, &raw, &by); err != nil {
			return nil, fmt.Errorf("review.ChangesSince: %w", err)
		}
		if key == SummaryTextKey {
			out = append(out, "Sammandragets text ändrades av "+by+".")
			continue
		}
		out = append(out, fmt.Sprintf("%s rättades till %s av %s.", fieldDefFor(key).Label, formatValue(decodeValue(raw)), by))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("review.ChangesSince: %w", err)
	}
	var rebuilt bool
	if err := s.db.Pool.QueryRow(ctx, `SELECT updated_at > $2 FROM cases WHERE id = $1`, caseID, since).Scan(&rebuilt); err != nil {
		return nil, fmt.Errorf("review.ChangesSince: %w", err)
	}
	if rebuilt {
		out = append(out, "Ärendet har byggts om från handlingarna (till exempel för att en ny handling kom in): uppgifterna, kontrollerna eller föreningens namn kan ha ändrats.")
	}
	return out, nil
}
