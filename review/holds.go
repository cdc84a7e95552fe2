package review

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"arsflow/review/account"
	"arsflow/review/hold"
)

// HoldView is a document waiting for a person to confirm which case it
// belongs to.
type HoldView struct {
	ID              int64
	DocumentID      int64
	Filename        string
	BatchID         int64
	CaseID          int64
	AssociationName string
	CaseStatus      string
	Reason          string
	CreatedAt       time.Time
}

// ReasonText explains the hold in Swedish.
func (h HoldView) ReasonText() string {
	if h.Reason == hold.ReasonDecided {
		return "Ärendet är redan " + statusLabel(h.CaseStatus) + ". Om handlingen läggs till öppnas ärendet igen och behöver ett nytt beslut."
	}
	return "Ärendet bildades av handlingar från en annan inläsning. Kontrollera att handlingen verkligen hör till samma förening och år."
}

// Holds returns the open holds, oldest first; caseID 0 means every case.
func (s *Service) Holds(ctx context.Context, caseID int64) ([]HoldView, error) {
	rows, err := s.db.Pool.Query(ctx, `
		SELECT h.id, h.document_id, d.filename, d.batch_id, h.case_id, c.association_name, coalesce(r.status, ''), h.reason, h.created_at
		  FROM case_holds h JOIN documents d ON d.id = h.document_id JOIN cases c ON c.id = h.case_id
		  LEFT JOIN review_items r ON r.case_id = h.case_id
		 WHERE h.resolved_at IS NULL AND ($1::bigint = 0 OR h.case_id = $1)
		 ORDER BY h.id LIMIT 500`, caseID)
	if err != nil {
		return nil, fmt.Errorf("review.Holds: %w", err)
	}
	defer rows.Close()
	var out []HoldView
	for rows.Next() {
		var h HoldView
		if err := rows.Scan(&h.ID, &h.DocumentID, &h.Filename, &h.BatchID, &h.CaseID, &h.AssociationName, &h.CaseStatus, &h.Reason, &h.CreatedAt); err != nil {
			return nil, fmt.Errorf("review.Holds: %w", err)
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// ResolveHold attaches a held document to its case (hold.Attach) or gives
// it a case of its own (hold.Separate), as a handläggare decided.
func (s *Service) ResolveHold(ctx context.Context, u *account.User, id int64, resolution string) (int64, error) {
	if err := requireHandlaggare(u); err != nil {
		return 0, fmt.Errorf("review.ResolveHold: %w", err)
	}
	if resolution != hold.Attach && resolution != hold.Separate {
		return 0, userError(ErrInvalid, "Välj om handlingen ska läggas till ärendet eller bilda ett eget ärende.")
	}
	var caseID int64
	err := s.db.Transact(ctx, func(tx pgx.Tx) error {
		h, err := hold.Resolve(ctx, tx, id, u.ID, resolution)
		if errors.Is(err, hold.ErrNotFound) {
			return userError(ErrConflict, "Handlingen är redan hanterad.")
		}
		if err != nil {
			return err
		}
		caseID = h.CaseID
		target := h.CaseID
		if resolution == hold.Separate {
			target = 0
		}
		if s.Attach == nil {
			return userError(ErrUnavailable, "Handlingen kan inte läggas till just nu. Försök igen senare.")
		}
		if err := s.Attach(ctx, tx, h.DocumentID, target); err != nil {
			return err
		}
		return writeAudit(ctx, tx, u, ActionHoldResolve, "case", h.CaseID,
			map[string]any{"hold_id": id, "document_id": h.DocumentID, "resolution": resolution})
	})
	if err != nil {
		return 0, fmt.Errorf("review.ResolveHold %d: %w", id, err)
	}
	return caseID, nil
}
