package account

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Invitation is an open invitation to create a local account. The code in
// its link is shown once to whoever made it; only its sha256 is stored.
type Invitation struct {
	ID          int64
	Username    string
	DisplayName string
	Role        string
	CreatedBy   *int64 // nil: the operator
	CreatedAt   time.Time
	ExpiresAt   time.Time
}

// CreateInvitation lets the administrator by invite a person to an account
// with username and role. The person completes it with a password only
// they know (CompleteInvitation); the administrator never sets or sees a
// password. A handläggare invited so decides only after another
// handläggare confirmed them (ConfirmGrant). It returns the code for the
// link /inbjudan/CODE.
func (s *Service) CreateInvitation(ctx context.Context, by *User, username, displayName, role string) (string, error) {
	if by == nil || !by.IsAdmin() || by.Disabled {
		return "", fmt.Errorf("account.CreateInvitation: %w: only an administrator invites", ErrForbidden)
	}
	code, err := s.createInvitation(ctx, &by.ID, username, displayName, role)
	if err != nil {
		return "", fmt.Errorf("account.CreateInvitation: %w", err)
	}
	return code, nil
}

// InviteAsOperator is CreateInvitation by the operator, who runs `arsflow
// user invite` with the database's credentials: the first handläggare of an
// installation, who has no colleague to confirm them, come this way.
func (s *Service) InviteAsOperator(ctx context.Context, username, displayName, role string) (string, error) {
	code, err := s.createInvitation(ctx, nil, username, displayName, role)
	if err != nil {
		return "", fmt.Errorf("account.InviteAsOperator: %w", err)
	}
	return code, nil
}

func (s *Service) createInvitation(ctx context.Context, by *int64, username, displayName, role string) (string, error) {
	username = NormalizeUsername(username)
	if !usernameRE().MatchString(username) {
		return "", fmt.Errorf("%w: username must be 2-64 of a-z 0-9 . _ - @", ErrInvalid)
	}
	if !ValidRole(role) {
		return "", fmt.Errorf("%w: role %q", ErrInvalid, role)
	}
	code := randomToken(24)
	err := s.db.Transact(ctx, func(tx pgx.Tx) error {
		var taken bool
		if err := tx.QueryRow(ctx,
			`SELECT EXISTS (SELECT 1 FROM users WHERE username = $1)
			     OR EXISTS (SELECT 1 FROM invitations WHERE username = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now())`,
			username).Scan(&taken); err != nil {
			return err
		}
		if taken {
			return ErrExists
		}
		_, err := tx.Exec(ctx,
			`INSERT INTO invitations (token_hash, username, display_name, role, created_by, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
			hashToken(code), username, strings.TrimSpace(displayName), role, by, s.now().Add(s.cfg.InvitationTTL))
		return err
	})
	return code, err
}

// InvitationByCode returns the open invitation of a link's code.
func (s *Service) InvitationByCode(ctx context.Context, code string) (*Invitation, error) {
	inv := &Invitation{}
	err := s.db.Pool.QueryRow(ctx,
		`SELECT id, username, display_name, role, created_by, created_at, expires_at FROM invitations
		  WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2`, hashToken(code), s.now()).
		Scan(&inv.ID, &inv.Username, &inv.DisplayName, &inv.Role, &inv.CreatedBy, &inv.CreatedAt, &inv.ExpiresAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("account.InvitationByCode: %w", ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("account.InvitationByCode: %w", err)
	}
	return inv, nil
}

// CompleteInvitation creates the invited account with the password its
// owner chose and grants the invited role. The invitation is used up.
func (s *Service) CompleteInvitation(ctx context.Context, code, password string) (*User, error) {
	var u *User
	err := s.db.Transact(ctx, func(tx pgx.Tx) error {
		inv := &Invitation{}
		err := tx.QueryRow(ctx,
			`SELECT id, username, display_name, role, created_by FROM invitations
			  WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2 FOR UPDATE`, hashToken(code), s.now()).
			Scan(&inv.ID, &inv.Username, &inv.DisplayName, &inv.Role, &inv.CreatedBy)
		if errors.Is(err, pgx.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if p := PasswordProblem(inv.Username, password); p != "" {
			return &PolicyError{Message: p}
		}
		hash, err := s.hashPassword(password)
		if err != nil {
			return err
		}
		source := SourceInvitation
		if inv.CreatedBy == nil {
			source = SourceOperator
		}
		if u, err = insertUser(ctx, tx, inv.Username, inv.DisplayName, &hash, inv.Role, source, inv.CreatedBy); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE invitations SET used_at = now(), user_id = $2 WHERE id = $1`, inv.ID, u.ID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("account.CompleteInvitation: %w", err)
	}
	return s.UserByID(ctx, u.ID)
}

// PolicyError is a password that the policy refuses; Message says why, in
// Swedish. It wraps ErrInvalid.
type PolicyError struct{ Message string }

// Error says the password was refused by the policy.
func (e *PolicyError) Error() string { return "password policy: " + e.Message }

// Unwrap returns ErrInvalid.
func (e *PolicyError) Unwrap() error { return ErrInvalid }

// ListInvitations returns the open invitations, newest first.
func (s *Service) ListInvitations(ctx context.Context) ([]Invitation, error) {
	rows, err := s.db.Pool.Query(ctx,
		`SELECT id, username, display_name, role, created_by, created_at, expires_at FROM invitations
		  WHERE used_at IS NULL AND revoked_at IS NULL AND expires_at > $1 ORDER BY id DESC`, s.now())
	if err != nil {
		return nil, fmt.Errorf("account.ListInvitations: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Invitation, error) {
		var inv Invitation
		err := r.Scan(&inv.ID, &inv.Username, &inv.DisplayName, &inv.Role, &inv.CreatedBy, &inv.CreatedAt, &inv.ExpiresAt)
		return inv, err
	})
	if err != nil {
		return nil, fmt.Errorf("account.ListInvitations: %w", err)
	}
	return out, nil
}

// RevokeInvitation withdraws an open invitation.
func (s *Service) RevokeInvitation(ctx context.Context, id int64) error {
	tag, err := s.db.Pool.Exec(ctx, `UPDATE invitations SET revoked_at = now() WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL`, id)
	if err != nil {
		return fmt.Errorf("account.RevokeInvitation: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("account.RevokeInvitation: %w", ErrNotFound)
	}
	return nil
}
