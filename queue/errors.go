package queue

import "errors"

// Sentinel errors. A stage handler wraps them with %w; the worker maps them to
// ack decisions.
var (
	// ErrPoison marks a message that can never succeed (bad envelope, a
	// document that is not there, input that fails validation). The message
	// is terminated at once and the item is marked failed with the reason.
	ErrPoison = errors.New("poison message")
	// ErrTransient marks a fault worth retrying later (database or network
	// trouble, a busy backend). Any error that is not ErrPoison is treated as
	// transient.
	ErrTransient = errors.New("transient fault")
)

// Failure is an error with a reason in Swedish for administrators. Stage
// handlers return it (wrapping ErrPoison or a transient error) so that the
// reason shown on the failed item is plain and free of personal data.
type Failure struct {
	Reason string // Swedish, shown in the UI and in `arsflow status`
	Err    error
}

func (f *Failure) Error() string { return f.Reason + ": " + f.Err.Error() }
func (f *Failure) Unwrap() error { return f.Err }

// Fail returns a *Failure.
func Fail(reason string, err error) error { return &Failure{Reason: reason, Err: err} }
