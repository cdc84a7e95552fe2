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
	ExpiresAt time.Time // the absolute end
}

// CheckCSRF reports whether token equals the session's CSRF token.
func (s *Session) CheckCSRF(token string) bool {
	return s != nil && token != "" && subtle.ConstantTimeCompare([]byte(token), []byte(s.CSRFToken)) == 1
}

func hashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// CreateSession starts a new session for userID, with new random cookie and
// CSRF values. previous, the cookie value the browser sent (if any), is
// ended, so a session id planted before sign-in is never signed in.
func (s *Service) CreateSession(ctx context.Context, userID int64, previous string) (*Session, error) {
	sess := &Session{
		Token:     randomToken(32),
		CSRFToken: randomToken(32),
		UserID:    userID,
		ExpiresAt: s.now().Add(s.cfg.SessionTTL),
	}
	err := s.db.Transact(ctx, func(tx pgx.Tx) error {
		if previous != "" {
			if _, err := tx.Exec(ctx, `DELETE FROM sessions WHERE token_hash = $1`, hashToken(previous)); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx,
			`INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at, last_seen_at) VALUES ($1, $2, $3, $4, $5)`,
			hashToken(sess.Token), userID, sess.CSRFToken, sess.ExpiresAt, s.now()); err != nil {
			return err
		}
		// Ended sessions are removed opportunistically.
		_, err := tx.Exec(ctx, `DELETE FROM sessions WHERE expires_at < $1 OR last_seen_at < $2`, s.now(), s.now().Add(-s.cfg.SessionIdle))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("account.CreateSession: %w", err)
	}
	if err := s.pruneThrottle(ctx); err != nil {
		return nil, fmt.Errorf("account.CreateSession: %w", err)
	}
	return sess, nil
}

// SessionUser returns the session for the cookie value token and its user,
// and marks the session used. A session past its absolute end, unused for
// longer than the idle limit, of a disabled user, or ended by a change of
// the user's role gives ErrUnauthenticated.
func (s *Service) SessionUser(ctx context.Context, token string) (*Session, *User, error) {
	if token == "" {
		return nil, nil, fmt.Errorf("account.SessionUser: %w", ErrUnauthenticated)
	}
	sess := &Session{Token: token}
	u := &User{}
	var lastSeen time.Time
	err := s.db.Pool.QueryRow(ctx,
		`SELECT s.csrf_token, s.user_id, s.expires_at, s.last_seen_at,
		        u.id, u.username, u.display_name, u.role, u.created_at, u.disabled_at IS NOT NULL, arsflow_may_decide(u.id)
		   FROM sessions s JOIN users u ON u.id = s.user_id
		  WHERE s.token_hash = $1`, hashToken(token)).
		Scan(&sess.CSRFToken, &sess.UserID, &sess.ExpiresAt, &lastSeen,
			&u.ID, &u.Username, &u.DisplayName, &u.Role, &u.CreatedAt, &u.Disabled, &u.MayDecide)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil, fmt.Errorf("account.SessionUser: %w", ErrUnauthenticated)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("account.SessionUser: %w", err)
	}
	now := s.now()
	if !now.Before(sess.ExpiresAt) || now.Sub(lastSeen) >= s.cfg.SessionIdle || u.Disabled {
		_ = s.DeleteSession(ctx, token)
		return nil, nil, fmt.Errorf("account.SessionUser: %w", ErrUnauthenticated)
	}
	if now.Sub(lastSeen) > 30*time.Second {
		if _, err := s.db.Pool.Exec(ctx, `UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1`, hashToken(token), now); err != nil {
			return nil, nil, fmt.Errorf("account.SessionUser: %w", err)
		}
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
