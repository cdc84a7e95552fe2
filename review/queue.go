package review

import (
	"context"
	"fmt"
	"time"
)

// QueueItem is one row of the review queue list.
type QueueItem struct {
	CaseID          int64
	AssociationName string
	OrgNumber       string
	FiscalYear      int
	Status          string
	EnteredAt       time.Time
	DecidedAt       *time.Time
	DecidedBy       string
	SummaryVersion  int
	Backend         string
	FlagCount       int
	CheckErrors     int
	CheckWarnings   int
}

// StatusLabel is the status in Swedish.
func (q QueueItem) StatusLabel() string { return statusLabel(q.Status) }

// QueueCounts counts review items by status.
type QueueCounts struct {
	Pending, Approved, Rejected int
}

// Total is the number of cases in the queue.
func (c QueueCounts) Total() int { return c.Pending + c.Approved + c.Rejected }

// ValidStatus reports whether status is a review status or "" (all).
func ValidStatus(status string) bool {
	return status == "" || status == "pending" || status == "approved" || status == "rejected"
}

// Queue lists review items with the given status ("" for all): pending
// first, oldest entry first; decided cases most recent decision first.
func (s *Service) Queue(ctx context.Context, status string) ([]QueueItem, QueueCounts, error) {
	var counts QueueCounts
	if !ValidStatus(status) {
		return nil, counts, userError(ErrInvalid, "Okänd status.")
	}
	err := s.db.Pool.QueryRow(ctx, `
		SELECT count(*) FILTER (WHERE status = 'pending'), count(*) FILTER (WHERE status = 'approved'),
		       count(*) FILTER (WHERE status = 'rejected') FROM review_items r
		 WHERE EXISTS (SELECT 1 FROM document_extractions de WHERE de.case_id = r.case_id)`).
		Scan(&counts.Pending, &counts.Approved, &counts.Rejected)
	if err != nil {
		return nil, counts, fmt.Errorf("review.Queue: %w", err)
	}
	rows, err := s.db.Pool.Query(ctx, `
		SELECT r.case_id, c.association_name, c.org_number, c.fiscal_year, r.status, r.entered_at, r.decided_at,
		       coalesce(u.username, ''), sm.version, sm.backend, jsonb_array_length(sm.flags),
		       (SELECT count(*) FROM case_checks k WHERE k.case_id = r.case_id AND k.severity = 'error'),
		       (SELECT count(*) FROM case_checks k WHERE k.case_id = r.case_id AND k.severity = 'warning')
		  FROM review_items r
		  JOIN cases c ON c.id = r.case_id
		  JOIN summaries sm ON sm.id = r.summary_id
		  LEFT JOIN users u ON u.id = r.decided_by
		 WHERE ($1 = '' OR r.status = $1)
		   AND EXISTS (SELECT 1 FROM document_extractions de WHERE de.case_id = r.case_id)
		 ORDER BY (r.status = 'pending') DESC,
		          CASE WHEN r.status = 'pending' THEN r.entered_at END ASC,
		          r.decided_at DESC, r.case_id
		 LIMIT 1000`, status)
	if err != nil {
		return nil, counts, fmt.Errorf("review.Queue: %w", err)
	}
	defer rows.Close()
	var out []QueueItem
	for rows.Next() {
		var q QueueItem
		if err := rows.Scan(&q.CaseID, &q.AssociationName, &q.OrgNumber, &q.FiscalYear, &q.Status, &q.EnteredAt,
			&q.DecidedAt, &q.DecidedBy, &q.SummaryVersion, &q.Backend, &q.FlagCount, &q.CheckErrors, &q.CheckWarnings); err != nil {
			return nil, counts, fmt.Errorf("review.Queue: %w", err)
		}
		out = append(out, q)
	}
	if err := rows.Err(); err != nil {
		return nil, counts, fmt.Errorf("review.Queue: %w", err)
	}
	return out, counts, nil
}
