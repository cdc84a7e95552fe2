package account

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// throttleKey is one counter of failed sign-ins and its limit.
type throttleKey struct {
	hash  []byte
	limit int
}

// throttleKeys are the counters a sign-in of username from client counts
// against: the pair (locks that account for that client only, so a stranger
// cannot lock a user out everywhere), the client on any account, and the
// account from any client (a guess spread over many clients).
func (s *Service) throttleKeys(username, client string) []throttleKey {
	h := func(parts ...string) []byte {
		sum := sha256.New()
		for _, p := range parts {
			sum.Write([]byte(p))
			sum.Write([]byte{0})
		}
		return sum.Sum(nil)
	}
	m := s.cfg.MaxFailures
	return []throttleKey{
		{h("pair", username, client), m},
		{h("client", client), 4 * m},
		{h("account", username), 10 * m},
	}
}

// reserve counts an attempt against the keys, narrowest first, before the
// password is checked, in one transaction whose row locks order parallel
// attempts: of any number of simultaneous attempts, only as many as a limit
// allows get to check a password. It stops at the first key over its limit,
// so attempts a narrower key already refuses do not count against a wider
// one (one client cannot lock an account for everyone). It reports whether
// a key is over its limit.
func (s *Service) reserve(ctx context.Context, keys []throttleKey) (locked bool, err error) {
	window := s.cfg.LockoutDuration
	err = s.db.Transact(ctx, func(tx pgx.Tx) error {
		for _, k := range keys {
			var n int
			err := tx.QueryRow(ctx,
				`INSERT INTO signin_throttle AS t (key_hash, failures, window_start) VALUES ($1, 1, now())
				 ON CONFLICT (key_hash) DO UPDATE SET
				   failures     = CASE WHEN t.window_start < now() - $2::interval THEN 1 ELSE t.failures + 1 END,
				   window_start = CASE WHEN t.window_start < now() - $2::interval THEN now() ELSE t.window_start END
				 RETURNING failures`, k.hash, window).Scan(&n)
			if err != nil {
				return err
			}
			if n > k.limit {
				locked = true
				return nil
			}
		}
		return nil
	})
	return locked, err
}

// release takes back a successful attempt: the pair and the account start
// again from zero; the client's count drops by the one reserved.
func (s *Service) release(ctx context.Context, keys []throttleKey) error {
	return s.db.Transact(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM signin_throttle WHERE key_hash = ANY($1)`, [][]byte{keys[0].hash, keys[2].hash}); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE signin_throttle SET failures = greatest(failures - 1, 0) WHERE key_hash = $1`, keys[1].hash)
		return err
	})
}

// CheckPassword returns the user when username and password match an
// enabled local account. client identifies the caller (its address); the
// counts of failures per account and client, per client and per account
// live in the database, so they hold across processes and parallel
// attempts. It returns ErrLocked over a limit and ErrUnauthenticated for any
// wrong credentials, without saying which part, and takes as long for an
// unknown user as for a known one.
func (s *Service) CheckPassword(ctx context.Context, username, password, client string) (*User, error) {
	username = NormalizeUsername(username)
	keys := s.throttleKeys(username, client)
	locked, err := s.reserve(ctx, keys)
	if err != nil {
		return nil, fmt.Errorf("account.CheckPassword: %w", err)
	}
	var hash *string
	u := &User{}
	err = s.db.Pool.QueryRow(ctx,
		`SELECT `+userColumns+`, password_hash FROM users WHERE username = $1`, username).
		Scan(&u.ID, &u.Username, &u.DisplayName, &u.Role, &u.CreatedAt, &u.Disabled, &u.MayDecide, &hash)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("account.CheckPassword: %w", err)
	}
	stored := s.dummyHash()
	known := err == nil && hash != nil
	if known {
		stored = *hash
	}
	if locked {
		return nil, fmt.Errorf("account.CheckPassword: %w", ErrLocked)
	}
	if !matchPassword(stored, password) || !known || u.Disabled {
		return nil, fmt.Errorf("account.CheckPassword: %w", ErrUnauthenticated)
	}
	if err := s.release(ctx, keys); err != nil {
		return nil, fmt.Errorf("account.CheckPassword: %w", err)
	}
	return u, nil
}

// pruneThrottle removes counters whose window ended long ago.
func (s *Service) pruneThrottle(ctx context.Context) error {
	_, err := s.db.Pool.Exec(ctx, `DELETE FROM signin_throttle WHERE window_start < $1`, s.now().Add(-2*s.cfg.LockoutDuration-time.Hour))
	return err
}
