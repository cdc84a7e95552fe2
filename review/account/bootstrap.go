package account

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
)

// EnsureFirstAdmin creates the first administrator when no administrator
// exists yet; it is idempotent. When password is empty it generates one. It
// returns the password that was set (for the caller to print once) and
// whether a user was created; when an administrator already exists it
// returns "", false.
func (s *Service) EnsureFirstAdmin(ctx context.Context, username, password string) (generated string, created bool, err error) {
	var exists bool
	if err := s.db.Pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM users WHERE role = $1)`, RoleAdministrator).Scan(&exists); err != nil {
		return "", false, fmt.Errorf("account.EnsureFirstAdmin: %w", err)
	}
	if exists {
		return "", false, nil
	}
	if username == "" {
		username = "admin"
	}
	if password == "" {
		password = randomToken(18)
	}
	if _, err := s.CreateUser(ctx, username, "Administratör", password, RoleAdministrator); err != nil {
		return "", false, fmt.Errorf("account.EnsureFirstAdmin: %w", err)
	}
	return password, true, nil
}

// randomToken returns n random bytes, base64url-encoded without padding.
func randomToken(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never returns an error
	return base64.RawURLEncoding.EncodeToString(b)
}
