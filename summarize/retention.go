package summarize

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"arsflow/extract/casefile"
)

// CaseRedactor returns the Redactor with which retention deletes a case's
// personal data: it knows the names of the case's chair, treasurer and
// auditor, as the machine read them and as handläggare corrected them, and
// has learnt every text of the case that retention redacts (its summaries,
// the handläggare's edits and the texts the decisions approved), so that a
// person gets the same placeholder in each. It reads the names before
// extract purges them, so the caller makes it first.
func CaseRedactor(ctx context.Context, tx pgx.Tx, caseID int64) (*Redactor, error) {
	rows, err := tx.Query(ctx, `
		SELECT v FROM (
			SELECT 0 AS src, key AS k, 0::bigint AS id, value #>> '{}' AS v FROM case_fields
			 WHERE case_id = $1 AND key = ANY($2) AND jsonb_typeof(value) = 'string'
			UNION ALL
			SELECT 1, field_key, id, x.v #>> '{}' FROM corrections, LATERAL (VALUES (machine_value), (corrected_value)) AS x(v)
			 WHERE case_id = $1 AND field_key = ANY($2) AND jsonb_typeof(x.v) = 'string') names
		 ORDER BY src, k, id`, caseID, casefile.PersonFields)
	if err != nil {
		return nil, fmt.Errorf("summarize.CaseRedactor %d: names: %w", caseID, err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("summarize.CaseRedactor %d: names: %w", caseID, err)
	}
	r := NewRedactor()
	for _, n := range names {
		r.learnName(n)
	}
	rows, err = tx.Query(ctx, `
		SELECT body FROM summaries WHERE case_id = $1
		UNION ALL
		SELECT s.t ->> 'text' FROM summaries, jsonb_array_elements(sections) AS e(sec), jsonb_array_elements(e.sec -> 'sentences') AS s(t)
		 WHERE case_id = $1 AND jsonb_typeof(sections) = 'array'
		UNION ALL
		SELECT x.v #>> '{}' FROM corrections, LATERAL (VALUES (machine_value), (corrected_value)) AS x(v)
		 WHERE case_id = $1 AND jsonb_typeof(x.v) = 'string'
		UNION ALL
		SELECT summary_body FROM decisions WHERE case_id = $1 AND summary_body IS NOT NULL`, caseID)
	if err != nil {
		return nil, fmt.Errorf("summarize.CaseRedactor %d: texts: %w", caseID, err)
	}
	texts, err := pgx.CollectRows(rows, pgx.RowTo[*string])
	if err != nil {
		return nil, fmt.Errorf("summarize.CaseRedactor %d: texts: %w", caseID, err)
	}
	for _, t := range texts {
		if t != nil {
			r.Learn(*t)
		}
	}
	return r, nil
}

// PurgePersonalData replaces the personal data in every summary of a case
// with the placeholders of r, a CaseRedactor ([PERSON_1], [PNR_1], ...),
// which are never restored. Such a summary is never served from the cache
// again. It returns the number of summaries changed.
func PurgePersonalData(ctx context.Context, tx pgx.Tx, caseID int64, r *Redactor) (int, error) {
	rows, err := tx.Query(ctx, `SELECT id, sections, flags, body FROM summaries WHERE case_id = $1 ORDER BY id FOR UPDATE`, caseID)
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
