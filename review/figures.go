package review

import (
	"context"
	"fmt"
	"reflect"
	"slices"
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

// fieldOutcomes sorts the fields an approval covers by what the
// handläggare did with the machine's value, for the figures' read model:
// the fields the machine gave a value, those of them the handläggare
// changed, and those without a machine value the handläggare filled in.
// The lists are never nil.
func fieldOutcomes(fields map[string]ExportField) (machine, changed, added []string) {
	machine, changed, added = []string{}, []string{}, []string{}
	for key, f := range fields {
		m := f.Value
		if f.Corrected {
			m = f.MachineValue
		}
		switch {
		case m != nil:
			machine = append(machine, key)
			if f.Corrected && !reflect.DeepEqual(f.Value, m) {
				changed = append(changed, key)
			}
		case f.Corrected && f.Value != nil:
			added = append(added, key)
		}
	}
	slices.Sort(machine)
	slices.Sort(changed)
	slices.Sort(added)
	return machine, changed, added
}

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
// snapshot of the database, so that counts and lists agree. Its queries
// are short or plain aggregates: compiling them (JIT) and starting parallel
// workers cost more than they save.
func (s *Service) readSnapshot(ctx context.Context, read func(tx pgx.Tx) error) error {
	return s.db.Transact(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY`); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `SELECT set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`); err != nil {
			return err
		}
		return read(tx)
	})
}

func figures(ctx context.Context, q dbtx) (Figures, error) {
	f := Figures{ComputedAt: time.Now()}
	counts, err := countByStatus(ctx, q, []string{"true"}, nil)
	if err != nil {
		return f, fmt.Errorf("cases: %w", err)
	}
	f.CasesProcessed, f.Pending, f.Approved, f.Rejected = counts.Total(), counts.Pending, counts.Approved, counts.Rejected
	var toDecision []float64
	err = q.QueryRow(ctx, `
		SELECT percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY decision_seconds)
		  FROM review_items WHERE status <> 'pending'`).Scan(&toDecision)
	if err != nil {
		return f, fmt.Errorf("time to decision: %w", err)
	}
	f.ToDecision = durations(toDecision)
	err = q.QueryRow(ctx, `
		SELECT count(*) + (SELECT count(*) FROM audit_log WHERE action = $1),
		       count(*) FILTER (WHERE decision = 'reject') + (SELECT count(*) FROM audit_log WHERE action = $1)
		  FROM (SELECT DISTINCT case_id, summary_id, decision FROM decisions) d`,
		ActionCaseResummarize).Scan(&f.Handled, &f.RejectedOrSentBack)
	if err != nil {
		return f, fmt.Errorf("handled: %w", err)
	}
	// What the approvals recorded per field, summed as they are decided.
	var ff FieldFigure
	rows, err := q.Query(ctx, `SELECT key, machine_values, changed, added FROM review_field_figures
		 WHERE machine_values > 0 OR changed > 0 OR added > 0`)
	if err != nil {
		return f, fmt.Errorf("fields: %w", err)
	}
	byKey := map[string]FieldFigure{}
	_, err = pgx.ForEachRow(rows, []any{&ff.Key, &ff.MachineValues, &ff.Changed, &ff.Added}, func() error {
		byKey[ff.Key] = ff
		return nil
	})
	if err != nil {
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

// durations reads percentile_cont(ARRAY[0.5, 0.9]) in seconds; nil (no
// rows) gives zero durations.
func durations(p []float64) Durations {
	if len(p) < 2 {
		return Durations{}
	}
	return Durations{secs(&p[0]), secs(&p[1])}
}
