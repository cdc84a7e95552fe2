package account

import (
	"errors"
	"time"

	"golang.org/x/crypto/bcrypt"

	"arsflow/queue/database"
)

// Roles.
const (
	RoleAdministrator = "administrator"
	RoleHandlaggare   = "handlaggare"
)

// Sentinel errors.
var (
	// ErrNotFound: no such user, session or token.
	ErrNotFound = errors.New("account: not found")
	// ErrInvalid: input that fails validation (short password, bad role, bad name).
	ErrInvalid = errors.New("account: invalid input")
	// ErrUnauthenticated: wrong credentials, expired session, revoked token or disabled user.
	ErrUnauthenticated = errors.New("account: not authenticated")
	// ErrLocked: too many failed sign-ins; try again later.
	ErrLocked = errors.New("account: temporarily locked")
	// ErrExists: the username is taken.
	ErrExists = errors.New("account: already exists")
	// ErrForbidden: the action would break the separation of duties or the
	// token's scope does not reach the route.
	ErrForbidden = errors.New("account: forbidden")
)

// User is a local account.
type User struct {
	ID          int64
	Username    string
	DisplayName string
	Role        string
	CreatedAt   time.Time
	Disabled    bool
	// MayDecide: an enabled handläggare whose role was granted by the
	// operator or the identity provider, or by an invitation another
	// handläggare confirmed (the database's arsflow_may_decide).
	MayDecide bool
}

// Name returns the display name, else the username.
func (u *User) Name() string {
	if u.DisplayName != "" {
		return u.DisplayName
	}
	return u.Username
}

// IsAdmin reports whether u has the administrator role.
func (u *User) IsAdmin() bool { return u != nil && u.Role == RoleAdministrator }

// IsHandlaggare reports whether u has the handläggare role.
func (u *User) IsHandlaggare() bool { return u != nil && u.Role == RoleHandlaggare }

// Config tunes the service. The zero value is usable.
type Config struct {
	// SessionTTL is how long a session lasts at most (absolute); default
	// 8 hours. SessionIdle ends a session unused that long; default 30
	// minutes.
	SessionTTL  time.Duration
	SessionIdle time.Duration
	// SecureCookie sets the Secure attribute on the session cookie. Turn it off
	// only for plain-http development on localhost.
	SecureCookie bool
	// MaxFailures is the number of failed sign-ins for one username from one
	// client within LockoutDuration before that pair is locked for the rest
	// of it; default 5 and 15 minutes. A client is locked after
	// 4×MaxFailures failures on any accounts, an account after 10×MaxFailures
	// from any clients.
	MaxFailures     int
	LockoutDuration time.Duration
	// InvitationTTL is how long an invitation link is valid; default 72 hours.
	InvitationTTL time.Duration
	// BcryptCost; default bcrypt.DefaultCost. Tests lower it.
	BcryptCost int
	// Now is the clock; default time.Now. Tests move it.
	Now func() time.Time
}

// Service manages users, sessions and API tokens.
type Service struct {
	db    *database.DB
	cfg   Config
	now   func() time.Time
	dummy dummyHash
}

// New returns a Service on db.
func New(db *database.DB, cfg Config) *Service {
	if cfg.SessionTTL <= 0 {
		cfg.SessionTTL = 8 * time.Hour
	}
	if cfg.SessionIdle <= 0 {
		cfg.SessionIdle = 30 * time.Minute
	}
	if cfg.InvitationTTL <= 0 {
		cfg.InvitationTTL = 72 * time.Hour
	}
	if cfg.MaxFailures <= 0 {
		cfg.MaxFailures = 5
	}
	if cfg.LockoutDuration <= 0 {
		cfg.LockoutDuration = 15 * time.Minute
	}
	if cfg.BcryptCost == 0 {
		cfg.BcryptCost = bcrypt.DefaultCost
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Service{db: db, cfg: cfg, now: cfg.Now}
}

// SecureCookie reports whether session cookies carry the Secure attribute.
func (s *Service) SecureCookie() bool { return s.cfg.SecureCookie }
