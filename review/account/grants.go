package account

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Grant is one role given to one user, as the handläggare group sees it.
type Grant struct {
	ID          int64
	UserID      int64
	Username    string
	DisplayName string
	Role        string
	Source      string // SourceOperator, SourceInvitation or SourceOIDC
	GrantedBy   string // the inviting administrator's username, "" otherwise
	GrantedAt   time.Time
	Current     bool   // the user's role now
	Disabled    bool   // the user is disabled
	ConfirmedBy string // the confirming handläggare's username, "" when none
	ConfirmedAt *time.Time
}

// NeedsConfirmation reports whether g is a handläggare grant from an
// invitation that no colleague has confirmed yet.
func (g Grant) NeedsConfirmation() bool {
	return g.Role == RoleHandlaggare && g.Source == SourceInvitation && g.ConfirmedBy == "" && g.Current && !g.Disabled
}

// ListGrants returns every role grant, newest first.
func (s *Service) ListGrants(ctx context.Context) ([]Grant, error) {
	rows, err := s.db.Pool.Query(ctx,
		`SELECT g.id, g.user_id, u.username, u.display_name, g.role, g.source, coalesce(a.username, ''), g.granted_at,
		        u.grant_id = g.id, u.disabled_at IS NOT NULL, coalesce(cu.username, ''), c.confirmed_at
		   FROM role_grants g
		   JOIN users u ON u.id = g.user_id
		   LEFT JOIN users a ON a.id = g.granted_by
		   LEFT JOIN role_confirmations c ON c.grant_id = g.id
		   LEFT JOIN users cu ON cu.id = c.confirmed_by
		  ORDER BY g.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("account.ListGrants: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Grant, error) {
		var g Grant
		err := r.Scan(&g.ID, &g.UserID, &g.Username, &g.DisplayName, &g.Role, &g.Source, &g.GrantedBy, &g.GrantedAt,
			&g.Current, &g.Disabled, &g.ConfirmedBy, &g.ConfirmedAt)
		return g, err
	})
	if err != nil {
		return nil, fmt.Errorf("account.ListGrants: %w", err)
	}
	return out, nil
}

// ConfirmGrant records that the handläggare by confirms grant grantID: the
// invited colleague is who the account says. The database refuses a
// confirmation by the user themself, by the inviting administrator, or by
// anyone who may not decide (ErrForbidden).
func (s *Service) ConfirmGrant(ctx context.Context, by *User, grantID int64) error {
	if by == nil || !by.MayDecide {
		return fmt.Errorf("account.ConfirmGrant: %w: only a confirmed handläggare confirms", ErrForbidden)
	}
	_, err := s.db.Pool.Exec(ctx, `INSERT INTO role_confirmations (grant_id, confirmed_by) VALUES ($1, $2)`, grantID, by.ID)
	if isFK(err) {
		return fmt.Errorf("account.ConfirmGrant: %w", ErrNotFound)
	}
	if isUnique(err) {
		return fmt.Errorf("account.ConfirmGrant: %w", ErrExists)
	}
	if err != nil {
		return fmt.Errorf("account.ConfirmGrant: %w", dbRefusal(err))
	}
	return nil
}

func isFK(err error) bool     { return pgCode(err) == "23503" }
func isUnique(err error) bool { return pgCode(err) == "23505" }
