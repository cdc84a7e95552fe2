// Package store reads and purges what the extract stage stored: the
// documents' extractions and pages, and the cases' fields and checks
// (package extract/worker writes them). It is apart from package
// extract/casefile, whose types the reader, the summariser and the web
// layer share, so that the reader links no database driver.
package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"arsflow/extract/casefile"
)

// Querier is what both a pool and a transaction offer.
type Querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// LoadDocuments reads the stored documents of a case, in document order.
func LoadDocuments(ctx context.Context, q Querier, caseID int64) ([]casefile.StoredDocument, error) {
	rows, err := q.Query(ctx, `SELECT document_id, result FROM document_extractions
		WHERE case_id = $1 ORDER BY document_id`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []casefile.StoredDocument
	for rows.Next() {
		var id int64
		var raw []byte
		if err := rows.Scan(&id, &raw); err != nil {
			return nil, err
		}
		d, err := casefile.DecodeDocument(raw)
		if err != nil {
			return nil, fmt.Errorf("document %d: %w", id, err)
		}
		out = append(out, casefile.StoredDocument{ID: id, Doc: d})
	}
	return out, rows.Err()
}

// LoadCase reads a case as the extract stage stored it when it formed the
// case: its documents with their pages' text (not the lines' positions nor
// a document's own fields: LoadDocuments has those), and the fields and
// checks assembled from them. Path is the association's name. Nothing is
// recomputed.
func LoadCase(ctx context.Context, q Querier, caseID int64) (*casefile.Case, error) {
	c := &casefile.Case{Fields: map[string]casefile.Field{}, Checks: []casefile.Check{}, Documents: []*casefile.Document{}}
	err := q.QueryRow(ctx, `SELECT association_name FROM cases WHERE id = $1`, caseID).Scan(&c.Path)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("store.LoadCase %d: %w", caseID, casefile.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store.LoadCase %d: %w", caseID, err)
	}
	if err := loadTexts(ctx, q, caseID, c); err != nil {
		return nil, fmt.Errorf("store.LoadCase %d: documents: %w", caseID, err)
	}
	if err := loadFields(ctx, q, caseID, c); err != nil {
		return nil, fmt.Errorf("store.LoadCase %d: fields: %w", caseID, err)
	}
	if err := loadChecks(ctx, q, caseID, c); err != nil {
		return nil, fmt.Errorf("store.LoadCase %d: checks: %w", caseID, err)
	}
	return c, nil
}

// loadTexts reads the case's documents as a summary needs them: type,
// pages and their text, from the columns and the pages table, without
// decoding the stored extraction (its lines' positions and the document's
// own fields are left out).
func loadTexts(ctx context.Context, q Querier, caseID int64, c *casefile.Case) error {
	rows, err := q.Query(ctx, `SELECT de.document_id, d.filename, de.types, de.page_count, de.text_sources, coalesce(de.error, '')
		FROM document_extractions de JOIN documents d ON d.id = de.document_id
		WHERE de.case_id = $1 ORDER BY de.document_id`, caseID)
	if err != nil {
		return err
	}
	byID := map[int64]*casefile.Document{}
	var ids []int64
	for rows.Next() {
		var id int64
		var sources []string
		d := &casefile.Document{Text: []casefile.Page{}}
		if err := rows.Scan(&id, &d.File, &d.Types, &d.Pages, &sources, &d.Error); err != nil {
			rows.Close()
			return err
		}
		for _, src := range sources {
			d.TextSource = append(d.TextSource, casefile.Source(src))
		}
		byID[id] = d
		ids = append(ids, id)
		c.Documents = append(c.Documents, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(ids) == 0 {
		return err
	}
	rows, err = q.Query(ctx, `SELECT document_id, page_no, source, quality, text FROM pages
		WHERE document_id = ANY($1) ORDER BY document_id, page_no`, ids)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var p casefile.Page
		var src string
		if err := rows.Scan(&id, &p.Number, &src, &p.Quality, &p.Text); err != nil {
			return err
		}
		p.Source = casefile.Source(src)
		byID[id].Text = append(byID[id].Text, p)
	}
	return rows.Err()
}

func loadFields(ctx context.Context, q Querier, caseID int64, c *casefile.Case) error {
	rows, err := q.Query(ctx, `SELECT f.key, f.value, coalesce(d.filename, ''), f.page, f.quote, f.bbox, f.confidence, f.candidates
		FROM case_fields f LEFT JOIN documents d ON d.id = f.document_id
		WHERE f.case_id = $1`, caseID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		var value, bbox, cands []byte
		var f casefile.Field
		if err := rows.Scan(&key, &value, &f.File, &f.Page, &f.Quote, &bbox, &f.Confidence, &cands); err != nil {
			return err
		}
		if err := json.Unmarshal(value, &f.Value); err != nil {
			return fmt.Errorf("%s: %w", key, err)
		}
		if len(bbox) > 0 {
			if err := json.Unmarshal(bbox, &f.BBox); err != nil {
				return fmt.Errorf("%s: %w", key, err)
			}
		}
		if len(cands) > 0 {
			if err := json.Unmarshal(cands, &f.Candidates); err != nil {
				return fmt.Errorf("%s: %w", key, err)
			}
		}
		c.Fields[key] = f
	}
	return rows.Err()
}

func loadChecks(ctx context.Context, q Querier, caseID int64, c *casefile.Case) error {
	rows, err := q.Query(ctx, `SELECT k.code, k.severity, k.message, coalesce(d.filename, ''), k.page
		FROM case_checks k LEFT JOIN documents d ON d.id = k.document_id
		WHERE k.case_id = $1 ORDER BY k.id`, caseID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var ch casefile.Check
		if err := rows.Scan(&ch.Code, &ch.Severity, &ch.Message, &ch.File, &ch.Page); err != nil {
			return err
		}
		c.Checks = append(c.Checks, ch)
	}
	return rows.Err()
}
