package review

import (
	"context"
	"fmt"
	"time"

	"arsflow/extract/casefile"
)

// Stats are the live figures on the public transparency page.
type Stats struct {
	CasesProcessed int // cases that reached the review queue
	Decided        int
	Approved       int
	Rejected       int
	Pending        int
	CorrectedCases int           // decided cases with at least one corrected field
	MedianDecision time.Duration // queue entry to decision, over decided cases
	Fields         []FieldStat
	Backends       []BackendStat
}

// ApprovedPercent is the share of decided cases that were approved.
func (s Stats) ApprovedPercent() int { return percent(s.Approved, s.Decided) }

// CorrectedPercent is the share of decided cases where a field was corrected.
func (s Stats) CorrectedPercent() int { return percent(s.CorrectedCases, s.Decided) }

// MedianText is the median time to decision in Swedish words.
func (s Stats) MedianText() string { return durationText(s.MedianDecision) }

// FieldStat is how often handläggare corrected one field.
type FieldStat struct {
	Key       string
	Label     string
	Corrected int // decided cases where the field was corrected
	Decided   int
}

// Percent is the field's error rate.
func (f FieldStat) Percent() int { return percent(f.Corrected, f.Decided) }

// BackendStat is how often cases summarised by one backend were corrected.
type BackendStat struct {
	Backend   string
	Decided   int
	Corrected int
}

// Percent is the backend's share of corrected cases.
func (b BackendStat) Percent() int { return percent(b.Corrected, b.Decided) }

func percent(n, d int) int {
	if d == 0 {
		return 0
	}
	return (200*n + d) / (2 * d) // rounded
}

func durationText(d time.Duration) string { return durationIn("sv", d) }

// Stats computes the live figures. Corrections count for a decided case when
// they were made before its decision.
func (s *Service) Stats(ctx context.Context) (Stats, error) {
	return stats(ctx, s.db.Pool)
}

func stats(ctx context.Context, q dbtx) (Stats, error) {
	var st Stats
	var medianSec *float64
	err := q.QueryRow(ctx, `
		SELECT count(*),
		       count(*) FILTER (WHERE status <> 'pending'),
		       count(*) FILTER (WHERE status = 'approved'),
		       count(*) FILTER (WHERE status = 'rejected'),
		       count(*) FILTER (WHERE status = 'pending'),
		       count(*) FILTER (WHERE status <> 'pending' AND cc.case_id IS NOT NULL),
		       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - entered_at))
		         FILTER (WHERE status <> 'pending')
		  FROM review_items r LEFT JOIN (SELECT DISTINCT case_id FROM corrections) cc ON cc.case_id = r.case_id`).
		Scan(&st.CasesProcessed, &st.Decided, &st.Approved, &st.Rejected, &st.Pending, &st.CorrectedCases, &medianSec)
	if err != nil {
		return st, fmt.Errorf("review.Stats: %w", err)
	}
	if medianSec != nil {
		st.MedianDecision = time.Duration(*medianSec * float64(time.Second))
	}
	rows, err := q.Query(ctx, `
		SELECT c.field_key, count(DISTINCT c.case_id)
		  FROM corrections c JOIN review_items r ON r.case_id = c.case_id
		 WHERE r.status <> 'pending'
		 GROUP BY c.field_key`)
	if err != nil {
		return st, fmt.Errorf("review.Stats: fields: %w", err)
	}
	corrected := map[string]int{}
	for rows.Next() {
		var key string
		var n int
		if err := rows.Scan(&key, &n); err != nil {
			rows.Close()
			return st, fmt.Errorf("review.Stats: fields: %w", err)
		}
		corrected[key] = n
	}
	rows.Close()
	for _, d := range casefile.FieldInfos {
		st.Fields = append(st.Fields, FieldStat{Key: d.Key, Label: d.Label, Corrected: corrected[d.Key], Decided: st.Decided})
	}
	rows, err = q.Query(ctx, `
		SELECT r.backend, count(*), count(cc.case_id)
		  FROM review_items r
		  LEFT JOIN (SELECT DISTINCT case_id, summary_id FROM corrections) cc ON cc.case_id = r.case_id AND cc.summary_id = r.summary_id
		 WHERE r.status <> 'pending'
		 GROUP BY r.backend ORDER BY r.backend`)
	if err != nil {
		return st, fmt.Errorf("review.Stats: backends: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var b BackendStat
		if err := rows.Scan(&b.Backend, &b.Decided, &b.Corrected); err != nil {
			return st, fmt.Errorf("review.Stats: backends: %w", err)
		}
		st.Backends = append(st.Backends, b)
	}
	return st, rows.Err()
}
