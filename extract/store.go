package extract

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"arsflow/extract/pdftext"
)

// ErrNotFound is returned when a case or document does not exist.
var ErrNotFound = errors.New("not found")

// querier is what both a pool and a transaction offer.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// stored is the form a document's extraction is kept in, with the text and
// fields that the JSON output of `arsflow extract` leaves out.
type stored struct {
	Document *Document        `json:"document"`
	Text     []pdftext.Page   `json:"text"`
	Fields   map[string]Field `json:"fields"`
}

func encodeStored(d *Document) ([]byte, error) {
	return json.Marshal(stored{Document: d, Text: d.Text, Fields: d.Fields})
}

func decodeStored(b []byte) (*Document, error) {
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

// caseDoc is a stored document of a case with its database id.
type caseDoc struct {
	ID  int64
	Doc *Document
}

// loadCaseDocs reads the stored documents of a case, in document order.
func loadCaseDocs(ctx context.Context, q querier, caseID int64) ([]caseDoc, error) {
	rows, err := q.Query(ctx, `SELECT document_id, result FROM document_extractions
		WHERE case_id = $1 ORDER BY document_id`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []caseDoc
	for rows.Next() {
		var id int64
		var raw []byte
		if err := rows.Scan(&id, &raw); err != nil {
			return nil, err
		}
		d, err := decodeStored(raw)
		if err != nil {
			return nil, fmt.Errorf("document %d: %w", id, err)
		}
		out = append(out, caseDoc{ID: id, Doc: d})
	}
	return out, rows.Err()
}

// LoadCase reads a case's documents and assembles the case from them, as the
// summariser and the web UI see it. Path is the association's name.
func LoadCase(ctx context.Context, q querier, caseID int64) (*Case, error) {
	c, _, err := loadCase(ctx, q, caseID)
	return c, err
}

func loadCase(ctx context.Context, q querier, caseID int64) (*Case, []caseDoc, error) {
	var name string
	err := q.QueryRow(ctx, `SELECT association_name FROM cases WHERE id = $1`, caseID).Scan(&name)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil, fmt.Errorf("extract.LoadCase %d: %w", caseID, ErrNotFound)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("extract.LoadCase %d: %w", caseID, err)
	}
	docs, err := loadCaseDocs(ctx, q, caseID)
	if err != nil {
		return nil, nil, fmt.Errorf("extract.LoadCase %d: %w", caseID, err)
	}
	ds := make([]*Document, len(docs))
	for i, d := range docs {
		ds[i] = d.Doc
	}
	return AssembleCase(name, ds), docs, nil
}
