package queue

import (
	"context"
	"fmt"
	"time"

	"arsflow/queue/database"
)

// Snapshot is the state of every batch, document and case, for
// administrators and scripts (`arsflow status --json`).
type Snapshot struct {
	Batches []BatchState `json:"batches"`
	Cases   []CaseState  `json:"cases"`
}

// BatchState is one batch and its documents.
type BatchState struct {
	ID        int64           `json:"id"`
	Source    string          `json:"source"`
	Label     string          `json:"label,omitempty"`
	CreatedAt time.Time       `json:"created_at"`
	Documents []DocumentState `json:"documents"`
}

// DocumentState is where one document is in the pipeline.
type DocumentState struct {
	ID         int64  `json:"id"`
	Filename   string `json:"filename"`
	Folder     string `json:"folder,omitempty"`
	CaseID     int64  `json:"case_id,omitempty"`
	Stage      string `json:"stage"`  // ingest, extract, summarize, review
	Status     string `json:"status"` // queued, running, done, failed, pending, approved, rejected
	Error      string `json:"error,omitempty"`
	Deliveries int    `json:"deliveries,omitempty"`
	Attempt    int    `json:"attempt"`
}

// CaseState is where one case is in the pipeline.
type CaseState struct {
	ID              int64  `json:"id"`
	AssociationName string `json:"association_name"`
	OrgNumber       string `json:"org_number,omitempty"`
	FiscalYear      int    `json:"fiscal_year,omitempty"`
	Documents       int    `json:"documents"`
	Stage           string `json:"stage"`
	Status          string `json:"status"`
	Error           string `json:"error,omitempty"`
}

// Snap reads the snapshot. It only reads; every table keeps its one owner.
func Snap(ctx context.Context, db *database.DB) (*Snapshot, error) {
	s := &Snapshot{Batches: []BatchState{}, Cases: []CaseState{}}
	rows, err := db.Pool.Query(ctx, `SELECT id, source, label, created_at FROM batches ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("queue.Snap: batches: %w", err)
	}
	index := map[int64]int{}
	for rows.Next() {
		var b BatchState
		if err := rows.Scan(&b.ID, &b.Source, &b.Label, &b.CreatedAt); err != nil {
			rows.Close()
			return nil, fmt.Errorf("queue.Snap: %w", err)
		}
		b.Documents = []DocumentState{}
		index[b.ID] = len(s.Batches)
		s.Batches = append(s.Batches, b)
	}
	rows.Close()

	rows, err = db.Pool.Query(ctx, `
		SELECT d.id, d.batch_id, d.filename, d.folder, d.attempt, d.rejected_reason,
		       COALESCE(de.case_id, 0), de.error,
		       ex.status, ex.last_error, COALESCE(ex.deliveries, 0),
		       sm.status, sm.last_error,
		       rv.status, rw.status, rw.last_error
		FROM documents d
		LEFT JOIN document_extractions de ON de.document_id = d.id
		LEFT JOIN work_items ex ON ex.stage = 'extract' AND ex.item_key = 'document:' || d.id
		LEFT JOIN work_items sm ON sm.stage = 'summarize' AND sm.item_key = 'case:' || de.case_id
		LEFT JOIN work_items rw ON rw.stage = 'review' AND rw.item_key = 'case:' || de.case_id
		LEFT JOIN review_items rv ON rv.case_id = de.case_id
		ORDER BY d.id`)
	if err != nil {
		return nil, fmt.Errorf("queue.Snap: documents: %w", err)
	}
	for rows.Next() {
		var d DocumentState
		var batchID int64
		var rejected, exError, exStatus, exErr, smStatus, smErr, review, rwStatus, rwErr *string
		if err := rows.Scan(&d.ID, &batchID, &d.Filename, &d.Folder, &d.Attempt, &rejected, &d.CaseID, &exError,
			&exStatus, &exErr, &d.Deliveries, &smStatus, &smErr, &review, &rwStatus, &rwErr); err != nil {
			rows.Close()
			return nil, fmt.Errorf("queue.Snap: %w", err)
		}
		switch {
		case rejected != nil:
			d.Stage, d.Status, d.Error = "ingest", "failed", *rejected
		case exStatus == nil:
			d.Stage, d.Status = "ingest", "done"
		case exError != nil && *exStatus == "done":
			d.Stage, d.Status, d.Error = "extract", "failed", *exError
		case *exStatus != "done" || d.CaseID == 0:
			d.Stage, d.Status, d.Error = "extract", *exStatus, deref(exErr)
		default:
			d.Stage, d.Status, d.Error = pipelineStage(smStatus, smErr, review, rwStatus, rwErr)
		}
		if i, ok := index[batchID]; ok {
			s.Batches[i].Documents = append(s.Batches[i].Documents, d)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("queue.Snap: %w", err)
	}

	rows, err = db.Pool.Query(ctx, `
		SELECT c.id, c.association_name, c.org_number, c.fiscal_year,
		       (SELECT count(*) FROM document_extractions de WHERE de.case_id = c.id),
		       sm.status, sm.last_error, rv.status, rw.status, rw.last_error
		FROM cases c
		LEFT JOIN work_items sm ON sm.stage = 'summarize' AND sm.item_key = 'case:' || c.id
		LEFT JOIN work_items rw ON rw.stage = 'review' AND rw.item_key = 'case:' || c.id
		LEFT JOIN review_items rv ON rv.case_id = c.id
		ORDER BY c.id`)
	if err != nil {
		return nil, fmt.Errorf("queue.Snap: cases: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c CaseState
		var smStatus, smErr, review, rwStatus, rwErr *string
		if err := rows.Scan(&c.ID, &c.AssociationName, &c.OrgNumber, &c.FiscalYear, &c.Documents,
			&smStatus, &smErr, &review, &rwStatus, &rwErr); err != nil {
			return nil, fmt.Errorf("queue.Snap: %w", err)
		}
		c.Stage, c.Status, c.Error = pipelineStage(smStatus, smErr, review, rwStatus, rwErr)
		s.Cases = append(s.Cases, c)
	}
	return s, rows.Err()
}

// pipelineStage tells the stage and status of a case after extraction.
func pipelineStage(smStatus, smErr, review, rwStatus, rwErr *string) (stage, status, errText string) {
	switch {
	case review != nil:
		return "review", *review, ""
	case rwStatus != nil:
		return "review", *rwStatus, deref(rwErr)
	case smStatus != nil:
		return "summarize", *smStatus, deref(smErr)
	default:
		return "extract", "done", ""
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
