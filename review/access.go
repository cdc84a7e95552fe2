package review

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"arsflow/review/account"
)

// CheckDocumentAccess reports whether u may open document documentID's
// original or its page images. A handläggare who may decide may, when the
// document belongs to a case in the review queue (those are the cases
// handläggare work) or is held for a handläggare to confirm. An
// administrator may only for a document they uploaded themself that failed
// (refused at upload, failed to extract, or dead-lettered) and so reached no
// case in review: they see what they must retry, never a case's contents.
// Anyone else gets ErrForbidden; an unknown document ErrNotFound. The caller
// audits the download.
func (s *Service) CheckDocumentAccess(ctx context.Context, u *account.User, documentID int64) error {
	_, err := s.documentAccess(ctx, u, documentID)
	return err
}

// documentAccess is CheckDocumentAccess that also returns the document's
// sha256 in hex, which names its cached page images.
func (s *Service) documentAccess(ctx context.Context, u *account.User, documentID int64) (string, error) {
	if u == nil || u.Disabled {
		return "", ErrUnauthenticated
	}
	var sum []byte
	var uploader *int64
	var failed, inReview, held bool
	err := s.db.Pool.QueryRow(ctx,
		`SELECT d.sha256, b.created_by,
		        d.rejected_reason IS NOT NULL OR coalesce(e.error, '') <> ''
		          OR EXISTS (SELECT 1 FROM work_items w WHERE w.document_id = d.id AND w.status = 'failed'),
		        EXISTS (SELECT 1 FROM review_items r WHERE r.case_id = e.case_id),
		        EXISTS (SELECT 1 FROM case_holds h WHERE h.document_id = d.id AND h.resolved_at IS NULL)
		   FROM documents d JOIN batches b ON b.id = d.batch_id
		   LEFT JOIN document_extractions e ON e.document_id = d.id
		  WHERE d.id = $1`, documentID).Scan(&sum, &uploader, &failed, &inReview, &held)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", fmt.Errorf("review.CheckDocumentAccess %d: %w", documentID, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("review.CheckDocumentAccess %d: %w", documentID, err)
	}
	switch {
	case u.IsHandlaggare() && u.MayDecide && (inReview || held):
		return hex.EncodeToString(sum), nil
	case u.IsAdmin() && uploader != nil && *uploader == u.ID && failed && !inReview:
		return hex.EncodeToString(sum), nil
	}
	return "", userError(ErrForbidden, "Du har inte behörighet till det här dokumentet. Handlingar i ärenden visas för handläggare; en administratör ser bara de misslyckade filer hen själv läst in.")
}
