package summarize

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"arsflow/extract/casefile"
)

// PurgePersonalData replaces the personal data in every summary of a case
// with placeholders ([PERSON_1], [PNR_1], ...) that are never restored: the
// names of the case's chair, treasurer and auditor, as the machine read them
// and as handläggare corrected them, and whatever the redaction finds. Such
// a summary is never served from the cache again. It reads the names before
// extract purges them, so the caller runs it first, and returns the number
// of summaries changed.
func PurgePersonalData(ctx context.Context, tx pgx.Tx, caseID int64) (int, error) {
	rows, err := tx.Query(ctx, `
		SELECT value #>> '{}' FROM case_fields
		 WHERE case_id = $1 AND key = ANY($2) AND jsonb_typeof(value) = 'string'
		UNION
		SELECT v #>> '{}' FROM corrections, LATERAL (VALUES (machine_value), (corrected_value)) AS x(v)
		 WHERE case_id = $1 AND field_key = ANY($2) AND jsonb_typeof(v) = 'string'`, caseID, casefile.PersonFields)
	if err != nil {
		return 0, fmt.Errorf("summarize.PurgePersonalData %d: names: %w", caseID, err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return 0, fmt.Errorf("summarize.PurgePersonalData %d: names: %w", caseID, err)
	}
	r := NewRedactor()
	for _, n := range names {
		r.learnName(n)
	}
	rows, err = tx.Query(ctx, `SELECT id, sections, flags, body FROM summaries WHERE case_id = $1 ORDER BY id FOR UPDATE`, caseID)
	if err != nil {
		return 0, fmt.Errorf("summarize.PurgePersonalData %d: %w", caseID, err)
	}
	type stored struct {
		id              int64
		sections, flags []byte
		body            string
	}
	all, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (stored, error) {
		var s stored
		err := row.Scan(&s.id, &s.sections, &s.flags, &s.body)
		return s, err
	})
	if err != nil {
		return 0, fmt.Errorf("summarize.PurgePersonalData %d: %w", caseID, err)
	}
	for _, s := range all {
		var secs []Section
		var flags []Flag
		if err := json.Unmarshal(s.sections, &secs); err != nil {
			return 0, fmt.Errorf("summarize.PurgePersonalData summary %d: %w", s.id, err)
		}
		if err := json.Unmarshal(s.flags, &flags); err != nil {
			return 0, fmt.Errorf("summarize.PurgePersonalData summary %d: %w", s.id, err)
		}
		for i := range secs {
			for j := range secs[i].Sentences {
				secs[i].Sentences[j].Text = r.Redact(secs[i].Sentences[j].Text)
			}
		}
		for i := range flags {
			flags[i].Message, flags[i].Text = r.Redact(flags[i].Message), r.Redact(flags[i].Text)
		}
		sj, err := json.Marshal(secs)
		if err != nil {
			return 0, err
		}
		fj, err := json.Marshal(flags)
		if err != nil {
			return 0, err
		}
		if _, err := tx.Exec(ctx, `
			UPDATE summaries SET sections = $2, flags = $3, body = $4, cache_key = '', personal_data_deleted_at = now()
			 WHERE id = $1`, s.id, sj, fj, r.Redact(s.body)); err != nil {
			return 0, fmt.Errorf("summarize.PurgePersonalData summary %d: %w", s.id, err)
		}
	}
	return len(all), nil
}

// learnName gives a known person's name, its forms in capitals and title
// case, and its surname alone, a placeholder.
func (r *Redactor) learnName(name string) {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return
	}
	r.registerParts(name, r.register(KindName, name))
}
