package account

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// TokenPrefix starts every API token, so that a leaked token is recognisable.
const TokenPrefix = "arsf_"

// Token describes an API token; the plaintext is never stored.
type Token struct {
	ID         int64
	UserID     int64
	Username   string
	Name       string
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

// CreateToken creates an API token for userID and returns its plaintext,
// which is shown once.
func (s *Service) CreateToken(ctx context.Context, userID int64, name string) (string, error) {
	name = strings.TrimSpace(name)
	if len(name) > 100 {
		return "", fmt.Errorf("account.CreateToken: %w: name too long", ErrInvalid)
	}
	u, err := s.UserByID(ctx, userID)
	if err != nil {
		return "", fmt.Errorf("account.CreateToken: %w", err)
	}
	if u.Disabled {
		return "", fmt.Errorf("account.CreateToken: %w: user is disabled", ErrInvalid)
	}
	plain := TokenPrefix + randomToken(32)
	if _, err := s.db.Pool.Exec(ctx,
		`INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1, $2, $3)`,
		userID, name, hashToken(plain)); err != nil {
		return "", fmt.Errorf("account.CreateToken: %w", err)
	}
	return plain, nil
}

// UserFromToken returns the enabled user of a valid, unrevoked API token and
// records its use.
func (s *Service) UserFromToken(ctx context.Context, token string) (*User, error) {
	if !strings.HasPrefix(token, TokenPrefix) {
		return nil, fmt.Errorf("account.UserFromToken: %w", ErrUnauthenticated)
	}
	var tokenID int64
	u := &User{}
	err := s.db.Pool.QueryRow(ctx,
		`SELECT t.id, u.id, u.username, u.display_name, u.role, u.created_at, u.disabled_at IS NOT NULL
		   FROM api_tokens t JOIN users u ON u.id = t.user_id
		  WHERE t.token_hash = $1 AND t.revoked_at IS NULL`, hashToken(token)).
		Scan(&tokenID, &u.ID, &u.Username, &u.DisplayName, &u.Role, &u.CreatedAt, &u.Disabled)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("account.UserFromToken: %w", ErrUnauthenticated)
	}
	if err != nil {
		return nil, fmt.Errorf("account.UserFromToken: %w", err)
	}
	if u.Disabled {
		return nil, fmt.Errorf("account.UserFromToken: %w", ErrUnauthenticated)
	}
	if _, err := s.db.Pool.Exec(ctx, `UPDATE api_tokens SET last_used_at = now() WHERE id = $1`, tokenID); err != nil {
		return nil, fmt.Errorf("account.UserFromToken: %w", err)
	}
	return u, nil
}

// ListTokens returns every API token, newest first.
func (s *Service) ListTokens(ctx context.Context) ([]Token, error) {
	rows, err := s.db.Pool.Query(ctx,
		`SELECT t.id, t.user_id, u.username, t.name, t.created_at, t.last_used_at, t.revoked_at
		   FROM api_tokens t JOIN users u ON u.id = t.user_id
		  ORDER BY t.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("account.ListTokens: %w", err)
	}
	defer rows.Close()
	var out []Token
	for rows.Next() {
		var t Token
		if err := rows.Scan(&t.ID, &t.UserID, &t.Username, &t.Name, &t.CreatedAt, &t.LastUsedAt, &t.RevokedAt); err != nil {
			return nil, fmt.Errorf("account.ListTokens: %w", err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("account.ListTokens: %w", err)
	}
	return out, nil
}

// RevokeToken revokes the API token id. Revoking twice is not an error.
func (s *Service) RevokeToken(ctx context.Context, id int64) error {
	tag, err := s.db.Pool.Exec(ctx, `UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1`, id)
	if err != nil {
		return fmt.Errorf("account.RevokeToken: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("account.RevokeToken: %w", ErrNotFound)
	}
	return nil
}
