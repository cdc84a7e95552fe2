package review

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"arsflow/review/account"
)

// MaxReasonLength bounds a reason, in characters.
const MaxReasonLength = 2000

// ErrChanged: the values changed since the handläggare was shown them (409).
var ErrChanged = fmt.Errorf("%w: the values changed since they were shown", ErrConflict)

// Approve records a handläggare's approval of exactly what they were shown:
// the case's summary summaryID and the values whose hash is valuesHash
// (CaseView.ValuesHash). A newer summary gives ErrStale, any other change
// (a correction, a late document, the association's name) ErrChanged. A
// four-eyes case becomes approved at the second approval of the same values
// by another handläggare; the first stays pending.
func (s *Service) Approve(ctx context.Context, u *account.User, caseID, summaryID int64, valuesHash string) error {
	return s.decide(ctx, u, caseID, summaryID, valuesHash, "approve", "")
}

// Reject records a handläggare's rejection with a reason, which is required.
func (s *Service) Reject(ctx context.Context, u *account.User, caseID, summaryID int64, reason string) error {
	reason, err := checkReason(reason, "Ange ett skäl till att sammanställningen avvisas.")
	if err != nil {
		return err
	}
	return s.decide(ctx, u, caseID, summaryID, "", "reject", reason)
}

// checkReason trims a required reason and bounds its length.
func checkReason(reason, missing string) (string, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return "", userError(ErrInvalid, "%s", missing)
	}
	if utf8.RuneCountInString(reason) > MaxReasonLength {
		return "", userError(ErrInvalid, "Skälet får vara högst %d tecken.", MaxReasonLength)
	}
	return reason, nil
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

func (s *Service) decide(ctx context.Context, u *account.User, caseID, summaryID int64, valuesHash, decision, reason string) error {
	if err := requireHandlaggare(u); err != nil {
		return fmt.Errorf("review.%s: %w", decision, err)
	}
	err := s.db.Transact(ctx, func(tx pgx.Tx) error {
		var current int64
		var status string
		var fourEyes bool
		err := tx.QueryRow(ctx, `SELECT summary_id, status, four_eyes FROM review_items WHERE case_id = $1 FOR UPDATE`, caseID).
			Scan(&current, &status, &fourEyes)
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
		if err := s.holdClaim(ctx, tx, u, caseID); err != nil {
			return err
		}
		b, err := loadBasis(ctx, tx, caseID)
		if err != nil {
			return err
		}
		if decision == "approve" && valuesHash != b.hash() {
			return userError(ErrChanged, "Uppgifterna i ärendet har ändrats sedan du öppnade det (en rättelse, en ny handling eller föreningens namn eller organisationsnummer). Godkännandet är inte sparat. De nya värdena visas nedan; granska dem och godkänn igen.")
		}
		approvedBy := 0
		if decision == "approve" && fourEyes {
			if err := tx.QueryRow(ctx, `SELECT count(DISTINCT user_id) FROM decisions
				 WHERE case_id = $1 AND summary_id = $2 AND decision = 'approve' AND values_hash = $3 AND user_id <> $4`,
				caseID, summaryID, b.hash(), u.ID).Scan(&approvedBy); err != nil {
				return err
			}
			var mine bool
			if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM decisions WHERE case_id = $1 AND summary_id = $2
				 AND decision = 'approve' AND values_hash = $3 AND user_id = $4)`, caseID, summaryID, b.hash(), u.ID).Scan(&mine); err != nil {
				return err
			}
			if mine {
				return userError(ErrConflict, "Du har redan godkänt ärendet. Det behöver godkännas av en annan handläggare (fyra ögon).")
			}
		}
		var snapshot []byte
		if decision == "approve" {
			if snapshot, err = json.Marshal(b.Fields); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx,
			`INSERT INTO decisions (case_id, summary_id, user_id, decision, reason, fields, values_hash,
			                        association_name, org_number, fiscal_year, summary_body)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
			caseID, summaryID, u.ID, decision, reason, snapshot, b.hash(),
			b.AssociationName, b.OrgNumber, b.FiscalYear, b.Body); err != nil {
			return err
		}
		if err := closeClaim(ctx, tx, caseID); err != nil {
			return err
		}
		if decision == "approve" && fourEyes && approvedBy == 0 {
			return writeAudit(ctx, tx, u, ActionCaseApproveFirst, "case", caseID, map[string]any{"summary_id": summaryID})
		}
		newStatus := map[string]string{"approve": "approved", "reject": "rejected"}[decision]
		machine, changed, added := []string{}, []string{}, []string{}
		if decision == "approve" {
			machine, changed, added = fieldOutcomes(b.Fields)
		}
		if _, err := tx.Exec(ctx,
			`UPDATE review_items r SET status = $2, decided_at = now(), decided_by = $3, reason = nullif($4, ''),
			        fields_machine = $5, fields_changed = $6, fields_added = $7,
			        decision_seconds = date_part('epoch', now() - r.arrived_at),
			        active_seconds = (SELECT sum(date_part('epoch', k.last_active_at - k.claimed_at)) FROM case_claims k
			                           WHERE k.case_id = r.case_id),
			        corrected = EXISTS (SELECT 1 FROM corrections c WHERE c.case_id = r.case_id AND c.summary_id = r.summary_id)
			  WHERE case_id = $1`, caseID, newStatus, u.ID, reason, machine, changed, added); err != nil {
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
