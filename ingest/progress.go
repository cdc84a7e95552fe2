package ingest

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"
)

// Progress is where the files of one batch are in the pipeline.
type Progress struct {
	BatchID   int64     `json:"batch_id"`
	Source    string    `json:"source"`
	CreatedAt time.Time `json:"created_at"`
	// Items is every file of the upload with its outcome.
	Items []ReportItem `json:"items"`
	// Documents is the state of every accepted or duplicate file's document.
	Documents []DocumentProgress `json:"documents"`
	// Cases is every case the batch's documents were grouped into.
	Cases []CaseProgress `json:"cases"`

	Accepted int `json:"accepted"`  // documents this batch sent into the pipeline
	InReview int `json:"in_review"` // of those, in a case that reached review
	Failed   int `json:"failed"`    // of those, failed with a reason
	Rejected int `json:"rejected"`  // files rejected at upload
	// Done is true when every accepted document reached review or failed.
	Done bool `json:"done"`
}

// DocumentProgress is the state of one document.
type DocumentProgress struct {
	DocumentID int64  `json:"document_id"`
	Name       string `json:"name"`
	Folder     string `json:"folder,omitempty"`
	Outcome    string `json:"outcome"` // accepted or duplicate in this batch
	// Stage is the stage the document is at: extract, summarize or review
	// (its case's stages after extraction); "" before it was queued.
	Stage string `json:"stage"`
	// Status is queued, running, done or failed; in review: pending,
	// approved or rejected.
	Status string `json:"status"`
	// Error is the reason, in Swedish, when Failed.
	Error    string `json:"error,omitempty"`
	CaseID   int64  `json:"case_id,omitempty"`
	InReview bool   `json:"in_review"`
	Failed   bool   `json:"failed"`
}

// CaseProgress is the state of one case.
type CaseProgress struct {
	CaseID      int64   `json:"case_id"`
	DocumentIDs []int64 `json:"document_ids"`
	Stage       string  `json:"stage"`
	Status      string  `json:"status"`
	Error       string  `json:"error,omitempty"`
	InReview    bool    `json:"in_review"`
}

// Progress returns the progress of batch id, or an error wrapping ErrNotFound.
// It only reads: work_items (package queue), document_extractions (extract)
// and review_items (review).
func (s *Service) Progress(ctx context.Context, id int64) (*Progress, error) {
	p := &Progress{BatchID: id, Items: []ReportItem{}, Documents: []DocumentProgress{}, Cases: []CaseProgress{}}
	err := s.db.Pool.QueryRow(ctx, `SELECT source, created_at FROM batches WHERE id = $1`, id).Scan(&p.Source, &p.CreatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("ingest.Progress: %w", fail(ErrNotFound, fmt.Sprintf("batch %d finns inte", id)))
	}
	if err != nil {
		return nil, fmt.Errorf("ingest.Progress: %w", err)
	}
	rows, err := s.db.Pool.Query(ctx, `
		SELECT filename, folder, outcome, COALESCE(document_id, 0), COALESCE(reason, '')
		FROM batch_items WHERE batch_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("ingest.Progress: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var ri ReportItem
		var reason string
		if err := rows.Scan(&ri.Name, &ri.Folder, &ri.Outcome, &ri.DocumentID, &reason); err != nil {
			rows.Close()
			return nil, fmt.Errorf("ingest.Progress: %w", err)
		}
		if ri.Outcome == OutcomeAccepted {
			ri.Warning = reason
		} else {
			ri.Reason = reason
		}
		p.Items = append(p.Items, ri)
		if ri.Outcome != OutcomeRejected && ri.DocumentID != 0 {
			ids = append(ids, ri.DocumentID)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("ingest.Progress: %w", err)
	}
	states, err := loadStates(ctx, s.db.Pool, ids)
	if err != nil {
		return nil, fmt.Errorf("ingest.Progress: %w", err)
	}
	cases := map[int64]*CaseProgress{}
	seen := map[int64]bool{}
	for _, ri := range p.Items {
		if ri.Outcome == OutcomeRejected {
			p.Rejected++
			continue
		}
		if ri.DocumentID == 0 || seen[ri.DocumentID] {
			continue
		}
		seen[ri.DocumentID] = true
		st := states[ri.DocumentID]
		st.Name, st.Folder, st.Outcome = ri.Name, ri.Folder, ri.Outcome
		p.Documents = append(p.Documents, st)
		if ri.Outcome == OutcomeAccepted {
			p.Accepted++
			switch {
			case st.Failed:
				p.Failed++
			case st.InReview:
				p.InReview++
			}
		}
		if st.CaseID != 0 {
			c := cases[st.CaseID]
			if c == nil {
				c = &CaseProgress{CaseID: st.CaseID, DocumentIDs: []int64{}}
				cases[st.CaseID] = c
			}
			// The case's state is that of its documents that did not fail
			// on their own; a document's failure is its own.
			if len(c.DocumentIDs) == 0 || !st.Failed {
				c.Stage, c.Status, c.Error, c.InReview = st.Stage, st.Status, st.Error, st.InReview
			}
			c.DocumentIDs = append(c.DocumentIDs, st.DocumentID)
		}
	}
	for _, c := range cases {
		p.Cases = append(p.Cases, *c)
	}
	sort.Slice(p.Cases, func(i, j int) bool { return p.Cases[i].CaseID < p.Cases[j].CaseID })
	p.Done = p.InReview+p.Failed == p.Accepted
	return p, nil
}

// querier is a pool or a transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// loadStates returns the pipeline state of the given documents. A document is
// at its extract work item until that is done, then at its case's work items;
// it is in review once its case has a review item.
func loadStates(ctx context.Context, q querier, ids []int64) (map[int64]DocumentProgress, error) {
	states := make(map[int64]DocumentProgress, len(ids))
	if len(ids) == 0 {
		return states, nil
	}
	rows, err := q.Query(ctx, `
		SELECT d.id, COALESCE(w.status, ''), COALESCE(w.last_error, ''),
			COALESCE(de.case_id, 0), COALESCE(de.error, ''), COALESCE(ri.status, ''),
			EXISTS (SELECT 1 FROM case_holds h WHERE h.document_id = d.id AND h.resolved_at IS NULL)
		FROM documents d
		LEFT JOIN work_items w ON w.stage = 'extract' AND w.item_key = 'document:' || d.id
		LEFT JOIN document_extractions de ON de.document_id = d.id
		LEFT JOIN review_items ri ON ri.case_id = de.case_id
		WHERE d.id = ANY($1)`, ids)
	if err != nil {
		return nil, fmt.Errorf("load document states: %w", err)
	}
	var caseIDs []int64
	for rows.Next() {
		var (
			st                       DocumentProgress
			status, lastErr, extrErr string
			review                   string
			held                     bool
		)
		if err := rows.Scan(&st.DocumentID, &status, &lastErr, &st.CaseID, &extrErr, &review, &held); err != nil {
			rows.Close()
			return nil, fmt.Errorf("load document states: %w", err)
		}
		switch status {
		case "":
			st.CaseID = 0
		case "queued", "running":
			st.Stage, st.Status, st.CaseID = "extract", status, 0
		case "failed":
			st.Stage, st.Status, st.Error, st.Failed, st.CaseID = "extract", status, lastErr, true, 0
		default: // done
			st.Stage, st.Status = "extract", status
			switch {
			case extrErr != "":
				// Extraction failed (the case may still go on with its
				// other documents).
				st.Status, st.Failed, st.Error, st.InReview = "failed", true, extrErr, review != ""
			case held:
				// Waits for a handläggare to confirm which case it joins
				// (package review/hold): in a person's hands, like review.
				st.Stage, st.Status, st.InReview = "review", "held", true
			case st.CaseID == 0:
				// Read; the case forms when the rest of its upload
				// group (its folder, or the batch's loose files) is read.
				st.Status = "waiting"
			case review != "":
				st.Stage, st.Status, st.InReview = "review", review, true
			default:
				caseIDs = append(caseIDs, st.CaseID)
			}
		}
		states[st.DocumentID] = st
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load document states: %w", err)
	}
	if len(caseIDs) == 0 {
		return states, nil
	}
	rows, err = q.Query(ctx, `
		SELECT case_id, stage, status, COALESCE(last_error, '')
		FROM work_items WHERE case_id = ANY($1) AND item_key = 'case:' || case_id
		ORDER BY updated_at, stage`, caseIDs)
	if err != nil {
		return nil, fmt.Errorf("load case states: %w", err)
	}
	type caseState struct{ stage, status, err string }
	latest := map[int64]caseState{}
	for rows.Next() {
		var id int64
		var cs caseState
		if err := rows.Scan(&id, &cs.stage, &cs.status, &cs.err); err != nil {
			rows.Close()
			return nil, fmt.Errorf("load case states: %w", err)
		}
		if prev, ok := latest[id]; ok && prev.status == "failed" {
			continue // a failure stands until the case is queued again
		}
		latest[id] = cs
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load case states: %w", err)
	}
	for id, st := range states {
		cs, ok := latest[st.CaseID]
		if st.CaseID == 0 || st.InReview || st.Failed || !ok {
			continue
		}
		st.Stage, st.Status, st.Error = cs.stage, cs.status, cs.err
		st.Failed = cs.status == "failed"
		states[id] = st
	}
	return states, nil
}
