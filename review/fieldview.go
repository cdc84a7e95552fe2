package review

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"arsflow/extract/casefile"

	"github.com/jackc/pgx/v5"
)

// FieldView is a field of a case with the machine's evidence and the latest
// correction applied.
type FieldView struct {
	CaseID       int64
	Key          string
	Label        string
	Value        any // effective value: the latest correction, else the machine's
	MachineValue any
	Corrected    bool
	CorrectedBy  string
	CorrectedAt  time.Time
	DocumentID   int64
	DocumentName string
	Page         int
	Quote        string
	Confidence   float64
	Found        bool // the machine found the field
	BBox         *BBox
	Candidates   []Candidate // every value found, when documents disagree
}

// BBox is a rectangle on a page in PDF points, origin bottom-left.
type BBox struct {
	X0 float64 `json:"x0"`
	Y0 float64 `json:"y0"`
	X1 float64 `json:"x1"`
	Y1 float64 `json:"y1"`
}

// Candidate is one value a document gave for a field.
type Candidate struct {
	Value      any     `json:"value"`
	File       string  `json:"file"`
	Page       int     `json:"page"`
	Quote      string  `json:"quote"`
	Confidence float64 `json:"confidence"`
}

// Display is the candidate's value in Swedish.
func (c Candidate) Display() string { return formatValue(c.Value) }

// Conflict reports whether documents disagree on the field's value.
func (f FieldView) Conflict() bool {
	seen := map[string]bool{}
	for _, c := range f.Candidates {
		seen[formatValue(c.Value)] = true
	}
	return len(seen) > 1
}

// Display is the effective value in Swedish.
func (f FieldView) Display() string { return formatValue(f.Value) }

// MachineDisplay is the machine's value in Swedish.
func (f FieldView) MachineDisplay() string { return formatValue(f.MachineValue) }

// Input is the effective value as a correction form pre-fills it.
func (f FieldView) Input() string {
	switch x := f.Value.(type) {
	case nil:
		return ""
	case float64:
		return csvValue(x)
	}
	return formatValue(f.Value)
}

// ConfidencePercent is the confidence as a whole percentage.
func (f FieldView) ConfidencePercent() int { return int(f.Confidence*100 + 0.5) }

// LowConfidenceBelow is the confidence under which a machine value needs a
// look: extraction's own line, measured on real documents.
const LowConfidenceBelow = casefile.ConfidentAt

// LowConfidence reports a machine value below LowConfidenceBelow.
func (f FieldView) LowConfidence() bool { return f.Found && f.Confidence < LowConfidenceBelow }

// effectiveFields returns the fields of the cases ids with corrections applied,
// ordered by case and field order. Known fields the machine did not find are
// included only when a correction supplies them.
func (s *Service) effectiveFields(ctx context.Context, ids []int64) ([]FieldView, error) {
	return effectiveFields(ctx, s.db.Pool, ids)
}

// querier is a pool or a transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

func effectiveFields(ctx context.Context, q querier, ids []int64) ([]FieldView, error) {
	rows, err := q.Query(ctx, `
		SELECT f.case_id, f.key, f.value, coalesce(f.document_id, 0), coalesce(d.filename, ''), f.page, f.quote, f.confidence,
		       f.bbox, f.candidates
		  FROM case_fields f LEFT JOIN documents d ON d.id = f.document_id
		 WHERE f.case_id = ANY($1)`, ids)
	if err != nil {
		return nil, fmt.Errorf("fields: %w", err)
	}
	byKey := map[[2]string]*FieldView{}
	var out []*FieldView
	for rows.Next() {
		f := &FieldView{Found: true}
		var raw, bbox, cands []byte
		if err := rows.Scan(&f.CaseID, &f.Key, &raw, &f.DocumentID, &f.DocumentName, &f.Page, &f.Quote, &f.Confidence, &bbox, &cands); err != nil {
			rows.Close()
			return nil, fmt.Errorf("fields: %w", err)
		}
		if len(bbox) > 0 && string(bbox) != "null" {
			f.BBox = &BBox{}
			_ = json.Unmarshal(bbox, f.BBox)
		}
		_ = json.Unmarshal(cands, &f.Candidates)
		f.MachineValue = decodeValue(raw)
		f.Value = f.MachineValue
		f.Label = fieldDefFor(f.Key).Label
		byKey[[2]string{fmt.Sprint(f.CaseID), f.Key}] = f
		out = append(out, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("fields: %w", err)
	}
	rows, err = q.Query(ctx, `
		SELECT DISTINCT ON (c.case_id, c.field_key) c.case_id, c.field_key, c.machine_value, c.corrected_value, u.username, c.created_at
		  FROM corrections c JOIN users u ON u.id = c.user_id
		 WHERE c.case_id = ANY($1) AND c.field_key <> $2
		 ORDER BY c.case_id, c.field_key, c.id DESC`, ids, SummaryTextKey)
	if err != nil {
		return nil, fmt.Errorf("corrections: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var caseID int64
		var key, by string
		var machine, corrected []byte
		var at time.Time
		if err := rows.Scan(&caseID, &key, &machine, &corrected, &by, &at); err != nil {
			return nil, fmt.Errorf("corrections: %w", err)
		}
		f := byKey[[2]string{fmt.Sprint(caseID), key}]
		if f == nil {
			f = &FieldView{CaseID: caseID, Key: key, Label: fieldDefFor(key).Label, MachineValue: decodeValue(machine)}
			out = append(out, f)
		}
		f.Value, f.Corrected, f.CorrectedBy, f.CorrectedAt = decodeValue(corrected), true, by, at
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("corrections: %w", err)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].CaseID != out[j].CaseID {
			return out[i].CaseID < out[j].CaseID
		}
		oi, oj := fieldOrder(out[i].Key), fieldOrder(out[j].Key)
		if oi != oj {
			return oi < oj
		}
		return out[i].Key < out[j].Key
	})
	res := make([]FieldView, len(out))
	for i, f := range out {
		res[i] = *f
	}
	return res, nil
}

// bboxAttr writes a field's box as "x0,y0,x1,y1" for the page's script.
func bboxAttr(b *BBox) string {
	if b == nil {
		return ""
	}
	return fmt.Sprintf("%.1f,%.1f,%.1f,%.1f", b.X0, b.Y0, b.X1, b.Y1)
}
