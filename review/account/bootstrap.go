package account

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
)

// EnsureFirstAdmin creates the first administrator when no administrator
// exists yet; it is idempotent. With a password (set by the operator in the
// environment) the account can sign in at once. Without one it returns a
// one-time invitation code instead, with which the administrator sets a
// password only they know (/inbjudan/CODE); no password is ever generated
// or printed. created says whether a user or an invitation was made.
func (s *Service) EnsureFirstAdmin(ctx context.Context, username, password string) (invitation string, created bool, err error) {
	var exists bool
	if err := s.db.Pool.QueryRow(ctx,
		`SELECT EXISTS (SELECT 1 FROM users WHERE role = $1)
		     OR EXISTS (SELECT 1 FROM invitations WHERE role = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now())`,
		RoleAdministrator).Scan(&exists); err != nil {
		return "", false, fmt.Errorf("account.EnsureFirstAdmin: %w", err)
	}
	if exists {
		return "", false, nil
	}
	if username == "" {
		username = "admin"
	}
	if password == "" {
		code, err := s.createInvitation(ctx, nil, username, "Administratör", RoleAdministrator)
		if err != nil {
			return "", false, fmt.Errorf("account.EnsureFirstAdmin: %w", err)
		}
		return code, true, nil
	}
	if _, err := s.CreateUser(ctx, username, "Administratör", password, RoleAdministrator); err != nil {
		return "", false, fmt.Errorf("account.EnsureFirstAdmin: %w", err)
	}
	return "", true, nil
}

// randomToken returns n random bytes, base64url-encoded without padding.
func randomToken(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never returns an error
	return base64.RawURLEncoding.EncodeToString(b)
}
