package review

import (
	"context"
	"fmt"
	"time"

	"arsflow/extract/casefile"
)

// Figures are the live figures of the public notice. They count events
// that are kept for good (decisions, the approved values, the audit log),
// so that retention does not change them.
type Figures struct {
	CasesProcessed int // cases that reached the review queue
	Pending        int
	Approved       int // cases whose current summary a handläggare approved
	Rejected       int // cases whose current summary a handläggare rejected
	// Handled counts every summary a handläggare approved, rejected or sent
	// back (two approvals of one summary count once); RejectedOrSentBack
	// those that were not approved.
	Handled            int
	RejectedOrSentBack int
	// MedianDecision is the median time from the arrival of a decided case's
	// documents to the decision.
	MedianDecision time.Duration
	Fields         []FieldFigure // in field order, only fields seen in an approval
	ComputedAt     time.Time
}

// Decided is the number of cases with a decision.
func (f Figures) Decided() int { return f.Approved + f.Rejected }

// RejectedOrSentBackPercent is the share of handled summaries that a
// handläggare rejected or sent back for a new run.
func (f Figures) RejectedOrSentBackPercent() int { return percent(f.RejectedOrSentBack, f.Handled) }

// FieldFigure is how often handläggare changed the machine's value of one
// field in approved cases.
type FieldFigure struct {
	Key           string
	Label         string
	MachineValues int // approved cases where the machine gave a value
	Changed       int // ... and the handläggare changed it
	Added         int // approved cases where the machine gave none and the handläggare added one
}

// Percent is the share of the machine's values that were changed.
func (f FieldFigure) Percent() int { return percent(f.Changed, f.MachineValues) }

// Figures computes the live figures; the public pages cache them.
func (s *Service) Figures(ctx context.Context) (Figures, error) {
	f := Figures{ComputedAt: time.Now()}
	var medianSec *float64
	err := s.db.Pool.QueryRow(ctx, `
		SELECT count(*),
		       count(*) FILTER (WHERE r.status = 'pending'),
		       count(*) FILTER (WHERE r.status = 'approved'),
		       count(*) FILTER (WHERE r.status = 'rejected'),
		       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.decided_at - coalesce(a.arrived, r.entered_at)))
		         FILTER (WHERE r.status <> 'pending')
		  FROM review_items r
		  LEFT JOIN (SELECT de.case_id, min(d.created_at) AS arrived
		               FROM document_extractions de JOIN documents d ON d.id = de.document_id
		              WHERE de.case_id IS NOT NULL
		              GROUP BY de.case_id) a ON a.case_id = r.case_id`).
		Scan(&f.CasesProcessed, &f.Pending, &f.Approved, &f.Rejected, &medianSec)
	if err != nil {
		return f, fmt.Errorf("review.Figures: %w", err)
	}
	if medianSec != nil {
		f.MedianDecision = time.Duration(*medianSec * float64(time.Second))
	}
	err = s.db.Pool.QueryRow(ctx, `
		WITH decided AS (SELECT DISTINCT case_id, summary_id, decision FROM decisions),
		     sent_back AS (SELECT count(*) AS n FROM audit_log WHERE action = $1)
		SELECT (SELECT count(*) FROM decided) + (SELECT n FROM sent_back),
		       (SELECT count(*) FROM decided WHERE decision = 'reject') + (SELECT n FROM sent_back)`,
		ActionCaseResummarize).Scan(&f.Handled, &f.RejectedOrSentBack)
	if err != nil {
		return f, fmt.Errorf("review.Figures: handled: %w", err)
	}
	// The snapshot an approval keeps says, per field, the approved value,
	// whether it was corrected and, if so, the machine's value.
	rows, err := s.db.Pool.Query(ctx, `
		SELECT key,
		       count(*) FILTER (WHERE machine IS NOT NULL),
		       count(*) FILTER (WHERE machine IS NOT NULL AND corrected AND value IS DISTINCT FROM machine),
		       count(*) FILTER (WHERE machine IS NULL AND corrected AND value IS NOT NULL)
		  FROM (SELECT e.key, c.corrected, nullif(e.v->'value', 'null') AS value,
		               CASE WHEN c.corrected THEN nullif(e.v->'machine_value', 'null') ELSE nullif(e.v->'value', 'null') END AS machine
		          FROM review_items r
		         CROSS JOIN LATERAL (SELECT fields FROM decisions dd
		                              WHERE dd.case_id = r.case_id AND dd.summary_id = r.summary_id AND dd.decision = 'approve'
		                              ORDER BY dd.id DESC LIMIT 1) d
		         CROSS JOIN LATERAL jsonb_each(d.fields) AS e(key, v)
		         CROSS JOIN LATERAL (SELECT coalesce((e.v->>'corrected')::boolean, false) AS corrected) c
		         WHERE r.status = 'approved' AND jsonb_typeof(d.fields) = 'object') x
		 GROUP BY key`)
	if err != nil {
		return f, fmt.Errorf("review.Figures: fields: %w", err)
	}
	defer rows.Close()
	byKey := map[string]FieldFigure{}
	for rows.Next() {
		var ff FieldFigure
		if err := rows.Scan(&ff.Key, &ff.MachineValues, &ff.Changed, &ff.Added); err != nil {
			return f, fmt.Errorf("review.Figures: fields: %w", err)
		}
		byKey[ff.Key] = ff
	}
	if err := rows.Err(); err != nil {
		return f, fmt.Errorf("review.Figures: fields: %w", err)
	}
	for _, info := range casefile.FieldInfos {
		if ff, ok := byKey[info.Key]; ok {
			ff.Label = info.Label
			f.Fields = append(f.Fields, ff)
		}
	}
	return f, nil
}
