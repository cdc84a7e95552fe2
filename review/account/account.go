package account

import (
	"errors"
	"time"

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
)

// MinPasswordLength is the shortest accepted password.
const MinPasswordLength = 12

// User is a local account.
type User struct {
	ID          int64
	Username    string
	DisplayName string
	Role        string
	CreatedAt   time.Time
	Disabled    bool
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
	// SessionTTL is how long a session lasts; default 8 hours.
	SessionTTL time.Duration
	// SecureCookie sets the Secure attribute on the session cookie. Turn it off
	// only for plain-http development on localhost.
	SecureCookie bool
	// MaxFailures is the number of failed sign-ins for one username before it
	// is locked for LockoutDuration; default 5 and 15 minutes.
	MaxFailures     int
	LockoutDuration time.Duration
	// BcryptCost; default bcrypt.DefaultCost. Tests lower it.
	BcryptCost int
}

// Service manages users, sessions and API tokens.
type Service struct {
	db      *database.DB
	cfg     Config
	limiter *limiter
	now     func() time.Time
}

// New returns a Service on db.
func New(db *database.DB, cfg Config) *Service {
	if cfg.SessionTTL <= 0 {
		cfg.SessionTTL = 8 * time.Hour
	}
	if cfg.MaxFailures <= 0 {
		cfg.MaxFailures = 5
	}
	if cfg.LockoutDuration <= 0 {
		cfg.LockoutDuration = 15 * time.Minute
	}
	if cfg.BcryptCost == 0 {
		cfg.BcryptCost = defaultCost
	}
	s := &Service{db: db, cfg: cfg, now: time.Now}
	s.limiter = newLimiter(cfg.MaxFailures, cfg.LockoutDuration, func() time.Time { return s.now() })
	return s
}

// SecureCookie reports whether session cookies carry the Secure attribute.
func (s *Service) SecureCookie() bool { return s.cfg.SecureCookie }
