package ingest

import "errors"

// Sentinel kinds of failure. An *Error wraps one of them and carries the
// message shown to the user; the HTTP adapter maps the kind to a status.
var (
	// ErrNotFound: the batch or document does not exist.
	ErrNotFound = errors.New("not found")
	// ErrInvalid: the request is malformed.
	ErrInvalid = errors.New("invalid request")
	// ErrTooLarge: the upload as a whole exceeds a limit.
	ErrTooLarge = errors.New("upload too large")
	// ErrUnsupported: the request body has the wrong media type.
	ErrUnsupported = errors.New("unsupported media type")
	// ErrConflict: the action does not fit the document's state.
	ErrConflict = errors.New("conflict")
	// ErrRejected: a file failed validation.
	ErrRejected = errors.New("file rejected")
	// ErrUnauthenticated: no valid credentials.
	ErrUnauthenticated = errors.New("unauthenticated")
	// ErrForbidden: the user's role may not do this.
	ErrForbidden = errors.New("forbidden")
)

// Error is a failure with a message in Swedish for the user.
type Error struct {
	Message string // Swedish, shown as is
	Kind    error  // one of the sentinels above
}

// Error returns the Swedish message.
func (e *Error) Error() string { return e.Message }

// Unwrap returns the kind, so errors.Is(err, ErrNotFound) works.
func (e *Error) Unwrap() error { return e.Kind }

// fail returns an *Error of the given kind.
func fail(kind error, message string) error { return &Error{Message: message, Kind: kind} }
