package review

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"arsflow/summarize"
)

// ExportCase is one approved case as exported.
type ExportCase struct {
	CaseID          int64                  `json:"case_id"`
	AssociationName string                 `json:"association_name"`
	OrgNumber       string                 `json:"org_number"`
	FiscalYear      int                    `json:"fiscal_year"`
	DecidedBy       string                 `json:"decided_by"`
	DecidedAt       time.Time              `json:"decided_at"`
	Summary         ExportSummary          `json:"summary"`
	Fields          map[string]ExportField `json:"fields"`
}

// ExportSummary is the approved summary of a case.
type ExportSummary struct {
	ID             int64               `json:"id"`
	Version        int                 `json:"version"`
	Backend        string              `json:"backend"`
	BackendVersion string              `json:"backend_version"`
	Model          string              `json:"model,omitempty"`
	Location       string              `json:"location"`
	Sections       []summarize.Section `json:"sections"`
	Body           string              `json:"body"`
	// BodyEdited: the handläggare edited the text; Body is the approved text.
	BodyEdited bool `json:"body_edited"`
}

// ExportField is a field's value with any correction applied.
type ExportField struct {
	Value        any     `json:"value"`
	Corrected    bool    `json:"corrected"`
	MachineValue any     `json:"machine_value,omitempty"`
	Document     string  `json:"document,omitempty"`
	Page         int     `json:"page,omitempty"`
	Quote        string  `json:"quote,omitempty"`
	Confidence   float64 `json:"confidence"`
}

// Export returns every approved case, oldest decision first. There is no
// parameter: the status filter is fixed, so no caller can export a case that
// a handläggare has not approved. Everything exported is what the approving
// decision recorded: the summary it names, the text and field values the
// handläggare saw, and the association's name and org number at that time.
func (s *Service) Export(ctx context.Context) ([]ExportCase, error) {
	rows, err := s.db.Pool.Query(ctx, `
		SELECT r.case_id, coalesce(d.association_name, c.association_name), coalesce(d.org_number, c.org_number),
		       coalesce(d.fiscal_year, c.fiscal_year), u.username, r.decided_at,
		       sm.id, sm.version, sm.backend, sm.backend_version, sm.model, sm.location, sm.sections,
		       coalesce(d.summary_body, sm.body), d.summary_body IS NOT NULL AND d.summary_body <> sm.body, d.fields
		  FROM review_items r
		  JOIN cases c ON c.id = r.case_id
		  JOIN summaries sm ON sm.id = r.summary_id
		  JOIN users u ON u.id = r.decided_by
		  JOIN LATERAL (SELECT dd.* FROM decisions dd JOIN users du ON du.id = dd.user_id
		                 WHERE dd.case_id = r.case_id AND dd.summary_id = r.summary_id AND dd.user_id = r.decided_by
		                   AND dd.decision = 'approve' AND du.role = 'handlaggare'
		                 ORDER BY dd.id DESC LIMIT 1) d ON true
		 WHERE r.status = 'approved'
		   AND EXISTS (SELECT 1 FROM document_extractions de WHERE de.case_id = r.case_id)
		 ORDER BY r.decided_at, r.case_id`)
	if err != nil {
		return nil, fmt.Errorf("review.Export: %w", err)
	}
	defer rows.Close()
	var out []ExportCase
	index := map[int64]int{}
	var ids []int64
	snapshots := map[int64][]byte{}
	for rows.Next() {
		var e ExportCase
		var sections, snap []byte
		if err := rows.Scan(&e.CaseID, &e.AssociationName, &e.OrgNumber, &e.FiscalYear, &e.DecidedBy, &e.DecidedAt,
			&e.Summary.ID, &e.Summary.Version, &e.Summary.Backend, &e.Summary.BackendVersion, &e.Summary.Model,
			&e.Summary.Location, &sections, &e.Summary.Body, &e.Summary.BodyEdited, &snap); err != nil {
			return nil, fmt.Errorf("review.Export: %w", err)
		}
		if err := json.Unmarshal(sections, &e.Summary.Sections); err != nil {
			return nil, fmt.Errorf("review.Export: case %d sections: %w", e.CaseID, err)
		}
		e.Fields = map[string]ExportField{}
		if snap != nil {
			snapshots[e.CaseID] = snap
		}
		index[e.CaseID] = len(out)
		ids = append(ids, e.CaseID)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("review.Export: %w", err)
	}
	if len(ids) == 0 {
		return out, nil
	}
	fields, err := s.effectiveFields(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("review.Export: %w", err)
	}
	for _, f := range fields {
		e := &out[index[f.CaseID]]
		if snapshots[f.CaseID] != nil {
			continue
		}
		e.Fields[f.Key] = exportField(f)
	}
	for id, snap := range snapshots {
		if err := json.Unmarshal(snap, &out[index[id]].Fields); err != nil {
			return nil, fmt.Errorf("review.Export: case %d approved fields: %w", id, err)
		}
	}
	return out, nil
}

func exportField(f FieldView) ExportField {
	return ExportField{
		Value: f.Value, Corrected: f.Corrected, MachineValue: machineIfCorrected(f),
		Document: f.DocumentName, Page: f.Page, Quote: f.Quote, Confidence: f.Confidence,
	}
}

func machineIfCorrected(f FieldView) any {
	if f.Corrected {
		return f.MachineValue
	}
	return nil
}

// WriteExportJSON writes cases as one JSON document.
func WriteExportJSON(w io.Writer, cases []ExportCase, at time.Time) error {
	if cases == nil {
		cases = []ExportCase{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(struct {
		ExportedAt time.Time    `json:"exported_at"`
		Cases      []ExportCase `json:"cases"`
	}{at.UTC(), cases}); err != nil {
		return fmt.Errorf("review.WriteExportJSON: %w", err)
	}
	return nil
}

// WriteExportCSV writes one row per case: the case, the decision, the
// summary as text and one column per field (corrections applied).
func WriteExportCSV(w io.Writer, cases []ExportCase) error {
	cw := csv.NewWriter(w)
	header := []string{"case_id", "association_name", "org_number", "fiscal_year", "decided_by", "decided_at",
		"summary_id", "summary_version", "summary_backend", "summary"}
	keys := exportFieldKeys(cases)
	for _, k := range keys {
		header = append(header, k, k+"_corrected")
	}
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("review.WriteExportCSV: %w", err)
	}
	for _, c := range cases {
		row := []string{
			strconv.FormatInt(c.CaseID, 10), c.AssociationName, c.OrgNumber, strconv.Itoa(c.FiscalYear),
			c.DecidedBy, c.DecidedAt.UTC().Format(time.RFC3339),
			strconv.FormatInt(c.Summary.ID, 10), strconv.Itoa(c.Summary.Version), c.Summary.Backend,
			c.Summary.Body,
		}
		for _, k := range keys {
			f, ok := c.Fields[k]
			if !ok {
				row = append(row, "", "")
				continue
			}
			row = append(row, csvValue(f.Value), strconv.FormatBool(f.Corrected))
		}
		for i := range row {
			row[i] = csvSafe(row[i])
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("review.WriteExportCSV: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("review.WriteExportCSV: %w", err)
	}
	return nil
}

// exportFieldKeys returns the field keys present in cases, known fields first
// in their order.
func exportFieldKeys(cases []ExportCase) []string {
	seen := map[string]bool{}
	for _, c := range cases {
		for k := range c.Fields {
			seen[k] = true
		}
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		oi, oj := fieldOrder(keys[i]), fieldOrder(keys[j])
		if oi != oj {
			return oi < oj
		}
		return keys[i] < keys[j]
	})
	return keys
}

// csvValue writes a value machine-readably: numbers with a dot, booleans as true/false.
func csvValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case string:
		return x
	default:
		b, _ := json.Marshal(x)
		return string(b)
	}
}

// csvSafe defuses spreadsheet formulas: a text cell that starts with = + - @
// (and is not a number) gets a leading apostrophe.
func csvSafe(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return s
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s
	}
	return "'" + s
}
