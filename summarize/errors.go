package summarize

import "errors"

// Sentinel errors.
var (
	// ErrInvalid marks input or configuration that cannot be summarised.
	ErrInvalid = errors.New("invalid")
	// ErrNotFound is returned when a summary or cache entry does not exist.
	ErrNotFound = errors.New("not found")
	// ErrUnavailable is returned by a language-model backend that gave up
	// after its bounded retries; WithFallback then uses the rule-based backend.
	ErrUnavailable = errors.New("AI service unavailable")
	// ErrInvalidOutput marks model output that did not match the schema even
	// after the repair attempt.
	ErrInvalidOutput = errors.New("invalid model output")
)
