package pdftext

import "errors"

// Error is a sentinel error of this package. Besides the English message for
// logs it carries a short Swedish reason that can be shown to a user.
type Error struct {
	msg    string
	reason string
}

// Error returns the English message.
func (e *Error) Error() string { return e.msg }

// Reason returns the Swedish explanation for users.
func (e *Error) Reason() string { return e.reason }

// Sentinel errors. Wrapped errors keep them reachable through errors.Is, and
// Reason returns their Swedish text.
var (
	// ErrNotPDF is returned for data that is not a PDF document at all.
	ErrNotPDF = &Error{"not a PDF document", "Filen är inte en PDF."}
	// ErrEncrypted is returned for documents that need a password.
	ErrEncrypted = &Error{"PDF is encrypted with a password", "PDF-filen är lösenordsskyddad och kan inte läsas."}
	// ErrDamaged is returned for PDF documents that no method could read.
	ErrDamaged = &Error{"PDF is damaged or unreadable", "PDF-filen är skadad och kunde inte läsas."}
	// ErrTimeout is returned when extraction ran past its time limit.
	ErrTimeout = &Error{"PDF extraction timed out", "Det tog för lång tid att läsa PDF-filen."}
	// ErrCrashed is returned when the isolated extraction process died
	// (a panic, a memory limit, a signal).
	ErrCrashed = &Error{"PDF extraction process crashed", "Läsningen av PDF-filen avbröts oväntat (filen kan vara skadad eller för stor)."}
	// ErrNoText is returned together with a Result when no page yielded any
	// text, for example a scanned document when OCR is not available.
	ErrNoText = &Error{"PDF has no extractable text", "Ingen text kunde läsas ur PDF-filen; den behöver troligen tolkas med OCR."}
)

// defaultReason is the Swedish reason for errors without their own.
const defaultReason = "Texten kunde inte läsas ur PDF-filen."

// Reason returns a short Swedish explanation of err, suitable for the user
// interface. It finds the first error in err's chain that has a Reason
// method; other errors get a general text. Reason(nil) is "".
func Reason(err error) string {
	if err == nil {
		return ""
	}
	var r interface{ Reason() string }
	if errors.As(err, &r) {
		return r.Reason()
	}
	return defaultReason
}
