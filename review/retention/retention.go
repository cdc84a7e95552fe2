// Package retention deletes what arsflow may no longer keep (GDPR storage
// limitation), on a schedule the server runs: the originals of documents, and
// the personal data in the machine's results, a set time after the case's
// decision. Each table's own package deletes its rows (ingest the originals,
// extract the page text, quotes and names, summarize the summaries' personal
// data, review the quotes and summary texts in approvals and the names and
// edited texts in corrections); this package decides what is due, calls them
// in one transaction per case and records every deletion in the audit log. A case that awaits a decision is never touched, and a deletion
// is never done twice, so two servers may run the job at once.
package retention

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"

	"arsflow/extract/store"
	"arsflow/ingest"
	"arsflow/queue/database"
	"arsflow/review"
	"arsflow/summarize"
)

// Policy is how long data is kept after a case's decision; 0 keeps it.
// Documents that never reached a case (refused uploads, failed documents)
// count from their arrival.
type Policy struct {
	Originals    time.Duration
	PersonalData time.Duration
}

// Report counts what one run deleted.
type Report struct {
	Originals     int // documents whose original was deleted
	Cases         int // cases whose personal data was deleted
	LoneDocuments int // documents outside any case whose personal data was deleted
}

// Job runs the policy every Interval.
type Job struct {
	DB       *database.DB
	Policy   Policy
	Interval time.Duration // default one hour
	Batch    int           // items read at a time; default 100
	Log      *slog.Logger
}

// Run runs the policy at once and then every Interval until ctx ends. A
// failed run is logged and tried again at the next tick.
func (j *Job) Run(ctx context.Context) error {
	every := j.Interval
	if every <= 0 {
		every = time.Hour
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		rep, err := j.RunOnce(ctx, time.Now())
		switch {
		case ctx.Err() != nil:
			return nil
		case err != nil:
			j.log().Error("retention", "error", err)
		case rep != Report{}:
			j.log().Info("retention", "originals", rep.Originals, "cases", rep.Cases, "lone_documents", rep.LoneDocuments)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

func (j *Job) log() *slog.Logger {
	if j.Log == nil {
		return slog.Default()
	}
	return j.Log
}

func (j *Job) batch() int {
	if j.Batch <= 0 {
		return 100
	}
	return j.Batch
}

// RunOnce deletes everything due at now.
func (j *Job) RunOnce(ctx context.Context, now time.Time) (Report, error) {
	var rep Report
	var err error
	if d := j.Policy.PersonalData; d > 0 {
		if rep.Cases, err = j.purgeCases(ctx, now.Add(-d), d); err != nil {
			return rep, err
		}
		if rep.LoneDocuments, err = j.purgeLoneDocuments(ctx, now.Add(-d), d); err != nil {
			return rep, err
		}
	}
	if d := j.Policy.Originals; d > 0 {
		if rep.Originals, err = j.deleteOriginals(ctx, now.Add(-d), d); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// dueIDs reads the next ids a query returns, skipping those handled in this
// run, so that an item that is skipped on purpose is not read again.
func (j *Job) dueIDs(ctx context.Context, seen map[int64]bool, sql string, args ...any) ([]int64, error) {
	rows, err := j.DB.Pool.Query(ctx, sql+` LIMIT $2`, append(args, j.batch()+len(seen))...)
	if err != nil {
		return nil, err
	}
	all, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, err
	}
	var out []int64
	for _, id := range all {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out, nil
}

// forEachDue calls do for every id that query (with cutoff as $1) returns,
// a batch at a time, and counts the ids do handled.
func (j *Job) forEachDue(ctx context.Context, query string, cutoff time.Time, do func(id int64) (bool, error)) (int, error) {
	seen := map[int64]bool{}
	n := 0
	for {
		ids, err := j.dueIDs(ctx, seen, query, cutoff)
		if err != nil || len(ids) == 0 {
			return n, err
		}
		for _, id := range ids {
			done, err := do(id)
			if err != nil {
				return n, err
			}
			if done {
				n++
			}
		}
	}
}

// purgeCases deletes the personal data of every case decided before cutoff
// and not purged since its decision.
func (j *Job) purgeCases(ctx context.Context, cutoff time.Time, after time.Duration) (int, error) {
	return j.forEachDue(ctx, `
		SELECT r.case_id FROM review_items r JOIN cases c ON c.id = r.case_id
		 WHERE r.status <> 'pending' AND r.decided_at < $1
		   AND (c.personal_data_deleted_at IS NULL OR c.personal_data_deleted_at < r.decided_at)
		 ORDER BY r.case_id`, cutoff, func(id int64) (bool, error) { return j.purgeCase(ctx, id, cutoff, after) })
}

// purgeCase deletes one case's personal data in one transaction, if the case
// is still decided before cutoff.
func (j *Job) purgeCase(ctx context.Context, caseID int64, cutoff time.Time, after time.Duration) (bool, error) {
	done := false
	err := j.DB.Transact(ctx, func(tx pgx.Tx) error {
		// The case's row lock orders this with extraction re-forming the
		// case and with another server running the same job.
		if _, err := tx.Exec(ctx, `SELECT 1 FROM cases WHERE id = $1 FOR UPDATE`, caseID); err != nil {
			return err
		}
		var decidedAt time.Time
		err := tx.QueryRow(ctx, `
			SELECT decided_at FROM review_items
			 WHERE case_id = $1 AND status <> 'pending' AND decided_at < $2 FOR SHARE`, caseID, cutoff).Scan(&decidedAt)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil // reopened since it was read
		}
		if err != nil {
			return err
		}
		var purgedAt *time.Time
		if err := tx.QueryRow(ctx, `SELECT personal_data_deleted_at FROM cases WHERE id = $1`, caseID).Scan(&purgedAt); err != nil {
			return err
		}
		if purgedAt != nil && !purgedAt.Before(decidedAt) {
			return nil // another run did it
		}
		// One redactor for every text of the case, made before extract
		// deletes the names it learns from, gives a person one placeholder.
		redactor, err := summarize.CaseRedactor(ctx, tx, caseID)
		if err != nil {
			return err
		}
		summaries, err := summarize.PurgePersonalData(ctx, tx, caseID, redactor)
		if err != nil {
			return err
		}
		decisions, err := review.PurgeDecisionPersonalData(ctx, tx, caseID, redactor.Redact)
		if err != nil {
			return err
		}
		corrections, err := review.PurgeCorrectionPersonalData(ctx, tx, caseID, redactor.Redact)
		if err != nil {
			return err
		}
		docs, ok, err := store.PurgeCasePersonalData(ctx, tx, caseID, decidedAt)
		if err != nil {
			return err
		}
		if !ok {
			return errors.New("purged by someone else under the case's lock")
		}
		done = true
		return review.AuditSystem(ctx, tx, review.ActionRetentionPersonalData, "case", caseID, map[string]any{
			"documents": docs, "summaries": summaries, "decisions": decisions, "corrections": corrections,
			"after_days": days(after),
		})
	})
	if err != nil {
		return false, fmt.Errorf("retention: case %d: %w", caseID, err)
	}
	return done, nil
}

// notHeld is the condition that no open hold keeps the document whose id is
// the column doc waiting for a person: a held document belongs to no case
// while it waits, but a person has yet to decide where it goes, so it is
// kept as a pending case is.
func notHeld(doc string) string {
	return `NOT EXISTS (SELECT 1 FROM case_holds h WHERE h.document_id = ` + doc + ` AND h.resolved_at IS NULL)`
}

// purgeLoneDocuments deletes the personal data of documents that belong to
// no case, are not held, and were read before cutoff.
func (j *Job) purgeLoneDocuments(ctx context.Context, cutoff time.Time, after time.Duration) (int, error) {
	return j.forEachDue(ctx, `
		SELECT d.document_id FROM document_extractions d
		 WHERE d.case_id IS NULL AND d.personal_data_deleted_at IS NULL AND d.extracted_at < $1
		   AND `+notHeld("d.document_id")+`
		 ORDER BY d.document_id`, cutoff, func(id int64) (bool, error) { return j.purgeLoneDocument(ctx, id, after) })
}

// purgeLoneDocument deletes one document's personal data, if it still
// belongs to no case.
func (j *Job) purgeLoneDocument(ctx context.Context, id int64, after time.Duration) (bool, error) {
	done := false
	err := j.DB.Transact(ctx, func(tx pgx.Tx) error {
		var lone bool
		err := tx.QueryRow(ctx, `
			SELECT d.case_id IS NULL AND d.personal_data_deleted_at IS NULL AND `+notHeld("d.document_id")+`
			  FROM document_extractions d WHERE d.document_id = $1 FOR UPDATE`, id).Scan(&lone)
		if err != nil || !lone {
			return err
		}
		if err := store.PurgeDocumentPersonalData(ctx, tx, id); err != nil {
			return err
		}
		done = true
		return review.AuditSystem(ctx, tx, review.ActionRetentionPersonalData, "document", id, map[string]any{"after_days": days(after)})
	})
	if err != nil {
		return false, fmt.Errorf("retention: document %d: %w", id, err)
	}
	return done, nil
}

// dueOriginals selects the documents whose original is due at cutoff ($1):
// their case was decided before it, or they belong to no case, are not
// held, and arrived before it.
var dueOriginals = `
	SELECT d.id FROM documents d
	  LEFT JOIN document_extractions de ON de.document_id = d.id
	  LEFT JOIN review_items r ON r.case_id = de.case_id
	 WHERE d.content IS NOT NULL
	   AND ((r.status <> 'pending' AND r.decided_at < $1) OR (de.case_id IS NULL AND d.created_at < $1 AND ` + notHeld("d.id") + `))`

// deleteOriginals deletes the originals of documents whose case was decided
// before cutoff, or that belong to no case and arrived before cutoff.
func (j *Job) deleteOriginals(ctx context.Context, cutoff time.Time, after time.Duration) (int, error) {
	seen := map[int64]bool{}
	n := 0
	for {
		ids, err := j.dueIDs(ctx, seen, dueOriginals+` ORDER BY d.id`, cutoff)
		if err != nil {
			return n, fmt.Errorf("retention: due originals: %w", err)
		}
		if len(ids) == 0 {
			return n, nil
		}
		err = j.DB.Transact(ctx, func(tx pgx.Tx) error {
			// Read again under lock: a case may have been reopened since.
			rows, err := tx.Query(ctx, dueOriginals+` AND d.id = ANY($2) FOR UPDATE OF d`, cutoff, ids)
			if err != nil {
				return err
			}
			due, err := pgx.CollectRows(rows, pgx.RowTo[int64])
			if err != nil || len(due) == 0 {
				return err
			}
			deleted, err := ingest.DeleteOriginals(ctx, tx, due)
			if err != nil {
				return err
			}
			for _, id := range deleted {
				if err := review.AuditSystem(ctx, tx, review.ActionRetentionOriginal, "document", id, map[string]any{"after_days": days(after)}); err != nil {
					return err
				}
			}
			n += len(deleted)
			return nil
		})
		if err != nil {
			return n, fmt.Errorf("retention: originals: %w", err)
		}
	}
}

// days is a period in whole days, for the audit log.
func days(d time.Duration) int { return int(d.Hours()/24 + 0.5) }
