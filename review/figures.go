package review

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"arsflow/extract/casefile"
)

// Figures are the measures of the review that both the public notice and
// the KPI page show, computed once, here. They count events that are kept
// for good (decisions, the approved values, the audit log), so that
// retention does not change them.
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
	// ToDecision is the time from the arrival of a decided case's documents
	// to its decision.
	ToDecision Durations
	Fields     []FieldFigure // in field order, only fields seen in an approval
	ComputedAt time.Time
}

// Decided is the number of cases with a decision.
func (f Figures) Decided() int { return f.Approved + f.Rejected }

// RejectedOrSentBackPercent is the share of handled summaries that a
// handläggare rejected or sent back for a new run.
func (f Figures) RejectedOrSentBackPercent() int { return percent(f.RejectedOrSentBack, f.Handled) }

// FieldFigure is how often handläggare changed the machine's value of one
// field in approved cases: the error rate per field.
type FieldFigure struct {
	Key           string
	Label         string
	MachineValues int // approved cases where the machine gave a value
	Changed       int // ... and the handläggare changed it
	Added         int // approved cases where the machine gave none and the handläggare added one
}

// Percent is the share of the machine's values that were changed.
func (f FieldFigure) Percent() int { return percent(f.Changed, f.MachineValues) }

// Durations are the median and 90th percentile of a time.
type Durations struct{ Median, P90 time.Duration }

// MedianText is the median in Swedish words.
func (d Durations) MedianText() string { return durationText(d.Median) }

// P90Text is the 90th percentile in Swedish words.
func (d Durations) P90Text() string { return durationText(d.P90) }

func percent(n, d int) int {
	if d == 0 {
		return 0
	}
	return (200*n + d) / (2 * d) // rounded
}

func durationText(d time.Duration) string { return durationIn("sv", d) }

func secs(p *float64) time.Duration {
	if p == nil {
		return 0
	}
	return time.Duration(*p * float64(time.Second))
}

// Figures computes the figures in one read-only snapshot; the public pages
// cache them.
func (s *Service) Figures(ctx context.Context) (Figures, error) {
	var f Figures
	err := s.readSnapshot(ctx, func(tx pgx.Tx) (err error) {
		f, err = figures(ctx, tx)
		return err
	})
	if err != nil {
		return f, fmt.Errorf("review.Figures: %w", err)
	}
	return f, nil
}

// readSnapshot runs read in one read-only transaction that sees one
// snapshot of the database.
func (s *Service) readSnapshot(ctx context.Context, read func(tx pgx.Tx) error) error {
	return s.db.Transact(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY`); err != nil {
			return err
		}
		// Aggregates over every case: compiling them (JIT) costs more than it saves.
		if _, err := tx.Exec(ctx, `SET LOCAL jit = off`); err != nil {
			return err
		}
		return read(tx)
	})
}

func figures(ctx context.Context, q dbtx) (Figures, error) {
	f := Figures{ComputedAt: time.Now()}
	var med, p90 *float64
	err := q.QueryRow(ctx, `
		SELECT count(*),
		       count(*) FILTER (WHERE r.status = 'pending'),
		       count(*) FILTER (WHERE r.status = 'approved'),
		       count(*) FILTER (WHERE r.status = 'rejected'),
		       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.decided_at - coalesce(a.arrived, r.entered_at)))
		         FILTER (WHERE r.status <> 'pending'),
		       percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM r.decided_at - coalesce(a.arrived, r.entered_at)))
		         FILTER (WHERE r.status <> 'pending')
		  FROM review_items r
		  LEFT JOIN (SELECT de.case_id, min(d.created_at) AS arrived
		               FROM document_extractions de JOIN documents d ON d.id = de.document_id
		              WHERE de.case_id IS NOT NULL
		              GROUP BY de.case_id) a ON a.case_id = r.case_id`).
		Scan(&f.CasesProcessed, &f.Pending, &f.Approved, &f.Rejected, &med, &p90)
	if err != nil {
		return f, fmt.Errorf("cases: %w", err)
	}
	f.ToDecision = Durations{secs(med), secs(p90)}
	err = q.QueryRow(ctx, `
		WITH decided AS (SELECT DISTINCT case_id, summary_id, decision FROM decisions),
		     sent_back AS (SELECT count(*) AS n FROM audit_log WHERE action = $1)
		SELECT (SELECT count(*) FROM decided) + (SELECT n FROM sent_back),
		       (SELECT count(*) FROM decided WHERE decision = 'reject') + (SELECT n FROM sent_back)`,
		ActionCaseResummarize).Scan(&f.Handled, &f.RejectedOrSentBack)
	if err != nil {
		return f, fmt.Errorf("handled: %w", err)
	}
	// The snapshot an approval keeps says, per field, the approved value,
	// whether it was corrected and, if so, the machine's value.
	rows, err := q.Query(ctx, `
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
		return f, fmt.Errorf("fields: %w", err)
	}
	defer rows.Close()
	byKey := map[string]FieldFigure{}
	for rows.Next() {
		var ff FieldFigure
		if err := rows.Scan(&ff.Key, &ff.MachineValues, &ff.Changed, &ff.Added); err != nil {
			return f, fmt.Errorf("fields: %w", err)
		}
		byKey[ff.Key] = ff
	}
	if err := rows.Err(); err != nil {
		return f, fmt.Errorf("fields: %w", err)
	}
	for _, info := range casefile.FieldInfos {
		if ff, ok := byKey[info.Key]; ok {
			ff.Label = info.Label
			f.Fields = append(f.Fields, ff)
		}
	}
	return f, nil
}
