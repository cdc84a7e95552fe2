package review

import (
	"context"
	"fmt"
	"time"
)

// BatchView is an upload with its documents.
type BatchView struct {
	ID        int64
	CreatedAt time.Time
	Source    string
	Label     string
	CreatedBy string
	Documents []BatchDocument
}

// BatchDocument is a document of a batch with its pipeline state.
type BatchDocument struct {
	ID           int64
	Filename     string
	Folder       string
	SizeBytes    int64
	Rejected     string // documents.rejected_reason
	Stage        string // latest work item
	Status       string
	Error        string
	Deliveries   int
	DeadLetter   string
	CaseID       int64
	ReviewStatus string
	Held         bool // waiting for a handläggare to confirm its case
}

// Failed reports whether the document needs an administrator's attention.
func (d BatchDocument) Failed() bool {
	return d.Rejected != "" || d.Status == "failed" || d.DeadLetter != ""
}

// StateLabel says in Swedish where the document is.
func (d BatchDocument) StateLabel() string {
	switch {
	case d.Rejected != "":
		return "Avvisad vid inläsning"
	case d.Held:
		return "Väntar på att en handläggare bekräftar ärendet"
	case d.ReviewStatus != "":
		return "Granskning: " + statusLabel(d.ReviewStatus)
	case d.Status == "failed" || d.DeadLetter != "":
		return "Misslyckades (" + stageLabel(d.Stage) + ")"
	case d.Status == "":
		return "Mottagen"
	}
	return stageLabel(d.Stage) + ": " + workStatusLabel(d.Status)
}

// ErrorText is the reason shown for a failed document.
func (d BatchDocument) ErrorText() string {
	switch {
	case d.Rejected != "":
		return d.Rejected
	case d.Error != "":
		return d.Error
	}
	return d.DeadLetter
}

func stageLabel(s string) string {
	switch s {
	case "extract":
		return "textutvinning"
	case "summarize":
		return "sammanfattning"
	case "review":
		return "granskningskö"
	}
	return s
}

func workStatusLabel(s string) string {
	switch s {
	case "queued":
		return "i kö"
	case "running":
		return "pågår"
	case "done":
		return "klar"
	case "failed":
		return "misslyckades"
	}
	return s
}

// Batches returns up to limit batches older than before (0: the latest),
// newest first, with their documents and state.
func (s *Service) Batches(ctx context.Context, before int64, limit int) ([]BatchView, error) {
	rows, err := s.db.Pool.Query(ctx, `
		SELECT b.id, b.created_at, b.source, b.label, coalesce(u.username, '')
		  FROM batches b LEFT JOIN users u ON u.id = b.created_by
		 WHERE $2::bigint = 0 OR b.id < $2
		 ORDER BY b.id DESC LIMIT $1`, limit, before)
	if err != nil {
		return nil, fmt.Errorf("review.Batches: %w", err)
	}
	var out []BatchView
	index := map[int64]int{}
	var ids []int64
	for rows.Next() {
		var b BatchView
		if err := rows.Scan(&b.ID, &b.CreatedAt, &b.Source, &b.Label, &b.CreatedBy); err != nil {
			rows.Close()
			return nil, fmt.Errorf("review.Batches: %w", err)
		}
		index[b.ID] = len(out)
		ids = append(ids, b.ID)
		out = append(out, b)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("review.Batches: %w", err)
	}
	if len(ids) == 0 {
		return out, nil
	}
	// A document belongs to the batch that first stored it; later uploads of
	// the same bytes show in batch_items as duplicates and are not repeated here.
	rows, err = s.db.Pool.Query(ctx, `
		SELECT d.batch_id, d.id, d.filename, d.folder, d.size_bytes, coalesce(d.rejected_reason, ''),
		       coalesce(w.stage, ''), coalesce(w.status, ''), coalesce(w.last_error, ''), coalesce(w.deliveries, 0),
		       coalesce(dl.error, ''), coalesce(e.case_id, 0), coalesce(r.status, ''),
		       EXISTS (SELECT 1 FROM case_holds h WHERE h.document_id = d.id AND h.resolved_at IS NULL)
		  FROM documents d
		  LEFT JOIN LATERAL (
		        SELECT stage, status, last_error, deliveries FROM work_items wi
		         WHERE wi.document_id = d.id
		            OR (wi.case_id IS NOT NULL AND wi.case_id = (SELECT case_id FROM document_extractions WHERE document_id = d.id))
		         ORDER BY wi.updated_at DESC LIMIT 1) w ON true
		  LEFT JOIN LATERAL (
		        SELECT error FROM dead_letters x
		         WHERE x.payload->>'document_id' = d.id::text ORDER BY x.id DESC LIMIT 1) dl ON true
		  LEFT JOIN document_extractions e ON e.document_id = d.id
		  LEFT JOIN review_items r ON r.case_id = e.case_id
		 WHERE d.batch_id = ANY($1)
		 ORDER BY d.batch_id DESC, d.folder, d.filename, d.id`, ids)
	if err != nil {
		return nil, fmt.Errorf("review.Batches: documents: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var batchID int64
		var d BatchDocument
		if err := rows.Scan(&batchID, &d.ID, &d.Filename, &d.Folder, &d.SizeBytes, &d.Rejected,
			&d.Stage, &d.Status, &d.Error, &d.Deliveries, &d.DeadLetter, &d.CaseID, &d.ReviewStatus, &d.Held); err != nil {
			return nil, fmt.Errorf("review.Batches: documents: %w", err)
		}
		b := &out[index[batchID]]
		b.Documents = append(b.Documents, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("review.Batches: documents: %w", err)
	}
	return out, nil
}

// DeadLetter is a message a stage gave up on.
type DeadLetter struct {
	ID         int64
	Stage      string
	DocumentID int64
	CaseID     int64
	Error      string
	Deliveries int
	CreatedAt  time.Time
}

// StageLabel is the stage in Swedish.
func (d DeadLetter) StageLabel() string { return stageLabel(d.Stage) }

// DeadLetters returns the latest limit dead letters.
func (s *Service) DeadLetters(ctx context.Context, limit int) ([]DeadLetter, error) {
	rows, err := s.db.Pool.Query(ctx, `
		SELECT id, stage, coalesce((payload->>'document_id')::bigint, 0), coalesce((payload->>'case_id')::bigint, 0),
		       error, deliveries, created_at
		  FROM dead_letters ORDER BY id DESC LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("review.DeadLetters: %w", err)
	}
	defer rows.Close()
	var out []DeadLetter
	for rows.Next() {
		var d DeadLetter
		if err := rows.Scan(&d.ID, &d.Stage, &d.DocumentID, &d.CaseID, &d.Error, &d.Deliveries, &d.CreatedAt); err != nil {
			return nil, fmt.Errorf("review.DeadLetters: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// FailedDocuments returns the ids of documents that failed in the pipeline
// (not those refused at upload) and can be run again.
func (s *Service) FailedDocuments(ctx context.Context) ([]int64, error) {
	rows, err := s.db.Pool.Query(ctx, `
		SELECT DISTINCT d.id FROM documents d
		 WHERE d.rejected_reason IS NULL
		   AND (EXISTS (SELECT 1 FROM work_items w WHERE w.document_id = d.id AND w.status = 'failed')
		        OR EXISTS (SELECT 1 FROM document_extractions e WHERE e.document_id = d.id AND e.error IS NOT NULL))
		 ORDER BY d.id LIMIT 1000`)
	if err != nil {
		return nil, fmt.Errorf("review.FailedDocuments: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("review.FailedDocuments: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
