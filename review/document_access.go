package review

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"arsflow/review/account"
)

// documentAccess is the one access check for a stored original and its page
// images: a handläggare sees the documents of cases in the review queue and
// held documents; an administrator sees the documents of batches they
// uploaded. It returns the document's sha256 in hex.
func (s *Service) documentAccess(ctx context.Context, u *account.User, docID int64) (string, error) {
	var sum []byte
	var ok bool
	err := s.db.Pool.QueryRow(ctx, `
		SELECT d.sha256,
		       CASE WHEN $2 = 'handlaggare' THEN
		              EXISTS (SELECT 1 FROM document_extractions de JOIN review_items r ON r.case_id = de.case_id WHERE de.document_id = d.id)
		              OR EXISTS (SELECT 1 FROM case_holds h WHERE h.document_id = d.id AND h.resolved_at IS NULL)
		            WHEN $2 = 'administrator' THEN b.created_by = $3
		            ELSE false END
		  FROM documents d JOIN batches b ON b.id = d.batch_id WHERE d.id = $1`, docID, u.Role, u.ID).Scan(&sum, &ok)
	if errors.Is(err, pgx.ErrNoRows) || (err == nil && !ok) {
		return "", fmt.Errorf("review: document %d: %w", docID, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("review: document %d: %w", docID, err)
	}
	return hex.EncodeToString(sum), nil
}
