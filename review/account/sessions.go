package account

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Session is a signed-in browser session.
type Session struct {
	// Token is the cookie value; only its sha256 is stored.
	Token     string
	CSRFToken string
	UserID    int64
	ExpiresAt time.Time
}

// CheckCSRF reports whether token equals the session's CSRF token.
func (s *Session) CheckCSRF(token string) bool {
	return s != nil && token != "" && subtle.ConstantTimeCompare([]byte(token), []byte(s.CSRFToken)) == 1
}

func hashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// CreateSession starts a session for userID.
func (s *Service) CreateSession(ctx context.Context, userID int64) (*Session, error) {
	sess := &Session{
		Token:     randomToken(32),
		CSRFToken: randomToken(32),
		UserID:    userID,
		ExpiresAt: s.now().Add(s.cfg.SessionTTL),
	}
	_, err := s.db.Pool.Exec(ctx,
		`INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)`,
		hashToken(sess.Token), userID, sess.CSRFToken, sess.ExpiresAt)
	if err != nil {
		return nil, fmt.Errorf("account.CreateSession: %w", err)
	}
	// Expired sessions are removed opportunistically.
	if _, err := s.db.Pool.Exec(ctx, `DELETE FROM sessions WHERE expires_at < $1`, s.now()); err != nil {
		return nil, fmt.Errorf("account.CreateSession: prune: %w", err)
	}
	return sess, nil
}

// SessionUser returns the session for the cookie value token and its user. An
// unknown or expired session, or a disabled user, gives ErrUnauthenticated.
func (s *Service) SessionUser(ctx context.Context, token string) (*Session, *User, error) {
	if token == "" {
		return nil, nil, fmt.Errorf("account.SessionUser: %w", ErrUnauthenticated)
	}
	sess := &Session{Token: token}
	u := &User{}
	err := s.db.Pool.QueryRow(ctx,
		`SELECT s.csrf_token, s.user_id, s.expires_at,
		        u.id, u.username, u.display_name, u.role, u.created_at, u.disabled_at IS NOT NULL
		   FROM sessions s JOIN users u ON u.id = s.user_id
		  WHERE s.token_hash = $1`, hashToken(token)).
		Scan(&sess.CSRFToken, &sess.UserID, &sess.ExpiresAt,
			&u.ID, &u.Username, &u.DisplayName, &u.Role, &u.CreatedAt, &u.Disabled)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil, fmt.Errorf("account.SessionUser: %w", ErrUnauthenticated)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("account.SessionUser: %w", err)
	}
	if !s.now().Before(sess.ExpiresAt) || u.Disabled {
		return nil, nil, fmt.Errorf("account.SessionUser: %w", ErrUnauthenticated)
	}
	return sess, u, nil
}

// DeleteSession ends the session for the cookie value token.
func (s *Service) DeleteSession(ctx context.Context, token string) error {
	if _, err := s.db.Pool.Exec(ctx, `DELETE FROM sessions WHERE token_hash = $1`, hashToken(token)); err != nil {
		return fmt.Errorf("account.DeleteSession: %w", err)
	}
	return nil
}
