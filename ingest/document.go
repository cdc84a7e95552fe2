package ingest

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Document is a stored file, without its content.
type Document struct {
	ID          int64  `json:"id"`
	BatchID     int64  `json:"batch_id"`
	Filename    string `json:"filename"`
	Folder      string `json:"folder,omitempty"`
	SHA256      string `json:"sha256"` // hex
	Size        int64  `json:"size_bytes"`
	ContentType string `json:"content_type"`
	// HasContent is false for a file kept only as a record (over the size limit).
	HasContent bool `json:"has_content"`
	// RejectedReason is set, in Swedish, for a file that failed validation.
	RejectedReason string    `json:"rejected_reason,omitempty"`
	Attempt        int       `json:"attempt"`
	CreatedAt      time.Time `json:"created_at"`
}

// Document returns the stored document id, or an error wrapping ErrNotFound.
func (s *Service) Document(ctx context.Context, id int64) (*Document, error) {
	var (
		d      Document
		sum    []byte
		reason *string
	)
	err := s.db.Pool.QueryRow(ctx, `
		SELECT id, batch_id, filename, folder, sha256, size_bytes, content IS NOT NULL, content_type,
			rejected_reason, attempt, created_at
		FROM documents WHERE id = $1`, id).Scan(&d.ID, &d.BatchID, &d.Filename, &d.Folder, &sum, &d.Size,
		&d.HasContent, &d.ContentType, &reason, &d.Attempt, &d.CreatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("ingest.Document: %w", documentNotFound(id))
	}
	if err != nil {
		return nil, fmt.Errorf("ingest.Document: %w", err)
	}
	d.SHA256 = hex.EncodeToString(sum)
	if reason != nil {
		d.RejectedReason = *reason
	}
	return &d, nil
}

// Original returns the file name and the bytes of document id as uploaded. It
// fails with ErrNotFound when the document does not exist or its content was
// not kept.
func (s *Service) Original(ctx context.Context, id int64) (filename string, data []byte, err error) {
	err = s.db.Pool.QueryRow(ctx, `SELECT filename, content FROM documents WHERE id = $1`, id).Scan(&filename, &data)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil, fmt.Errorf("ingest.Original: %w", documentNotFound(id))
	}
	if err != nil {
		return "", nil, fmt.Errorf("ingest.Original: %w", err)
	}
	if data == nil {
		return "", nil, fmt.Errorf("ingest.Original: %w",
			fail(ErrNotFound, fmt.Sprintf("originalet till dokument %d sparades inte eftersom filen var för stor", id)))
	}
	return filename, data, nil
}

func documentNotFound(id int64) error {
	return fail(ErrNotFound, fmt.Sprintf("dokument %d finns inte", id))
}

// Retry runs a failed document through the pipeline again, from extraction:
// it raises the document's attempt and enqueues it with that attempt, so the
// new message is not dropped as a duplicate of the old one. It is an
// administrator's action. It refuses, with an *Error of kind ErrConflict, a
// file rejected at upload, and a document that is still being processed or
// has reached review.
func (s *Service) Retry(ctx context.Context, documentID int64) error {
	err := s.db.Transact(ctx, func(tx pgx.Tx) error {
		var (
			batchID int64
			reason  *string
			deleted *time.Time
		)
		err := tx.QueryRow(ctx, `SELECT batch_id, rejected_reason, content_deleted_at FROM documents WHERE id = $1 FOR UPDATE`,
			documentID).Scan(&batchID, &reason, &deleted)
		if errors.Is(err, pgx.ErrNoRows) {
			return documentNotFound(documentID)
		}
		if err != nil {
			return err
		}
		if reason != nil {
			return fail(ErrConflict, fmt.Sprintf(
				"dokument %d avvisades vid uppladdningen (%s) och kan inte köras om; ladda upp en rättad fil", documentID, *reason))
		}
		if deleted != nil {
			return fail(ErrConflict, fmt.Sprintf("originalet till dokument %d är raderat enligt reglerna för hur länge handlingar sparas och kan inte köras om", documentID))
		}
		states, err := loadStates(ctx, tx, []int64{documentID})
		if err != nil {
			return err
		}
		switch st := states[documentID]; {
		case st.Failed, st.Stage == "":
		case st.InReview:
			return fail(ErrConflict, fmt.Sprintf("dokument %d har redan nått granskningen och körs inte om", documentID))
		default:
			return fail(ErrConflict, fmt.Sprintf("dokument %d behandlas redan (%s: %s); bara misslyckade dokument kan köras om",
				documentID, st.Stage, st.Status))
		}
		var attempt int
		if err := tx.QueryRow(ctx, `UPDATE documents SET attempt = attempt + 1 WHERE id = $1 RETURNING attempt`,
			documentID).Scan(&attempt); err != nil {
			return err
		}
		return enqueue(ctx, tx, batchID, documentID, attempt)
	})
	if err != nil {
		return fmt.Errorf("ingest.Retry: %w", err)
	}
	return nil
}
