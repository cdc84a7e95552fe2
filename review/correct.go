package review

import (
	"context"
	"errors"
	"fmt"
	"reflect"

	"github.com/jackc/pgx/v5"

	"arsflow/extract/casefile"
	"arsflow/review/account"
)

// Correct records a handläggare's value for a field of a pending case next
// to the machine's value and the backend of the current summary. The
// machine's value in case_fields is never changed; views and the export apply
// the latest correction. An empty input records that the field has no value.
func (s *Service) Correct(ctx context.Context, u *account.User, caseID int64, key, input string) error {
	if err := requireHandlaggare(u); err != nil {
		return fmt.Errorf("review.Correct: %w", err)
	}
	def := fieldDefFor(key)
	value, err := parseValue(def, input)
	if err != nil {
		return fmt.Errorf("review.Correct: %w", err)
	}
	err = s.db.Transact(ctx, func(tx pgx.Tx) error {
		var status, backend string
		var summaryID int64
		err := tx.QueryRow(ctx,
			`SELECT r.status, r.summary_id, s.backend FROM review_items r JOIN summaries s ON s.id = r.summary_id
			  WHERE r.case_id = $1 FOR UPDATE OF r`, caseID).Scan(&status, &summaryID, &backend)
		if errors.Is(err, pgx.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if status != "pending" {
			return userError(ErrConflict, "Ärendet är redan %s. Rättelser görs innan beslutet.", statusLabel(status))
		}
		var machine []byte
		err = tx.QueryRow(ctx, `SELECT value FROM case_fields WHERE case_id = $1 AND key = $2`, caseID, key).Scan(&machine)
		_, known := casefile.LookupField(key)
		if errors.Is(err, pgx.ErrNoRows) {
			if !known {
				return userError(ErrInvalid, "Fältet finns inte.")
			}
			machine = nil
		} else if err != nil {
			return err
		}
		var latest []byte
		var hasLatest bool
		err = tx.QueryRow(ctx,
			`SELECT corrected_value FROM corrections WHERE case_id = $1 AND field_key = $2 ORDER BY id DESC LIMIT 1`,
			caseID, key).Scan(&latest)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
		case err != nil:
			return err
		default:
			hasLatest = true
		}
		current := decodeValue(machine)
		if hasLatest {
			current = decodeValue(latest)
		}
		if reflect.DeepEqual(current, value) {
			return userError(ErrInvalid, "%s: värdet är oförändrat.", def.Label)
		}
		corrected, err := jsonValue(value)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx,
			`INSERT INTO corrections (case_id, summary_id, field_key, machine_value, corrected_value, backend, user_id)
			 VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			caseID, summaryID, key, machine, corrected, backend, u.ID); err != nil {
			return err
		}
		return writeAudit(ctx, tx, u, ActionCaseCorrect, "case", caseID, map[string]any{"field": key, "summary_id": summaryID})
	})
	if err != nil {
		return fmt.Errorf("review.Correct case %d %s: %w", caseID, key, err)
	}
	return nil
}
