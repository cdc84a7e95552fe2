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
// to the machine's value, the backend of the current summary and the
// reason, which is required. The machine's value in case_fields is never
// changed; views and the export apply the latest correction. An empty input
// records that the field has no value. Correcting claims the case.
func (s *Service) Correct(ctx context.Context, u *account.User, caseID int64, key, input, reason string) error {
	if err := requireHandlaggare(u); err != nil {
		return fmt.Errorf("review.Correct: %w", err)
	}
	def := fieldDefFor(key)
	value, err := parseValue(def, input)
	if err != nil {
		return fmt.Errorf("review.Correct: %w", err)
	}
	if reason, err = checkReason(reason, def.Label+": ange ett skäl till rättelsen."); err != nil {
		return fmt.Errorf("review.Correct: %w", err)
	}
	err = s.db.Transact(ctx, func(tx pgx.Tx) error {
		summaryID, backend, err := s.lockForEdit(ctx, tx, u, caseID)
		if err != nil {
			return err
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
		if err := insertCorrection(ctx, tx, caseID, summaryID, key, machine, corrected, backend, u.ID, reason); err != nil {
			return err
		}
		return writeAudit(ctx, tx, u, ActionCaseCorrect, "case", caseID, map[string]any{"field": key, "summary_id": summaryID})
	})
	if err != nil {
		return fmt.Errorf("review.Correct case %d %s: %w", caseID, key, err)
	}
	return nil
}

// EditSummary records a handläggare's text for the current summary of a
// pending case, next to the machine's text, with a required reason.
func (s *Service) EditSummary(ctx context.Context, u *account.User, caseID int64, text, reason string) error {
	if err := requireHandlaggare(u); err != nil {
		return fmt.Errorf("review.EditSummary: %w", err)
	}
	reason, err := checkReason(reason, "Ange ett skäl till ändringen av sammandraget.")
	if err != nil {
		return fmt.Errorf("review.EditSummary: %w", err)
	}
	if text, err = checkText(text); err != nil {
		return fmt.Errorf("review.EditSummary: %w", err)
	}
	err = s.db.Transact(ctx, func(tx pgx.Tx) error {
		summaryID, backend, err := s.lockForEdit(ctx, tx, u, caseID)
		if err != nil {
			return err
		}
		var body string
		if err := tx.QueryRow(ctx, `SELECT body FROM summaries WHERE id = $1`, summaryID).Scan(&body); err != nil {
			return err
		}
		current := body
		if edited, ok, err := editedSummary(ctx, tx, caseID, summaryID); err != nil {
			return err
		} else if ok {
			current = edited
		}
		if current == text {
			return userError(ErrInvalid, "Sammandraget är oförändrat.")
		}
		machine, _ := jsonValue(body)
		corrected, _ := jsonValue(text)
		if err := insertCorrection(ctx, tx, caseID, summaryID, SummaryTextKey, machine, corrected, backend, u.ID, reason); err != nil {
			return err
		}
		return writeAudit(ctx, tx, u, ActionCaseEditSummary, "case", caseID, map[string]any{"summary_id": summaryID})
	})
	if err != nil {
		return fmt.Errorf("review.EditSummary case %d: %w", caseID, err)
	}
	return nil
}

// MaxSummaryLength bounds an edited summary, in bytes.
const MaxSummaryLength = 50_000

func checkText(text string) (string, error) {
	if len(text) > MaxSummaryLength {
		return "", userError(ErrInvalid, "Sammandraget får vara högst %d tecken.", MaxSummaryLength)
	}
	if text == "" {
		return "", userError(ErrInvalid, "Sammandraget får inte vara tomt.")
	}
	return text, nil
}

// lockForEdit locks a pending case for an edit by u (claiming it) and
// returns its current summary and that summary's backend.
func (s *Service) lockForEdit(ctx context.Context, tx pgx.Tx, u *account.User, caseID int64) (int64, string, error) {
	var status, backend string
	var summaryID int64
	err := tx.QueryRow(ctx,
		`SELECT r.status, r.summary_id, s.backend FROM review_items r JOIN summaries s ON s.id = r.summary_id
		  WHERE r.case_id = $1 FOR UPDATE OF r`, caseID).Scan(&status, &summaryID, &backend)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, "", ErrNotFound
	}
	if err != nil {
		return 0, "", err
	}
	if status != "pending" {
		return 0, "", userError(ErrConflict, "Ärendet är redan %s. Rättelser görs innan beslutet.", statusLabel(status))
	}
	if err := s.holdClaim(ctx, tx, u, caseID); err != nil {
		return 0, "", err
	}
	return summaryID, backend, nil
}

func insertCorrection(ctx context.Context, tx pgx.Tx, caseID, summaryID int64, key string, machine, corrected []byte, backend string, userID int64, reason string) error {
	_, err := tx.Exec(ctx,
		`INSERT INTO corrections (case_id, summary_id, field_key, machine_value, corrected_value, backend, user_id, reason)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		caseID, summaryID, key, machine, corrected, backend, userID, reason)
	return err
}
