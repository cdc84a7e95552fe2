// Package hold keeps a person in control of what joins a case: a document
// that would join a case formed from another batch, or reopen a case a
// handläggare already decided, is held until a handläggare confirms that it
// belongs there (or keeps it apart). It owns the case_holds table. The
// extract stage asks Needed at the point where it attaches a document to
// an existing case; review resolves holds.
package hold

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Reasons a document is held.
const (
	ReasonOtherBatch = "other_batch" // the case was formed from another batch's documents
	ReasonDecided    = "decided"     // the case is approved or rejected
)

// Resolutions of a hold.
const (
	Attach   = "attach"   // the document joins the case
	Separate = "separate" // the document forms a case of its own
)

// ErrNotFound: no open hold with that id.
var ErrNotFound = errors.New("hold: not found")

// Tx is what a transaction offers.
type Tx interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// Needed reports whether attaching documentID (of batchID) to the existing
// case caseID must wait for a person, and records the hold when it must. A
// document already in the case, or whose attachment a person confirmed, is
// not held; one a person kept apart stays held (apart).
func Needed(ctx context.Context, tx Tx, documentID, caseID, batchID int64) (bool, error) {
	var resolution string
	err := tx.QueryRow(ctx, `SELECT coalesce(resolution, '') FROM case_holds
		 WHERE document_id = $1 AND case_id = $2 ORDER BY id DESC LIMIT 1`, documentID, caseID).Scan(&resolution)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
	case err != nil:
		return false, fmt.Errorf("hold.Needed: %w", err)
	case resolution == Attach:
		return false, nil
	default: // open, or kept apart
		return true, nil
	}
	var reason string
	err = tx.QueryRow(ctx, `
		SELECT CASE
		         WHEN EXISTS (SELECT 1 FROM document_extractions de WHERE de.document_id = $1 AND de.case_id = $2) THEN ''
		         WHEN EXISTS (SELECT 1 FROM review_items r WHERE r.case_id = $2 AND r.status <> 'pending') THEN $4
		         WHEN EXISTS (SELECT 1 FROM document_extractions de JOIN documents d ON d.id = de.document_id
		                       WHERE de.case_id = $2 AND d.batch_id <> $3) THEN $5
		         ELSE '' END`, documentID, caseID, batchID, ReasonDecided, ReasonOtherBatch).Scan(&reason)
	if err != nil {
		return false, fmt.Errorf("hold.Needed: %w", err)
	}
	if reason == "" {
		return false, nil
	}
	if _, err := tx.Exec(ctx, `INSERT INTO case_holds (document_id, case_id, reason) VALUES ($1, $2, $3)
		 ON CONFLICT (document_id, case_id) WHERE resolved_at IS NULL DO NOTHING`, documentID, caseID, reason); err != nil {
		return false, fmt.Errorf("hold.Needed: %w", err)
	}
	return true, nil
}

// Hold is a held document.
type Hold struct {
	ID         int64
	DocumentID int64
	CaseID     int64
	Reason     string
	CreatedAt  time.Time
}

// Resolve closes the open hold id with resolution (Attach or Separate) by
// userID and returns it; the caller attaches the document accordingly in
// the same transaction.
func Resolve(ctx context.Context, tx Tx, id, userID int64, resolution string) (*Hold, error) {
	if resolution != Attach && resolution != Separate {
		return nil, fmt.Errorf("hold.Resolve: resolution %q", resolution)
	}
	h := &Hold{ID: id}
	err := tx.QueryRow(ctx, `UPDATE case_holds SET resolved_at = now(), resolved_by = $2, resolution = $3
		 WHERE id = $1 AND resolved_at IS NULL RETURNING document_id, case_id, reason, created_at`, id, userID, resolution).
		Scan(&h.DocumentID, &h.CaseID, &h.Reason, &h.CreatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("hold.Resolve: %w", err)
	}
	return h, nil
}
