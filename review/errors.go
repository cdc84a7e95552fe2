package review

import (
	"errors"
	"fmt"
)

// Sentinel errors. The web adapter maps them to status codes.
var (
	// ErrNotFound: no such case, document, user or token (404).
	ErrNotFound = errors.New("review: not found")
	// ErrInvalid: input that fails validation (400).
	ErrInvalid = errors.New("review: invalid input")
	// ErrUnauthenticated: not signed in (401, or a redirect to the sign-in page).
	ErrUnauthenticated = errors.New("review: not signed in")
	// ErrForbidden: signed in without the role the action needs, or a bad CSRF token (403).
	ErrForbidden = errors.New("review: forbidden")
	// ErrConflict: the case is in another state than the action expects (409).
	ErrConflict = errors.New("review: conflict")
	// ErrStale: a newer summary arrived since the handläggare opened the case (409).
	ErrStale = fmt.Errorf("%w: a newer summary exists", ErrConflict)
	// ErrUnavailable: the action is not wired in this deployment (503).
	ErrUnavailable = errors.New("review: unavailable")
)

// Error carries a sentinel and a Swedish message for the user.
type Error struct {
	Kind    error
	Message string // Swedish, shown to the user; no personal data
}

func (e *Error) Error() string { return e.Kind.Error() + ": " + e.Message }

// Unwrap returns the sentinel.
func (e *Error) Unwrap() error { return e.Kind }

// userError returns an *Error of kind with a Swedish message.
func userError(kind error, format string, args ...any) error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}
