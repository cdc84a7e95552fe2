package account

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

var usernameRE = lazyRegexp(`^[a-z0-9][a-z0-9._@-]{1,63}$`)

// NormalizeUsername trims and lower-cases a username.
func NormalizeUsername(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// ValidRole reports whether role is a known role.
func ValidRole(role string) bool { return role == RoleAdministrator || role == RoleHandlaggare }

// Grant sources (role_grants.source).
const (
	SourceOperator   = "operator"
	SourceInvitation = "invitation"
	SourceOIDC       = "oidc"
)

// CreateUser creates a local user with a password, its role granted by the
// operator: the first administrator, the demo and tests, all run with the
// database's credentials. The web UI never calls it:
// there, accounts come from invitations (CreateInvitation) or the identity
// provider.
func (s *Service) CreateUser(ctx context.Context, username, displayName, password, role string) (*User, error) {
	username = NormalizeUsername(username)
	if !usernameRE().MatchString(username) {
		return nil, fmt.Errorf("account.CreateUser: %w: username must be 2-64 of a-z 0-9 . _ - @", ErrInvalid)
	}
	if !ValidRole(role) {
		return nil, fmt.Errorf("account.CreateUser: %w: role %q", ErrInvalid, role)
	}
	if p := PasswordProblem(username, password); p != "" {
		return nil, fmt.Errorf("account.CreateUser: %w: %s", ErrInvalid, p)
	}
	hash, err := s.hashPassword(password)
	if err != nil {
		return nil, fmt.Errorf("account.CreateUser: %w: %v", ErrInvalid, err)
	}
	var u *User
	err = s.db.Transact(ctx, func(tx pgx.Tx) error {
		u, err = insertUser(ctx, tx, username, displayName, &hash, role, SourceOperator, nil)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("account.CreateUser: %w", err)
	}
	return s.UserByID(ctx, u.ID)
}

// insertUser creates a user and grants its role from source (by grantedBy
// for an invitation) in tx.
func insertUser(ctx context.Context, tx pgx.Tx, username, displayName string, hash *string, role, source string, grantedBy *int64) (*User, error) {
	u := &User{Username: username, DisplayName: strings.TrimSpace(displayName), Role: role}
	err := tx.QueryRow(ctx,
		`INSERT INTO users (username, display_name, password_hash, role) VALUES ($1, $2, $3, $4)
		 RETURNING id, created_at`,
		u.Username, u.DisplayName, hash, u.Role).Scan(&u.ID, &u.CreatedAt)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return nil, ErrExists
	}
	if err != nil {
		return nil, err
	}
	return u, grantRole(ctx, tx, u.ID, role, source, grantedBy)
}

// grantRole records a grant of role to userID and makes it the user's role.
func grantRole(ctx context.Context, tx pgx.Tx, userID int64, role, source string, grantedBy *int64) error {
	var grantID int64
	if err := tx.QueryRow(ctx,
		`INSERT INTO role_grants (user_id, role, source, granted_by) VALUES ($1, $2, $3, $4) RETURNING id`,
		userID, role, source, grantedBy).Scan(&grantID); err != nil {
		return dbRefusal(err)
	}
	_, err := tx.Exec(ctx, `UPDATE users SET role = $2, grant_id = $3 WHERE id = $1`, userID, role, grantID)
	return dbRefusal(err)
}

// dbRefusal maps an exception raised by a separation-of-duties trigger or
// check to ErrForbidden.
func dbRefusal(err error) error {
	if c := pgCode(err); c == "P0001" || c == "23514" { // raise_exception, check_violation
		return fmt.Errorf("%w: %v", ErrForbidden, err)
	}
	return err
}

// pgCode returns the SQLSTATE of a PostgreSQL error, else "".
func pgCode(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code
	}
	return ""
}

const userColumns = `id, username, display_name, role, created_at, disabled_at IS NOT NULL, arsflow_may_decide(id)`

func scanUser(row pgx.Row) (*User, error) {
	var u User
	if err := row.Scan(&u.ID, &u.Username, &u.DisplayName, &u.Role, &u.CreatedAt, &u.Disabled, &u.MayDecide); err != nil {
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
// and revokes the user's API tokens (the database does it, whoever
// disables).
func (s *Service) SetDisabled(ctx context.Context, id int64, disabled bool) error {
	var tag pgconn.CommandTag
	var err error
	if disabled {
		tag, err = s.db.Pool.Exec(ctx, `UPDATE users SET disabled_at = coalesce(disabled_at, now()) WHERE id = $1`, id)
	} else {
		tag, err = s.db.Pool.Exec(ctx, `UPDATE users SET disabled_at = NULL WHERE id = $1`, id)
	}
	if err != nil {
		return fmt.Errorf("account.SetDisabled: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("account.SetDisabled: %w", ErrNotFound)
	}
	return nil
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

// lazyRegexp compiles a regular expression the first time it is used, so
// that a process that never needs it does not pay for it at start.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
