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

// Token scopes: what an API token reaches. No scope reaches /admin, a
// decision or a correction; those need a signed-in person.
const (
	// ScopeIngest: upload batches, follow them and retry documents (the ingest API).
	ScopeIngest = "ingest"
	// ScopeExport: the export of approved cases.
	ScopeExport = "export"
	// ScopeRead: follow batches (read-only ingest API).
	ScopeRead = "read"
)

// Token lifetimes.
const (
	DefaultTokenTTL = 90 * 24 * time.Hour
	MaxTokenTTL     = 366 * 24 * time.Hour
)

// ValidScope reports whether scope is a known token scope.
func ValidScope(scope string) bool {
	return scope == ScopeIngest || scope == ScopeExport || scope == ScopeRead
}

// scopeAllowed says which roles may hold a token of each scope: uploads are
// administrators' work; the export is for both roles.
func scopeAllowed(role, scope string) bool {
	switch scope {
	case ScopeIngest, ScopeRead:
		return role == RoleAdministrator
	case ScopeExport:
		return role == RoleAdministrator || role == RoleHandlaggare
	}
	return false
}

// Token describes an API token; the plaintext is never stored.
type Token struct {
	ID         int64
	UserID     int64 // the owner, in whose name it acts
	Username   string
	Name       string
	Scope      string
	CreatedAt  time.Time
	ExpiresAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

// Expired reports whether t is past its expiry at now.
func (t Token) Expired(now time.Time) bool { return !now.Before(t.ExpiresAt) }

// CreateToken creates an API token of scope for userID, valid for ttl (0:
// DefaultTokenTTL; at most MaxTokenTTL), and returns its plaintext, which is
// shown once.
func (s *Service) CreateToken(ctx context.Context, userID int64, name, scope string, ttl time.Duration) (string, error) {
	name = strings.TrimSpace(name)
	if len(name) > 100 {
		return "", fmt.Errorf("account.CreateToken: %w: name too long", ErrInvalid)
	}
	if ttl == 0 {
		ttl = DefaultTokenTTL
	}
	if ttl < 0 || ttl > MaxTokenTTL {
		return "", fmt.Errorf("account.CreateToken: %w: lifetime %s", ErrInvalid, ttl)
	}
	if !ValidScope(scope) {
		return "", fmt.Errorf("account.CreateToken: %w: scope %q", ErrInvalid, scope)
	}
	u, err := s.UserByID(ctx, userID)
	if err != nil {
		return "", fmt.Errorf("account.CreateToken: %w", err)
	}
	if u.Disabled {
		return "", fmt.Errorf("account.CreateToken: %w: user is disabled", ErrInvalid)
	}
	if !scopeAllowed(u.Role, scope) {
		return "", fmt.Errorf("account.CreateToken: %w: role %s cannot hold scope %s", ErrInvalid, u.Role, scope)
	}
	plain := TokenPrefix + randomToken(32)
	if _, err := s.db.Pool.Exec(ctx,
		`INSERT INTO api_tokens (user_id, name, token_hash, scope, expires_at) VALUES ($1, $2, $3, $4, $5)`,
		userID, name, hashToken(plain), scope, s.now().Add(ttl)); err != nil {
		return "", fmt.Errorf("account.CreateToken: %w", err)
	}
	return plain, nil
}

// UserFromToken returns the enabled owner of a valid, unexpired, unrevoked
// API token whose scope is one of scopes, and records its use. A token of
// another scope gives ErrForbidden.
func (s *Service) UserFromToken(ctx context.Context, token string, scopes ...string) (*User, error) {
	if !strings.HasPrefix(token, TokenPrefix) {
		return nil, fmt.Errorf("account.UserFromToken: %w", ErrUnauthenticated)
	}
	var tokenID int64
	var scope string
	var expires time.Time
	u := &User{}
	err := s.db.Pool.QueryRow(ctx,
		`SELECT t.id, t.scope, t.expires_at, `+prefixed("u.", userColumns)+`
		   FROM api_tokens t JOIN users u ON u.id = t.user_id
		  WHERE t.token_hash = $1 AND t.revoked_at IS NULL`, hashToken(token)).
		Scan(&tokenID, &scope, &expires, &u.ID, &u.Username, &u.DisplayName, &u.Role, &u.CreatedAt, &u.Disabled, &u.MayDecide)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("account.UserFromToken: %w", ErrUnauthenticated)
	}
	if err != nil {
		return nil, fmt.Errorf("account.UserFromToken: %w", err)
	}
	if u.Disabled || !s.now().Before(expires) || !scopeAllowed(u.Role, scope) {
		return nil, fmt.Errorf("account.UserFromToken: %w", ErrUnauthenticated)
	}
	ok := false
	for _, sc := range scopes {
		ok = ok || sc == scope
	}
	if !ok {
		return nil, fmt.Errorf("account.UserFromToken: %w: a %s token", ErrForbidden, scope)
	}
	if _, err := s.db.Pool.Exec(ctx, `UPDATE api_tokens SET last_used_at = now() WHERE id = $1`, tokenID); err != nil {
		return nil, fmt.Errorf("account.UserFromToken: %w", err)
	}
	return u, nil
}

// prefixed qualifies each column of a column list with p.
func prefixed(p, cols string) string {
	parts := strings.Split(cols, ", ")
	for i, c := range parts {
		if strings.HasPrefix(c, "arsflow_may_decide(") {
			parts[i] = "arsflow_may_decide(" + p + "id)"
			continue
		}
		parts[i] = p + c
	}
	return strings.Join(parts, ", ")
}

// ListTokens returns every API token, newest first.
func (s *Service) ListTokens(ctx context.Context) ([]Token, error) {
	rows, err := s.db.Pool.Query(ctx,
		`SELECT t.id, t.user_id, u.username, t.name, t.scope, t.created_at, t.expires_at, t.last_used_at, t.revoked_at
		   FROM api_tokens t JOIN users u ON u.id = t.user_id
		  ORDER BY t.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("account.ListTokens: %w", err)
	}
	defer rows.Close()
	var out []Token
	for rows.Next() {
		var t Token
		if err := rows.Scan(&t.ID, &t.UserID, &t.Username, &t.Name, &t.Scope, &t.CreatedAt, &t.ExpiresAt, &t.LastUsedAt, &t.RevokedAt); err != nil {
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
