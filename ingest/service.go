package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/jackc/pgx/v5"

	"arsflow/queue"
	"arsflow/queue/database"
)

// Outcomes of a file in an upload, as stored in batch_items.outcome.
const (
	OutcomeAccepted  = "accepted"
	OutcomeDuplicate = "duplicate"
	OutcomeRejected  = "rejected"
)

// Service stores uploads and hands accepted documents to the extract stage.
type Service struct {
	db    *database.DB
	lim   Limits
	audit Auditor
}

// Auditor appends an administrator's API action to the audit log, which
// package review owns. detail carries ids and counts, never personal data.
type Auditor interface {
	AuditAction(ctx context.Context, userID int64, action, objectType string, objectID int64, detail map[string]any)
}

// SetAuditor makes the HTTP API record every upload, progress view and
// retry through a.
func (s *Service) SetAuditor(a Auditor) { s.audit = a }

func (s *Service) auditAction(ctx context.Context, userID int64, action, objectType string, objectID int64, detail map[string]any) {
	if s.audit != nil {
		s.audit.AuditAction(ctx, userID, action, objectType, objectID, detail)
	}
}

// New returns a Service storing into db under the given limits (zero fields
// take their defaults).
func New(db *database.DB, lim Limits) *Service {
	return &Service{db: db, lim: lim.withDefaults()}
}

// Limits returns the limits in force.
func (s *Service) Limits() Limits { return s.lim }

// Report says what happened to every file of an upload.
type Report struct {
	BatchID    int64        `json:"batch_id"`
	Items      []ReportItem `json:"items"`
	Accepted   int          `json:"accepted"`
	Duplicates int          `json:"duplicates"`
	Rejected   int          `json:"rejected"`
	// Ignored names system clutter that was skipped (dotfiles, __MACOSX).
	Ignored []string `json:"ignored,omitempty"`
}

// ReportItem is the outcome of one file.
type ReportItem struct {
	Name       string `json:"name"`
	Folder     string `json:"folder,omitempty"`
	Outcome    string `json:"outcome"`
	DocumentID int64  `json:"document_id,omitempty"`
	// Reason says, in Swedish, why a file was rejected or what it duplicates.
	Reason string `json:"reason,omitempty"`
	// Warning is a remark on an accepted file.
	Warning string `json:"warning,omitempty"`
}

// Upload stores the files of one upload as a new batch, in one transaction.
// Zips are expanded; every file is hashed. Bytes already stored are recorded
// as a duplicate of that document and not processed again. A rejected file is
// kept (its content too, within the size limit), marked with its reason and
// never processed. An accepted file is stored and enqueued for extraction
// through the outbox. Upload fails with an *Error (ErrInvalid, ErrTooLarge)
// only when the upload as a whole breaks a limit; then nothing is stored.
func (s *Service) Upload(ctx context.Context, userID int64, source string, files []File) (*Report, error) {
	items, ignored, err := expand(files, s.lim)
	if err != nil {
		return nil, fmt.Errorf("ingest.Upload: %w", err)
	}
	if source == "" {
		source = "api"
	}
	rep := &Report{Ignored: ignored}
	err = s.db.Transact(ctx, func(tx pgx.Tx) error {
		rep.Items = rep.Items[:0]
		rep.Accepted, rep.Duplicates, rep.Rejected = 0, 0, 0
		if err := tx.QueryRow(ctx, `INSERT INTO batches (created_by, source) VALUES (NULLIF($1, 0), $2) RETURNING id`,
			userID, source).Scan(&rep.BatchID); err != nil {
			return fmt.Errorf("insert batch: %w", err)
		}
		// Documents are stored in sha256 order, so that concurrent uploads
		// sharing files take their row locks in the same order and cannot
		// deadlock; the report keeps the upload's order.
		order := make([]int, len(items))
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(a, b int) bool {
			return bytes.Compare(items[order[a]].sum[:], items[order[b]].sum[:]) < 0
		})
		results := make([]ReportItem, len(items))
		attempts := make([]int, len(items)) // > 0: enqueue for extraction
		for _, i := range order {
			ri, attempt, err := store(ctx, tx, rep.BatchID, items[i])
			if err != nil {
				return err
			}
			results[i], attempts[i] = ri, attempt
		}
		// Enqueued in the upload's order, so that the documents of one
		// folder are read one after another and its case goes on to be
		// summarised while the rest of the batch is still being read.
		for i, ri := range results {
			if attempts[i] > 0 {
				if err := enqueue(ctx, tx, rep.BatchID, ri.DocumentID, attempts[i]); err != nil {
					return err
				}
			}
		}
		for _, ri := range results { // in the upload's order
			if err := insertBatchItem(ctx, tx, rep.BatchID, ri); err != nil {
				return err
			}
			switch ri.Outcome {
			case OutcomeAccepted:
				rep.Accepted++
			case OutcomeDuplicate:
				rep.Duplicates++
			default:
				rep.Rejected++
			}
			rep.Items = append(rep.Items, ri)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("ingest.Upload: %w", err)
	}
	return rep, nil
}

// store stores the document of one item of batch batchID (or finds the one
// with its bytes); the caller records the returned item in batch_items and,
// when attempt > 0, enqueues the document with that attempt.
func store(ctx context.Context, tx pgx.Tx, batchID int64, it item) (ri ReportItem, attempt int, err error) {
	ri = ReportItem{Name: it.name, Folder: it.folder, Outcome: OutcomeAccepted, Reason: it.reason, Warning: it.warning}
	if it.reason != "" {
		ri.Outcome = OutcomeRejected
	}
	if !it.hashed { // refused before reading: nothing to keep but the record
		return ri, 0, nil
	}
	for range 2 { // a second round when a concurrent upload inserted the same bytes
		var (
			id       int64
			rejected *string
			name     string
		)
		err := tx.QueryRow(ctx, `SELECT id, rejected_reason, filename, attempt FROM documents WHERE sha256 = $1 FOR UPDATE`,
			it.sum[:]).Scan(&id, &rejected, &name, &attempt)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			var reason *string
			if it.reason != "" {
				reason = &it.reason
			}
			err = tx.QueryRow(ctx, `
				INSERT INTO documents (batch_id, filename, folder, sha256, size_bytes, content, content_type, rejected_reason)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
				ON CONFLICT (sha256) DO NOTHING
				RETURNING id, attempt`,
				batchID, it.name, it.folder, it.sum[:], it.size, it.data, it.ctype, reason).Scan(&id, &attempt)
			if errors.Is(err, pgx.ErrNoRows) {
				continue
			}
			if err != nil {
				return ri, 0, fmt.Errorf("insert document: %w", err)
			}
			ri.DocumentID = id
			if ri.Outcome != OutcomeAccepted {
				attempt = 0
			}
			return ri, attempt, nil
		case err != nil:
			return ri, 0, fmt.Errorf("find document by sha256: %w", err)
		}
		ri.DocumentID = id
		attempt = 0
		switch {
		case ri.Outcome == OutcomeRejected:
			// The same bytes are stored already; this copy is refused anyway.
		case rejected != nil:
			// Stored before but rejected then (for its name or a limit, since
			// its content passes now): take it in under this batch.
			if err := tx.QueryRow(ctx, `
				UPDATE documents SET batch_id = $2, filename = $3, folder = $4, content = $5, content_type = $6,
					rejected_reason = NULL, attempt = attempt + 1
				WHERE id = $1 RETURNING attempt`,
				id, batchID, it.name, it.folder, it.data, it.ctype).Scan(&attempt); err != nil {
				return ri, 0, fmt.Errorf("accept earlier rejected document: %w", err)
			}
		default:
			ri.Outcome = OutcomeDuplicate
			ri.Reason = fmt.Sprintf("samma innehåll som %q (dokument %d), som redan har laddats upp; behandlas inte igen", name, id)
		}
		return ri, attempt, nil
	}
	return ri, 0, fmt.Errorf("insert document: sha256 conflict did not resolve")
}

func enqueue(ctx context.Context, tx pgx.Tx, batchID, documentID int64, attempt int) error {
	env := queue.Envelope{Stage: queue.StageExtract, BatchID: batchID, DocumentID: documentID, Attempt: attempt}
	if err := queue.Enqueue(ctx, tx, env); err != nil {
		return fmt.Errorf("enqueue document %d: %w", documentID, err)
	}
	return nil
}

// insertBatchItem records ri. Its reason column holds the rejection or
// duplicate reason, or an accepted file's warning.
func insertBatchItem(ctx context.Context, tx pgx.Tx, batchID int64, ri ReportItem) error {
	reason := ri.Reason
	if ri.Outcome == OutcomeAccepted {
		reason = ri.Warning
	}
	if _, err := tx.Exec(ctx, `
		INSERT INTO batch_items (batch_id, filename, folder, document_id, outcome, reason)
		VALUES ($1, $2, $3, NULLIF($4, 0), $5, NULLIF($6, ''))`,
		batchID, ri.Name, ri.Folder, ri.DocumentID, ri.Outcome, reason); err != nil {
		return fmt.Errorf("insert batch item: %w", err)
	}
	return nil
}
