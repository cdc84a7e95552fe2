package account

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"golang.org/x/crypto/bcrypt"
)

const defaultCost = bcrypt.DefaultCost

var usernameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,63}$`)

// NormalizeUsername trims and lower-cases a username.
func NormalizeUsername(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// ValidRole reports whether role is a known role.
func ValidRole(role string) bool { return role == RoleAdministrator || role == RoleHandlaggare }

// CreateUser creates a user with a bcrypt hash of password.
func (s *Service) CreateUser(ctx context.Context, username, displayName, password, role string) (*User, error) {
	username = NormalizeUsername(username)
	if !usernameRE.MatchString(username) {
		return nil, fmt.Errorf("account.CreateUser: %w: username must be 2-64 of a-z 0-9 . _ -", ErrInvalid)
	}
	if !ValidRole(role) {
		return nil, fmt.Errorf("account.CreateUser: %w: role %q", ErrInvalid, role)
	}
	if len(password) < MinPasswordLength {
		return nil, fmt.Errorf("account.CreateUser: %w: password shorter than %d", ErrInvalid, MinPasswordLength)
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), s.cfg.BcryptCost)
	if err != nil {
		return nil, fmt.Errorf("account.CreateUser: %w: %v", ErrInvalid, err)
	}
	u := &User{Username: username, DisplayName: strings.TrimSpace(displayName), Role: role}
	err = s.db.Pool.QueryRow(ctx,
		`INSERT INTO users (username, display_name, password_hash, role) VALUES ($1, $2, $3, $4)
		 RETURNING id, created_at`,
		u.Username, u.DisplayName, string(hash), u.Role).Scan(&u.ID, &u.CreatedAt)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return nil, fmt.Errorf("account.CreateUser: %w", ErrExists)
	}
	if err != nil {
		return nil, fmt.Errorf("account.CreateUser: %w", err)
	}
	return u, nil
}

const userColumns = `id, username, display_name, role, created_at, disabled_at IS NOT NULL`

func scanUser(row pgx.Row) (*User, error) {
	var u User
	if err := row.Scan(&u.ID, &u.Username, &u.DisplayName, &u.Role, &u.CreatedAt, &u.Disabled); err != nil {
		if errors.Is(err, pgx.ErrNoRows) {
			return nil, ErrNotFound
		}
		return nil, err
	}
	return &u, nil
}

// UserByID returns the user with id.
func (s *Service) UserByID(ctx context.Context, id int64) (*User, error) {
	u, err := scanUser(s.db.Pool.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id))
	if err != nil {
		return nil, fmt.Errorf("account.UserByID: %w", err)
	}
	return u, nil
}

// UserByName returns the user with username.
func (s *Service) UserByName(ctx context.Context, username string) (*User, error) {
	u, err := scanUser(s.db.Pool.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE username = $1`, NormalizeUsername(username)))
	if err != nil {
		return nil, fmt.Errorf("account.UserByName: %w", err)
	}
	return u, nil
}

// ListUsers returns every user, by username.
func (s *Service) ListUsers(ctx context.Context) ([]*User, error) {
	rows, err := s.db.Pool.Query(ctx, `SELECT `+userColumns+` FROM users ORDER BY username`)
	if err != nil {
		return nil, fmt.Errorf("account.ListUsers: %w", err)
	}
	defer rows.Close()
	var out []*User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("account.ListUsers: %w", err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("account.ListUsers: %w", err)
	}
	return out, nil
}

// SetDisabled disables or enables a user. Disabling ends the user's sessions
// and revokes the user's API tokens.
func (s *Service) SetDisabled(ctx context.Context, id int64, disabled bool) error {
	return s.db.Transact(ctx, func(tx pgx.Tx) error {
		var tag pgconn.CommandTag
		var err error
		if disabled {
			tag, err = tx.Exec(ctx, `UPDATE users SET disabled_at = coalesce(disabled_at, now()) WHERE id = $1`, id)
		} else {
			tag, err = tx.Exec(ctx, `UPDATE users SET disabled_at = NULL WHERE id = $1`, id)
		}
		if err != nil {
			return fmt.Errorf("account.SetDisabled: %w", err)
		}
		if tag.RowsAffected() == 0 {
			return fmt.Errorf("account.SetDisabled: %w", ErrNotFound)
		}
		if !disabled {
			return nil
		}
		if _, err := tx.Exec(ctx, `DELETE FROM sessions WHERE user_id = $1`, id); err != nil {
			return fmt.Errorf("account.SetDisabled: sessions: %w", err)
		}
		if _, err := tx.Exec(ctx, `UPDATE api_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, id); err != nil {
			return fmt.Errorf("account.SetDisabled: tokens: %w", err)
		}
		return nil
	})
}

// CountActiveAdmins returns the number of administrators who are not disabled.
func (s *Service) CountActiveAdmins(ctx context.Context) (int, error) {
	var n int
	err := s.db.Pool.QueryRow(ctx, `SELECT count(*) FROM users WHERE role = $1 AND disabled_at IS NULL`, RoleAdministrator).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("account.CountActiveAdmins: %w", err)
	}
	return n, nil
}

// dummyHash is compared against when the user does not exist, so that a
// sign-in takes as long for unknown users as for known ones.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("arsflow-dummy-password"), bcrypt.MinCost)

// CheckPassword returns the user when username and password match an enabled
// account. It returns ErrLocked after too many failures for that username and
// ErrUnauthenticated for any wrong credentials, without saying which part.
func (s *Service) CheckPassword(ctx context.Context, username, password string) (*User, error) {
	username = NormalizeUsername(username)
	if s.limiter.locked(username) {
		return nil, fmt.Errorf("account.CheckPassword: %w", ErrLocked)
	}
	var hash string
	u := &User{}
	err := s.db.Pool.QueryRow(ctx,
		`SELECT `+userColumns+`, password_hash FROM users WHERE username = $1`, username).
		Scan(&u.ID, &u.Username, &u.DisplayName, &u.Role, &u.CreatedAt, &u.Disabled, &hash)
	if errors.Is(err, pgx.ErrNoRows) {
		_ = bcrypt.CompareHashAndPassword(dummyHash, []byte(password))
		s.limiter.fail(username)
		return nil, fmt.Errorf("account.CheckPassword: %w", ErrUnauthenticated)
	}
	if err != nil {
		return nil, fmt.Errorf("account.CheckPassword: %w", err)
	}
	if bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) != nil || u.Disabled {
		s.limiter.fail(username)
		return nil, fmt.Errorf("account.CheckPassword: %w", ErrUnauthenticated)
	}
	s.limiter.reset(username)
	return u, nil
}
