package review

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
)

// KPI are the measures of the review work for handläggare and
// administrators: the Figures the public notice shows too (cases, the error
// rate per field, time to decision, the share rejected or sent back), and
// the correction rate per backend and prompt version, time in active
// review, the backlog's age, cases per week and how handläggare judged flags.
type KPI struct {
	Figures
	BackendRates   []BackendRate // per backend and prompt version
	ActiveReview   Durations     // time in active review (claims) per decided case
	BacklogOldest  time.Duration
	BacklogMedian  time.Duration
	BacklogBuckets []Bucket
	Weeks          []Week
	Confirmed      int // flags confirmed by a handläggare
	Dismissed      int
}

// ConfirmedPercent is the share of judged flags that were confirmed.
func (k KPI) ConfirmedPercent() int { return percent(k.Confirmed, k.Confirmed+k.Dismissed) }

// DismissedPercent is the share of judged flags that were dismissed.
func (k KPI) DismissedPercent() int { return percent(k.Dismissed, k.Confirmed+k.Dismissed) }

// BackendRate is the correction rate of one backend and prompt version.
type BackendRate struct {
	Backend, PromptVersion string
	Decided, Corrected     int
}

// Percent is the share of decided cases with a correction.
func (b BackendRate) Percent() int { return percent(b.Corrected, b.Decided) }

// BackendLabel names the backend in Swedish.
func (b BackendRate) BackendLabel() string { return backendLabel(b.Backend) }

// Bucket counts pending cases by age.
type Bucket struct {
	Label string
	Count int
}

// Week counts the cases that arrived and were decided in an ISO week.
type Week struct {
	Start            time.Time
	Arrived, Decided int
}

// Label is the week as "v. 12 2026".
func (w Week) Label() string {
	y, n := w.Start.ISOWeek()
	return fmt.Sprintf("v. %d %d", n, y)
}

// KPI computes the measures over all cases in the review queue, in one
// read-only snapshot.
func (s *Service) KPI(ctx context.Context) (*KPI, error) {
	k := &KPI{}
	err := s.readSnapshot(ctx, func(tx pgx.Tx) error { return kpi(ctx, tx, k) })
	if err != nil {
		return nil, fmt.Errorf("review.KPI: %w", err)
	}
	return k, nil
}

func kpi(ctx context.Context, q dbtx, k *KPI) error {
	var err error
	if k.Figures, err = figures(ctx, q); err != nil {
		return err
	}
	var active []float64
	err = q.QueryRow(ctx, `
		SELECT percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY active_seconds)
		  FROM review_items WHERE status <> 'pending'`).Scan(&active)
	if err != nil {
		return fmt.Errorf("active review: %w", err)
	}
	k.ActiveReview = durations(active)
	var oldest *float64
	var b [4]int
	err = q.QueryRow(ctx, `
		SELECT date_part('epoch', now() - min(entered_at)),
		       count(*) FILTER (WHERE entered_at > now() - interval '1 day'),
		       count(*) FILTER (WHERE entered_at <= now() - interval '1 day' AND entered_at > now() - interval '7 days'),
		       count(*) FILTER (WHERE entered_at <= now() - interval '7 days' AND entered_at > now() - interval '28 days'),
		       count(*) FILTER (WHERE entered_at <= now() - interval '28 days')
		  FROM review_items WHERE status = 'pending'`).Scan(&oldest, &b[0], &b[1], &b[2], &b[3])
	if err != nil {
		return fmt.Errorf("backlog: %w", err)
	}
	// The median age, as percentile_cont computes it, from the queue's own
	// index, in order: no sort of the whole backlog.
	var median *float64
	if n := k.Pending; n > 0 {
		err = q.QueryRow(ctx, `
			SELECT date_part('epoch', now()) - avg(date_part('epoch', entered_at))
			  FROM (SELECT entered_at FROM review_items WHERE status = 'pending'
			         ORDER BY entered_at OFFSET $1 LIMIT $2) m`, (n-1)/2, 2-n%2).Scan(&median)
		if err != nil {
			return fmt.Errorf("backlog median: %w", err)
		}
	}
	k.BacklogOldest, k.BacklogMedian = secs(oldest), secs(median)
	for i, l := range []string{"under ett dygn", "1–7 dagar", "1–4 veckor", "över 4 veckor"} {
		k.BacklogBuckets = append(k.BacklogBuckets, Bucket{l, b[i]})
	}
	if err := kpiBackends(ctx, q, k); err != nil {
		return err
	}
	if err := kpiWeeks(ctx, q, k); err != nil {
		return err
	}
	err = q.QueryRow(ctx, `
		SELECT count(*) FILTER (WHERE verdict = 'confirmed'), count(*) FILTER (WHERE verdict = 'dismissed')
		  FROM (SELECT DISTINCT ON (case_id, summary_id, flag_key) verdict FROM flag_verdicts
		         ORDER BY case_id, summary_id, flag_key, id DESC) v`).Scan(&k.Confirmed, &k.Dismissed)
	if err != nil {
		return fmt.Errorf("verdicts: %w", err)
	}
	return nil
}

func kpiBackends(ctx context.Context, q dbtx, k *KPI) error {
	rows, err := q.Query(ctx, `
		SELECT backend, prompt_version, count(*), count(*) FILTER (WHERE corrected)
		  FROM review_items WHERE status <> 'pending'
		 GROUP BY backend, prompt_version ORDER BY backend, prompt_version`)
	if err != nil {
		return fmt.Errorf("review.KPI: backends: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var b BackendRate
		if err := rows.Scan(&b.Backend, &b.PromptVersion, &b.Decided, &b.Corrected); err != nil {
			return fmt.Errorf("review.KPI: backends: %w", err)
		}
		k.BackendRates = append(k.BackendRates, b)
	}
	return rows.Err()
}

func kpiWeeks(ctx context.Context, q dbtx, k *KPI) error {
	var start time.Time
	if err := q.QueryRow(ctx, `SELECT date_trunc('week', now()) - interval '11 weeks'`).Scan(&start); err != nil {
		return fmt.Errorf("review.KPI: weeks: %w", err)
	}
	// Each case falls into one of the twelve weeks by a binary search of
	// their starts (cheaper than truncating every timestamp).
	starts := make([]time.Time, 12)
	for i := range starts {
		starts[i] = start.AddDate(0, 0, 7*i)
	}
	rows, err := q.Query(ctx, `
		SELECT width_bucket(arrived_at, $1::timestamptz[]), count(*), 0 FROM review_items
		 WHERE arrived_at >= $2 GROUP BY 1
		UNION ALL
		SELECT width_bucket(decided_at, $1::timestamptz[]), 0, count(*) FROM review_items
		 WHERE status <> 'pending' AND decided_at >= $2 GROUP BY 1`, starts, start)
	if err != nil {
		return fmt.Errorf("review.KPI: weeks: %w", err)
	}
	k.Weeks = make([]Week, len(starts))
	for i, ws := range starts {
		k.Weeks[i].Start = ws
	}
	var bucket, arrived, decided int
	_, err = pgx.ForEachRow(rows, []any{&bucket, &arrived, &decided}, func() error {
		if bucket >= 1 && bucket <= len(starts) {
			k.Weeks[bucket-1].Arrived += arrived
			k.Weeks[bucket-1].Decided += decided
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("review.KPI: weeks: %w", err)
	}
	return nil
}

// WriteKPICSV writes the measures as rows of measure, group, value (and a
// denominator where there is one), for a spreadsheet.
func WriteKPICSV(w io.Writer, k *KPI) error {
	cw := csv.NewWriter(w)
	row := func(rec ...string) { _ = cw.Write(rec) }
	itoa := strconv.Itoa
	sec := func(d time.Duration) string { return strconv.FormatInt(int64(d.Seconds()), 10) }
	row("measure", "group", "value", "of")
	row("cases", "processed", itoa(k.CasesProcessed), "")
	row("cases", "approved", itoa(k.Approved), itoa(k.Decided()))
	row("cases", "rejected", itoa(k.Rejected), itoa(k.Decided()))
	row("summaries_rejected_or_sent_back", "all", itoa(k.RejectedOrSentBack), itoa(k.Handled))
	for _, f := range k.Fields {
		row("machine_values_changed_per_field", f.Key, itoa(f.Changed), itoa(f.MachineValues))
		row("values_added_per_field", f.Key, itoa(f.Added), "")
	}
	for _, b := range k.BackendRates {
		row("corrections_per_backend", b.Backend+" "+b.PromptVersion, itoa(b.Corrected), itoa(b.Decided))
	}
	row("to_decision_seconds", "median", sec(k.ToDecision.Median), "")
	row("to_decision_seconds", "p90", sec(k.ToDecision.P90), "")
	row("active_review_seconds", "median", sec(k.ActiveReview.Median), "")
	row("active_review_seconds", "p90", sec(k.ActiveReview.P90), "")
	row("backlog", "pending", itoa(k.Pending), "")
	row("backlog_age_seconds", "oldest", sec(k.BacklogOldest), "")
	row("backlog_age_seconds", "median", sec(k.BacklogMedian), "")
	for _, b := range k.BacklogBuckets {
		row("backlog_by_age", b.Label, itoa(b.Count), itoa(k.Pending))
	}
	for _, wk := range k.Weeks {
		row("arrived_per_week", wk.Start.Format("2006-01-02"), itoa(wk.Arrived), "")
		row("decided_per_week", wk.Start.Format("2006-01-02"), itoa(wk.Decided), "")
	}
	row("flags_judged", "confirmed", itoa(k.Confirmed), itoa(k.Confirmed+k.Dismissed))
	row("flags_judged", "dismissed", itoa(k.Dismissed), itoa(k.Confirmed+k.Dismissed))
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("review.WriteKPICSV: %w", err)
	}
	return nil
}
