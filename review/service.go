package review

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"arsflow/queue/database"
)

// Service is the review queue and its decisions, corrections, export and
// read models, on PostgreSQL.
type Service struct {
	db *database.DB
	// ClaimTTL is how long a claim lasts without activity; default
	// DefaultClaimTTL.
	ClaimTTL time.Duration
	// FourEyes says which cases need two handläggare's approval.
	FourEyes FourEyes
	// Attach links a held document to a case once a handläggare has
	// decided; nil refuses resolving holds.
	Attach Attacher
}

// Attacher links a held document to caseID, or to a case of its own when
// caseID is 0, and forms again the cases it joins and leaves (the extract
// stage does it: extract/worker.AttachDocument). It runs in the caller's
// transaction.
type Attacher func(ctx context.Context, tx pgx.Tx, documentID, caseID int64) error

// New returns a Service on db with the default settings.
func New(db *database.DB) *Service { return &Service{db: db} }

// FourEyes is the four-eyes setting.
type FourEyes int

// Four-eyes settings. The zero value is the default.
const (
	// FourEyesErrors: cases with error-level checks need two approvals.
	FourEyesErrors FourEyes = iota
	// FourEyesAll: every case needs two approvals.
	FourEyesAll
	// FourEyesOff: one approval is enough.
	FourEyesOff
)

// ParseFourEyes reads the setting: "errors" (or ""), "all" or "off".
func ParseFourEyes(s string) (FourEyes, bool) {
	switch s {
	case "", "errors":
		return FourEyesErrors, true
	case "all":
		return FourEyesAll, true
	case "off":
		return FourEyesOff, true
	}
	return FourEyesErrors, false
}

// String is the setting's name.
func (f FourEyes) String() string {
	return [...]string{"errors", "all", "off"}[f]
}
