package review

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"arsflow/review/account"
)

// MaxReasonLength bounds a rejection reason, in characters.
const MaxReasonLength = 2000

// Approve records a handläggare's approval of the case's summary summaryID.
// Only a handläggare may decide; the case must be pending and summaryID must
// still be its current summary (else ErrStale).
func (s *Service) Approve(ctx context.Context, u *account.User, caseID, summaryID int64) error {
	return s.decide(ctx, u, caseID, summaryID, "approve", "")
}

// Reject records a handläggare's rejection with a reason, which is required.
func (s *Service) Reject(ctx context.Context, u *account.User, caseID, summaryID int64, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return userError(ErrInvalid, "Ange ett skäl till att sammanställningen avvisas.")
	}
	if utf8.RuneCountInString(reason) > MaxReasonLength {
		return userError(ErrInvalid, "Skälet får vara högst %d tecken.", MaxReasonLength)
	}
	return s.decide(ctx, u, caseID, summaryID, "reject", reason)
}

// requireHandlaggare refuses anyone who is not a signed-in handläggare.
func requireHandlaggare(u *account.User) error {
	if u == nil {
		return ErrUnauthenticated
	}
	if !u.IsHandlaggare() || u.Disabled {
		return userError(ErrForbidden, "Endast handläggare kan granska och besluta i ärenden.")
	}
	if !u.MayDecide {
		return userError(ErrForbidden, "Ditt handläggarkonto är ännu inte bekräftat av en annan handläggare. Be en kollega bekräfta det under Behörigheter; därefter kan du fatta beslut.")
	}
	return nil
}

func (s *Service) decide(ctx context.Context, u *account.User, caseID, summaryID int64, decision, reason string) error {
	if err := requireHandlaggare(u); err != nil {
		return fmt.Errorf("review.%s: %w", decision, err)
	}
	err := s.db.Transact(ctx, func(tx pgx.Tx) error {
		var current int64
		var status string
		err := tx.QueryRow(ctx, `SELECT summary_id, status FROM review_items WHERE case_id = $1 FOR UPDATE`, caseID).Scan(&current, &status)
		if errors.Is(err, pgx.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if status != "pending" {
			return userError(ErrConflict, "Ärendet är redan %s. Ett beslut kan bara fattas om ärendet väntar på granskning.", statusLabel(status))
		}
		if current != summaryID {
			return userError(ErrStale, "Ett nyare sammandrag har kommit in sedan du öppnade ärendet. Läs det nya sammandraget innan du beslutar.")
		}
		var snapshot []byte
		if decision == "approve" {
			if snapshot, err = approvedFields(ctx, tx, caseID); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx,
			`INSERT INTO decisions (case_id, summary_id, user_id, decision, reason, fields) VALUES ($1, $2, $3, $4, $5, $6)`,
			caseID, summaryID, u.ID, decision, reason, snapshot); err != nil {
			return err
		}
		newStatus := map[string]string{"approve": "approved", "reject": "rejected"}[decision]
		if _, err := tx.Exec(ctx,
			`UPDATE review_items SET status = $2, decided_at = now(), decided_by = $3, reason = nullif($4, '')
			  WHERE case_id = $1`, caseID, newStatus, u.ID, reason); err != nil {
			return err
		}
		action := map[string]string{"approve": ActionCaseApprove, "reject": ActionCaseReject}[decision]
		return writeAudit(ctx, tx, u, action, "case", caseID, map[string]any{"summary_id": summaryID})
	})
	if err != nil {
		return fmt.Errorf("review.%s case %d: %w", decision, caseID, err)
	}
	return nil
}

// statusLabel is the Swedish word for a review status.
func statusLabel(status string) string {
	switch status {
	case "pending":
		return "väntar på granskning"
	case "approved":
		return "godkänt"
	case "rejected":
		return "avvisat"
	}
	return status
}
