package casefile

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// ErrNotFound is returned when a case or document does not exist.
var ErrNotFound = errors.New("not found")

// Querier is what both a pool and a transaction offer.
type Querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// stored is the form a document's extraction is kept in (the result column
// of document_extractions), with the text and fields that the JSON output of
// `arsflow extract` leaves out.
type stored struct {
	Document *Document        `json:"document"`
	Text     []Page           `json:"text"`
	Fields   map[string]Field `json:"fields"`
}

// EncodeDocument returns the stored form of d. NUL characters, which a PDF
// may carry but PostgreSQL's jsonb refuses, are left out.
func EncodeDocument(d *Document) ([]byte, error) {
	b, err := json.Marshal(stored{Document: d, Text: d.Text, Fields: d.Fields})
	if err != nil {
		return nil, err
	}
	return dropNUL(b), nil
}

// dropNUL removes the escape \u0000 from JSON text, leaving an escaped
// backslash followed by "u0000" as it is.
func dropNUL(b []byte) []byte {
	if !bytes.Contains(b, []byte(`\u0000`)) {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' || i+1 >= len(b) {
			out = append(out, b[i])
			continue
		}
		if bytes.HasPrefix(b[i:], []byte(`\u0000`)) {
			i += 5
			continue
		}
		out = append(out, b[i], b[i+1])
		i++
	}
	return out
}

// DecodeDocument reads a document's stored form.
func DecodeDocument(b []byte) (*Document, error) {
	var s stored
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, err
	}
	if s.Document == nil {
		return nil, fmt.Errorf("empty stored document")
	}
	s.Document.Text, s.Document.Fields = s.Text, s.Fields
	return s.Document, nil
}

// StoredDocument is a stored document of a case with its database id.
type StoredDocument struct {
	ID  int64
	Doc *Document
}

// LoadDocuments reads the stored documents of a case, in document order.
func LoadDocuments(ctx context.Context, q Querier, caseID int64) ([]StoredDocument, error) {
	rows, err := q.Query(ctx, `SELECT document_id, result FROM document_extractions
		WHERE case_id = $1 ORDER BY document_id`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StoredDocument
	for rows.Next() {
		var id int64
		var raw []byte
		if err := rows.Scan(&id, &raw); err != nil {
			return nil, err
		}
		d, err := DecodeDocument(raw)
		if err != nil {
			return nil, fmt.Errorf("document %d: %w", id, err)
		}
		out = append(out, StoredDocument{ID: id, Doc: d})
	}
	return out, rows.Err()
}

// LoadCase reads a case as the extract stage stored it when it formed the
// case: its documents with their pages' text (not the lines' positions nor
// a document's own fields: LoadDocuments has those), and the fields and
// checks assembled from them. Path is the association's name. Nothing is
// recomputed.
func LoadCase(ctx context.Context, q Querier, caseID int64) (*Case, error) {
	c := &Case{Fields: map[string]Field{}, Checks: []Check{}, Documents: []*Document{}}
	err := q.QueryRow(ctx, `SELECT association_name FROM cases WHERE id = $1`, caseID).Scan(&c.Path)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("casefile.LoadCase %d: %w", caseID, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("casefile.LoadCase %d: %w", caseID, err)
	}
	if err := loadTexts(ctx, q, caseID, c); err != nil {
		return nil, fmt.Errorf("casefile.LoadCase %d: documents: %w", caseID, err)
	}
	if err := loadFields(ctx, q, caseID, c); err != nil {
		return nil, fmt.Errorf("casefile.LoadCase %d: fields: %w", caseID, err)
	}
	if err := loadChecks(ctx, q, caseID, c); err != nil {
		return nil, fmt.Errorf("casefile.LoadCase %d: checks: %w", caseID, err)
	}
	return c, nil
}

// loadTexts reads the case's documents as a summary needs them: type,
// pages and their text, from the columns and the pages table, without
// decoding the stored extraction (its lines' positions and the document's
// own fields are left out).
func loadTexts(ctx context.Context, q Querier, caseID int64, c *Case) error {
	rows, err := q.Query(ctx, `SELECT de.document_id, d.filename, de.types, de.page_count, de.text_sources, coalesce(de.error, '')
		FROM document_extractions de JOIN documents d ON d.id = de.document_id
		WHERE de.case_id = $1 ORDER BY de.document_id`, caseID)
	if err != nil {
		return err
	}
	byID := map[int64]*Document{}
	var ids []int64
	for rows.Next() {
		var id int64
		var sources []string
		d := &Document{Text: []Page{}}
		if err := rows.Scan(&id, &d.File, &d.Types, &d.Pages, &sources, &d.Error); err != nil {
			rows.Close()
			return err
		}
		for _, src := range sources {
			d.TextSource = append(d.TextSource, Source(src))
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
		var p Page
		var src string
		if err := rows.Scan(&id, &p.Number, &src, &p.Quality, &p.Text); err != nil {
			return err
		}
		p.Source = Source(src)
		byID[id].Text = append(byID[id].Text, p)
	}
	return rows.Err()
}

func loadFields(ctx context.Context, q Querier, caseID int64, c *Case) error {
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
		var f Field
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

func loadChecks(ctx context.Context, q Querier, caseID int64, c *Case) error {
	rows, err := q.Query(ctx, `SELECT k.code, k.severity, k.message, coalesce(d.filename, ''), k.page
		FROM case_checks k LEFT JOIN documents d ON d.id = k.document_id
		WHERE k.case_id = $1 ORDER BY k.id`, caseID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var ch Check
		if err := rows.Scan(&ch.Code, &ch.Severity, &ch.Message, &ch.File, &ch.Page); err != nil {
			return err
		}
		c.Checks = append(c.Checks, ch)
	}
	return rows.Err()
}
