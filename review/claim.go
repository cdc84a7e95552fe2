package review

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"arsflow/review/account"
)

// DefaultClaimTTL is how long a claim lasts without activity.
const DefaultClaimTTL = 30 * time.Minute

// ErrClaimed: another handläggare works on the case (409).
var ErrClaimed = fmt.Errorf("%w: claimed by another handläggare", ErrConflict)

// Claim is who works on a case.
type Claim struct {
	ID        int64
	CaseID    int64
	UserID    int64
	Username  string
	Name      string
	ClaimedAt time.Time
	ExpiresAt time.Time
}

// Mine reports whether u holds the claim.
func (c *Claim) Mine(u *account.User) bool { return c != nil && u != nil && c.UserID == u.ID }

// claimTTL is the service's claim lifetime.
func (s *Service) claimTTL() time.Duration {
	if s.ClaimTTL > 0 {
		return s.ClaimTTL
	}
	return DefaultClaimTTL
}

// CaseClaim returns the open, unexpired claim on caseID, or nil.
func (s *Service) CaseClaim(ctx context.Context, caseID int64) (*Claim, error) {
	c, err := openClaim(ctx, s.db.Pool, caseID)
	if err != nil {
		return nil, fmt.Errorf("review.CaseClaim %d: %w", caseID, err)
	}
	return c, nil
}

func openClaim(ctx context.Context, q dbtx, caseID int64) (*Claim, error) {
	c := &Claim{CaseID: caseID}
	err := q.QueryRow(ctx, `
		SELECT k.id, k.user_id, u.username, coalesce(nullif(u.display_name, ''), u.username), k.claimed_at, k.expires_at
		  FROM case_claims k JOIN users u ON u.id = k.user_id
		 WHERE k.case_id = $1 AND k.released_at IS NULL AND k.expires_at > now()`, caseID).
		Scan(&c.ID, &c.UserID, &c.Username, &c.Name, &c.ClaimedAt, &c.ExpiresAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return c, nil
}

// Claim takes caseID for u, or extends u's claim. A live claim by someone
// else gives ErrClaimed; an expired one is closed first. Opening a pending
// case for work claims it.
func (s *Service) Claim(ctx context.Context, u *account.User, caseID int64) error {
	if err := requireHandlaggare(u); err != nil {
		return fmt.Errorf("review.Claim: %w", err)
	}
	err := s.db.Transact(ctx, func(tx pgx.Tx) error {
		if err := lockPending(ctx, tx, caseID, "Ärendet är redan %s och kan inte tas för granskning."); err != nil {
			return err
		}
		return s.holdClaim(ctx, tx, u, caseID)
	})
	if err != nil {
		return fmt.Errorf("review.Claim case %d: %w", caseID, err)
	}
	return nil
}

// lockPending locks caseID's review item and requires it to be pending;
// format gets the status in Swedish.
func lockPending(ctx context.Context, tx pgx.Tx, caseID int64, format string) error {
	var status string
	err := tx.QueryRow(ctx, `SELECT status FROM review_items WHERE case_id = $1 FOR UPDATE`, caseID).Scan(&status)
	if errors.Is(err, pgx.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	if status != "pending" {
		return userError(ErrConflict, format, statusLabel(status))
	}
	return nil
}

// holdClaim makes sure u holds the claim on caseID; the caller holds the
// review item's row lock. It extends u's own claim, closes an expired one
// and refuses a live claim by someone else.
func (s *Service) holdClaim(ctx context.Context, tx pgx.Tx, u *account.User, caseID int64) error {
	ttl := s.claimTTL()
	if _, err := tx.Exec(ctx, `UPDATE case_claims SET released_at = expires_at, release_reason = 'expired'
		 WHERE case_id = $1 AND released_at IS NULL AND expires_at <= now()`, caseID); err != nil {
		return err
	}
	c, err := openClaim(ctx, tx, caseID)
	if err != nil {
		return err
	}
	if c != nil && !c.Mine(u) {
		return userError(ErrClaimed, "%s arbetar med ärendet sedan %s. Ta över ärendet med ett skäl om du behöver arbeta med det.",
			c.Name, c.ClaimedAt.Local().Format("15:04"))
	}
	if c != nil {
		_, err := tx.Exec(ctx, `UPDATE case_claims SET last_active_at = now(), expires_at = now() + $2 WHERE id = $1`, c.ID, ttl)
		return err
	}
	var id int64
	if err := tx.QueryRow(ctx, `INSERT INTO case_claims (case_id, user_id, expires_at) VALUES ($1, $2, now() + $3) RETURNING id`,
		caseID, u.ID, ttl).Scan(&id); err != nil {
		return err
	}
	return writeAudit(ctx, tx, u, ActionCaseClaim, "case", caseID, map[string]any{"claim_id": id})
}

// Release gives up u's claim on caseID.
func (s *Service) Release(ctx context.Context, u *account.User, caseID int64) error {
	if err := requireHandlaggare(u); err != nil {
		return fmt.Errorf("review.Release: %w", err)
	}
	err := s.db.Transact(ctx, func(tx pgx.Tx) error {
		var id int64
		err := tx.QueryRow(ctx, `UPDATE case_claims SET released_at = now(), release_reason = 'released'
			 WHERE case_id = $1 AND user_id = $2 AND released_at IS NULL RETURNING id`, caseID, u.ID).Scan(&id)
		if errors.Is(err, pgx.ErrNoRows) {
			return userError(ErrConflict, "Du har inte ärendet.")
		}
		if err != nil {
			return err
		}
		return writeAudit(ctx, tx, u, ActionCaseRelease, "case", caseID, map[string]any{"claim_id": id})
	})
	if err != nil {
		return fmt.Errorf("review.Release case %d: %w", caseID, err)
	}
	return nil
}

// TakeOver moves the claim on caseID to u; the reason is required and kept
// with the new claim, and the audit log names whose claim was taken over.
func (s *Service) TakeOver(ctx context.Context, u *account.User, caseID int64, reason string) error {
	if err := requireHandlaggare(u); err != nil {
		return fmt.Errorf("review.TakeOver: %w", err)
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return userError(ErrInvalid, "Ange ett skäl till att du tar över ärendet.")
	}
	if utf8.RuneCountInString(reason) > MaxReasonLength {
		return userError(ErrInvalid, "Skälet får vara högst %d tecken.", MaxReasonLength)
	}
	err := s.db.Transact(ctx, func(tx pgx.Tx) error {
		if err := lockPending(ctx, tx, caseID, "Ärendet är redan %s."); err != nil {
			return err
		}
		var from, fromUser int64
		err := tx.QueryRow(ctx, `UPDATE case_claims SET released_at = now(), release_reason = 'taken_over'
			 WHERE case_id = $1 AND released_at IS NULL AND user_id <> $2 RETURNING id, user_id`, caseID, u.ID).Scan(&from, &fromUser)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		var id int64
		err = tx.QueryRow(ctx, `INSERT INTO case_claims (case_id, user_id, expires_at, reason) VALUES ($1, $2, now() + $3, $4)
			 ON CONFLICT (case_id) WHERE released_at IS NULL DO UPDATE SET last_active_at = now(), expires_at = EXCLUDED.expires_at
			 RETURNING id`, caseID, u.ID, s.claimTTL(), reason).Scan(&id)
		if err != nil {
			return err
		}
		return writeAudit(ctx, tx, u, ActionCaseTakeOver, "case", caseID,
			map[string]any{"claim_id": id, "previous_claim_id": from, "previous_user_id": fromUser})
	})
	if err != nil {
		return fmt.Errorf("review.TakeOver case %d: %w", caseID, err)
	}
	return nil
}

// closeClaim ends the open claim on caseID when a decision is taken.
func closeClaim(ctx context.Context, tx pgx.Tx, caseID int64) error {
	_, err := tx.Exec(ctx, `UPDATE case_claims SET released_at = now(), release_reason = 'decided', last_active_at = now()
		 WHERE case_id = $1 AND released_at IS NULL`, caseID)
	return err
}
