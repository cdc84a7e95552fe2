package review

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
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
	LowConfidence   bool
	FieldConflicts  int // fields on which the documents disagree
	FourEyes        bool
	ClaimedBy       string // who works on the case now
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

// Flag filters of the queue besides a check code.
const (
	FlagAnyError   = "fel"        // a check of severity error
	FlagAnySummary = "sammandrag" // a flag on the summary
)

// QueueFilter selects a page of the queue.
type QueueFilter struct {
	Status        string // "" for all
	Flag          string // a check code, FlagAnyError or FlagAnySummary
	BatchID       int64
	Assignee      int64 // user id of the claim holder; -1 for unclaimed
	LowConfidence bool
	Search        string // part of the association's name or org number
	Newest        bool   // newest first; default oldest first
	// After is the cursor of the previous page's last row ("" for the first).
	After string
	Limit int // default 50, at most 200

	claimed []int64 // the cases with an open claim, for Assignee -1
}

// QueuePage is a page of the queue.
type QueuePage struct {
	Items  []QueueItem
	Counts QueueCounts // under the filter, by status
	Next   string      // cursor of the next page, "" on the last
}

// cursor encodes a row's position: entered_at in microseconds and case id.
func cursor(q QueueItem) string {
	return strconv.FormatInt(q.EnteredAt.UnixMicro(), 10) + "." + strconv.FormatInt(q.CaseID, 10)
}

func parseCursor(s string) (time.Time, int64, bool) {
	a, b, ok := strings.Cut(s, ".")
	us, err1 := strconv.ParseInt(a, 10, 64)
	id, err2 := strconv.ParseInt(b, 10, 64)
	if !ok || err1 != nil || err2 != nil {
		return time.Time{}, 0, false
	}
	return time.UnixMicro(us), id, true
}

// where builds the filter's conditions (all but the status) with $n
// placeholders from args.
func (f QueueFilter) where(args *[]any) []string {
	arg := func(v any) string { *args = append(*args, v); return "$" + strconv.Itoa(len(*args)) }
	conds := []string{"r.has_documents"}
	switch f.Flag {
	case "":
	case FlagAnyError:
		conds = append(conds, "r.check_errors > 0")
	case FlagAnySummary:
		conds = append(conds, "r.flag_count > 0")
	default:
		conds = append(conds, "r.check_codes @> ARRAY["+arg(f.Flag)+"::text]")
	}
	if f.BatchID > 0 {
		conds = append(conds, "r.batch_ids @> ARRAY["+arg(f.BatchID)+"::bigint]")
	}
	switch {
	case f.Assignee > 0:
		conds = append(conds, "r.case_id IN (SELECT case_id FROM case_claims WHERE user_id = "+arg(f.Assignee)+
			" AND released_at IS NULL AND expires_at > now())")
	case f.Assignee < 0:
		conds = append(conds, "NOT r.case_id = ANY("+arg(f.claimed)+"::bigint[])")
	}
	if f.LowConfidence {
		conds = append(conds, "r.low_confidence")
	}
	if s := strings.ToLower(strings.TrimSpace(f.Search)); s != "" {
		s = strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s)
		conds = append(conds, "r.search LIKE "+arg("%"+s+"%"))
	}
	return conds
}

// readFewBelow is the number of matches under which the queue reads them
// all and sorts them rather than walking the age index: at 100 000 cases,
// 2 000 matches are one in 50, and a walk reads about as many rows as a
// sort of the matches does.
const readFewBelow = 2000

// customPlan makes PostgreSQL plan a queue query for its own values each
// time. A prepared statement (pgx's default) gets a generic plan after five
// runs, one that knows neither the search nor the check code: with every
// filter at once it walks the whole queue (200 ms at 100 000 cases, against
// 1 ms planned for the values).
const customPlan = pgx.QueryExecModeExec

// Queue returns a page of the review queue under f, ordered by age.
func (s *Service) Queue(ctx context.Context, f QueueFilter) (*QueuePage, error) {
	if !ValidStatus(f.Status) {
		return nil, userError(ErrInvalid, "Okänd status.")
	}
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = 50
	}
	page := &QueuePage{}
	err := s.readSnapshot(ctx, func(tx pgx.Tx) error {
		if f.Assignee < 0 {
			// Open claims are few (one per person at work): read them once.
			rows, err := tx.Query(ctx, `SELECT case_id FROM case_claims WHERE released_at IS NULL AND expires_at > now()`)
			if err != nil {
				return fmt.Errorf("claims: %w", err)
			}
			if f.claimed, err = pgx.CollectRows(rows, pgx.RowTo[int64]); err != nil {
				return fmt.Errorf("claims: %w", err)
			}
		}
		var err error
		if page.Counts, err = queueCounts(ctx, tx, f); err != nil {
			return err
		}
		page.Items, err = queueItems(ctx, tx, f, page.Counts)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("review.Queue: %w", err)
	}
	if len(page.Items) > f.Limit {
		page.Items = page.Items[:f.Limit]
		page.Next = cursor(page.Items[f.Limit-1])
	}
	return page, nil
}

// queueCounts counts the cases under f by status. The counts of the
// unclaimed are all the counts less those of the few claimed cases:
// counting every case but a list is a scan of them all.
func queueCounts(ctx context.Context, tx pgx.Tx, f QueueFilter) (QueueCounts, error) {
	all := f
	all.Assignee = max(f.Assignee, 0)
	var args []any
	conds := all.where(&args)
	counts, err := countByStatus(ctx, tx, conds, args)
	if err != nil || f.Assignee >= 0 || len(f.claimed) == 0 {
		return counts, err
	}
	claimed, err := countByStatus(ctx, tx, append(conds, "r.case_id = ANY($"+strconv.Itoa(len(args)+1)+")"), append(args, f.claimed))
	counts.Pending -= claimed.Pending
	counts.Approved -= claimed.Approved
	counts.Rejected -= claimed.Rejected
	return counts, err
}

// queueItems reads up to f.Limit+1 cases under f from f.After on; counts
// are queueCounts' for f.
func queueItems(ctx context.Context, tx pgx.Tx, f QueueFilter, counts QueueCounts) ([]QueueItem, error) {
	var args []any
	conds := f.where(&args)
	filtered := len(conds) > 1 // more than has_documents
	// has_documents is as of the summary's entry; a case whose documents
	// all moved to another case since then is left out of the list here
	// (its count is off by one until it is summarised again).
	conds = append(conds, "EXISTS (SELECT 1 FROM document_extractions de WHERE de.case_id = r.case_id)")
	inTab := counts.Total()
	if f.Status != "" {
		args = append(args, f.Status)
		conds = append(conds, "r.status = $"+strconv.Itoa(len(args)))
		inTab = map[string]int{"pending": counts.Pending, "approved": counts.Approved, "rejected": counts.Rejected}[f.Status]
	}
	cmp, dir := ">", "ASC"
	if f.Newest {
		cmp, dir = "<", "DESC"
	}
	if at, id, ok := parseCursor(f.After); ok {
		args = append(args, at, id)
		conds = append(conds, fmt.Sprintf("(r.entered_at, r.case_id) %s ($%d, $%d)", cmp, len(args)-1, len(args)))
	}
	args = append(args, f.Limit+1)
	// Few matches (a batch, a rare check code, a name, a code that cases of
	// this status seldom carry) are read through the filter's own index and
	// then sorted; many are found soon enough walking the age index. The
	// counts say which, where the planner would assume the matches spread
	// evenly over the queue's age: a batch's cases arrive together, and a
	// check code may belong to decided cases only. OFFSET 0 keeps the
	// planner from walking the age index all the same.
	from := "review_items r"
	if filtered && inTab <= readFewBelow {
		from = "(SELECT * FROM review_items r WHERE " + strings.Join(conds, " AND ") + " OFFSET 0) r"
	}
	rows, err := tx.Query(ctx, `
		SELECT r.case_id, r.association_name, r.org_number, r.fiscal_year, r.status, r.entered_at, r.decided_at,
		       coalesce(u.username, ''), sm.version, sm.backend, r.flag_count, r.check_errors, r.check_warnings,
		       r.low_confidence, r.field_conflicts, r.four_eyes,
		       coalesce((SELECT coalesce(nullif(cu.display_name, ''), cu.username) FROM case_claims k JOIN users cu ON cu.id = k.user_id
		                  WHERE k.case_id = r.case_id AND k.released_at IS NULL AND k.expires_at > now()), '')
		  FROM `+from+`
		  JOIN summaries sm ON sm.id = r.summary_id
		  LEFT JOIN users u ON u.id = r.decided_by
		 WHERE `+strings.Join(conds, " AND ")+`
		 ORDER BY r.entered_at `+dir+`, r.case_id `+dir+`
		 LIMIT $`+strconv.Itoa(len(args)), append([]any{customPlan}, args...)...)
	if err != nil {
		return nil, err
	}
	items, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (QueueItem, error) {
		var q QueueItem
		err := row.Scan(&q.CaseID, &q.AssociationName, &q.OrgNumber, &q.FiscalYear, &q.Status, &q.EnteredAt,
			&q.DecidedAt, &q.DecidedBy, &q.SummaryVersion, &q.Backend, &q.FlagCount, &q.CheckErrors, &q.CheckWarnings,
			&q.LowConfidence, &q.FieldConflicts, &q.FourEyes, &q.ClaimedBy)
		return q, err
	})
	if err != nil {
		return nil, err
	}
	return items, nil
}

// countByStatus counts the review items under conds by status.
func countByStatus(ctx context.Context, q dbtx, conds []string, args []any) (QueueCounts, error) {
	var c QueueCounts
	rows, err := q.Query(ctx, `SELECT r.status, count(*) FROM review_items r WHERE `+strings.Join(conds, " AND ")+
		` GROUP BY r.status`, append([]any{customPlan}, args...)...)
	if err != nil {
		return c, fmt.Errorf("counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return c, fmt.Errorf("counts: %w", err)
		}
		switch st {
		case "pending":
			c.Pending = n
		case "approved":
			c.Approved = n
		case "rejected":
			c.Rejected = n
		}
	}
	if err := rows.Err(); err != nil {
		return c, fmt.Errorf("counts: %w", err)
	}
	return c, nil
}
