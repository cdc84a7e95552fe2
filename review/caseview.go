package review

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"arsflow/extract/casefile"
	"arsflow/summarize"
)

// CaseView is everything the case page shows.
type CaseView struct {
	CaseID          int64
	AssociationName string
	OrgNumber       string
	FiscalYear      int
	Status          string
	EnteredAt       time.Time
	DecidedAt       *time.Time
	DecidedBy       string
	Reason          string
	Current         SummaryView
	Previous        []SummaryView
	Documents       []DocumentView
	Fields          []FieldView
	Checks          []CheckView
	Decisions       []DecisionView
	// ValuesHash names exactly what an approval now covers; the approval
	// form sends it back.
	ValuesHash string
	// Body is the summary's text as the handläggare edited it, else the
	// machine's; BodyEdited says which.
	Body       string
	BodyEdited bool
	// FourEyes: the case needs two handläggare's approval; FirstApprovals
	// are the approvals of the current values so far.
	FourEyes       bool
	FirstApprovals []DecisionView
	Claim          *Claim
	History        []HistoryEntry
	Attention      []Attention
	Holds          []HoldView
}

// Field returns the field key of the case, or nil.
func (c *CaseView) Field(key string) *FieldView {
	for i := range c.Fields {
		if c.Fields[i].Key == key {
			return &c.Fields[i]
		}
	}
	return nil
}

// StatusLabel is the status in Swedish.
func (c *CaseView) StatusLabel() string { return statusLabel(c.Status) }

// Pending reports whether the case awaits a decision.
func (c *CaseView) Pending() bool { return c.Status == "pending" }

// SummaryView is one version of a case's summary.
type SummaryView struct {
	ID             int64
	Version        int
	Backend        string
	BackendVersion string
	Model          string
	Location       string
	Fallback       bool
	CreatedAt      time.Time
	Sections       []SectionView
	Flags          []summarize.Flag
}

// LocationLabel says in Swedish where the backend ran.
func (s SummaryView) LocationLabel() string { return locationLabel(s.Location) }

// BackendLabel names the kind of backend in Swedish.
func (s SummaryView) BackendLabel() string { return backendLabel(s.Backend) }

// backendLabel names the kind of a summary backend in Swedish.
func backendLabel(backend string) string {
	if backend == "rules" {
		return "regelbaserad (ingen språkmodell)"
	}
	return "språkmodell"
}

// UnsupportedCount is the number of unsupported-claim flags.
func (s SummaryView) UnsupportedCount() int {
	n := 0
	for _, f := range s.Flags {
		if f.Code == summarize.FlagUnsupported {
			n++
		}
	}
	return n
}

// SectionView is a section whose references are resolved to documents.
type SectionView struct {
	Key       string
	Title     string
	Sentences []SentenceView
}

// SentenceView is a sentence with links to its sources and whether a flag
// points at it.
type SentenceView struct {
	Text    string
	Refs    []RefView
	Flagged bool
	Flag    string
	// ToCheck says why the sentence rests on an uncertain reading, or "".
	ToCheck string
}

// sameRefs reports whether a sentence cites exactly the place a flag names.
func sameRefs(a, b []summarize.Ref) bool {
	if len(a) != 1 || len(b) != 1 {
		return false
	}
	return a[0].File == b[0].File && a[0].Page == b[0].Page
}

// RefView is a reference with the document id to link to (0 when the file is
// not one of the case's documents).
type RefView struct {
	File       string
	Page       int
	DocumentID int64
}

// DocumentView is a document of the case.
type DocumentView struct {
	ID       int64
	Filename string
	Folder   string
	Types    []string
	Pages    int
}

// TypeLabels are the document's types in Swedish.
func (d DocumentView) TypeLabels() string {
	var out []string
	for _, t := range d.Types {
		out = append(out, documentTypeLabel(t))
	}
	return strings.Join(out, ", ")
}

// CheckView is a check raised on the case.
type CheckView struct {
	Code       string
	Severity   string
	Message    string
	DocumentID int64
	Page       int
}

// SeverityLabel is the severity in Swedish.
func (c CheckView) SeverityLabel() string {
	switch c.Severity {
	case "error":
		return "Fel"
	case "warning":
		return "Varning"
	}
	return "Information"
}

// DecisionView is one logged decision.
type DecisionView struct {
	SummaryID  int64
	ValuesHash string
	Decision   string
	Reason     string
	Username   string
	Version    int
	CreatedAt  time.Time
}

// Label is the decision in Swedish.
func (d DecisionView) Label() string {
	if d.Decision == "approve" {
		return "Godkänd"
	}
	return "Avvisad"
}

// Case returns the case view of caseID. Only cases in the review queue are
// shown.
func (s *Service) Case(ctx context.Context, caseID int64) (*CaseView, error) {
	v := &CaseView{CaseID: caseID}
	var currentID int64
	err := s.db.Pool.QueryRow(ctx, `
		SELECT c.association_name, c.org_number, c.fiscal_year, r.status, r.entered_at, r.decided_at,
		       coalesce(u.username, ''), coalesce(r.reason, ''), r.summary_id
		  FROM review_items r JOIN cases c ON c.id = r.case_id LEFT JOIN users u ON u.id = r.decided_by
		 WHERE r.case_id = $1`, caseID).
		Scan(&v.AssociationName, &v.OrgNumber, &v.FiscalYear, &v.Status, &v.EnteredAt, &v.DecidedAt, &v.DecidedBy, &v.Reason, &currentID)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("review.Case %d: %w", caseID, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("review.Case %d: %w", caseID, err)
	}
	if v.Documents, err = s.caseDocuments(ctx, caseID); err != nil {
		return nil, fmt.Errorf("review.Case %d: %w", caseID, err)
	}
	byFile := map[string]int64{}
	for _, d := range v.Documents {
		byFile[d.Filename] = d.ID
		byFile[path.Join(d.Folder, d.Filename)] = d.ID
		byFile[path.Base(d.Filename)] = d.ID
	}
	summaries, err := s.caseSummaries(ctx, caseID, byFile)
	if err != nil {
		return nil, fmt.Errorf("review.Case %d: %w", caseID, err)
	}
	for _, sm := range summaries {
		if sm.ID == currentID {
			v.Current = sm
		} else {
			v.Previous = append(v.Previous, sm)
		}
	}
	if v.Fields, err = s.effectiveFields(ctx, []int64{caseID}); err != nil {
		return nil, fmt.Errorf("review.Case %d: %w", caseID, err)
	}
	v.Fields = withMissingFields(caseID, v.Fields)
	if v.Checks, err = s.caseChecks(ctx, caseID); err != nil {
		return nil, fmt.Errorf("review.Case %d: %w", caseID, err)
	}
	if v.Decisions, err = s.caseDecisions(ctx, caseID); err != nil {
		return nil, fmt.Errorf("review.Case %d: %w", caseID, err)
	}
	if err := s.caseWork(ctx, v); err != nil {
		return nil, fmt.Errorf("review.Case %d: %w", caseID, err)
	}
	return v, nil
}

// caseWork adds what the handläggare works with: the approval's basis and
// hash, four eyes, the claim, what needs a look, held documents and the
// case's history.
func (s *Service) caseWork(ctx context.Context, v *CaseView) error {
	b, err := loadBasis(ctx, s.db.Pool, v.CaseID)
	if err != nil {
		return err
	}
	v.ValuesHash, v.Body, v.BodyEdited = b.hash(), b.Body, b.BodyEdited
	if err := s.db.Pool.QueryRow(ctx, `SELECT four_eyes FROM review_items WHERE case_id = $1`, v.CaseID).Scan(&v.FourEyes); err != nil {
		return err
	}
	for _, d := range v.Decisions {
		if d.Decision == "approve" && d.SummaryID == v.Current.ID && d.ValuesHash == v.ValuesHash && v.Pending() {
			v.FirstApprovals = append(v.FirstApprovals, d)
		}
	}
	if v.Claim, err = openClaim(ctx, s.db.Pool, v.CaseID); err != nil {
		return err
	}
	verdicts, err := s.caseVerdicts(ctx, v.CaseID, v.Current.ID)
	if err != nil {
		return err
	}
	v.Attention = attention(v, verdicts)
	if v.Holds, err = s.Holds(ctx, v.CaseID); err != nil {
		return err
	}
	v.History, err = s.caseHistory(ctx, v.CaseID)
	return err
}

// withMissingFields adds every known field the machine did not find, so that
// the handläggare sees what is missing and can fill it in.
func withMissingFields(caseID int64, fields []FieldView) []FieldView {
	have := map[string]bool{}
	for _, f := range fields {
		have[f.Key] = true
	}
	var out []FieldView
	i := 0
	for _, d := range casefile.FieldInfos {
		for i < len(fields) && fieldOrder(fields[i].Key) <= fieldOrder(d.Key) {
			out = append(out, fields[i])
			i++
		}
		if !have[d.Key] {
			out = append(out, FieldView{CaseID: caseID, Key: d.Key, Label: d.Label})
		}
	}
	return append(out, fields[i:]...)
}

func (s *Service) caseDocuments(ctx context.Context, caseID int64) ([]DocumentView, error) {
	rows, err := s.db.Pool.Query(ctx, `
		SELECT d.id, d.filename, d.folder, e.types, e.page_count
		  FROM document_extractions e JOIN documents d ON d.id = e.document_id
		 WHERE e.case_id = $1 ORDER BY d.folder, d.filename, d.id`, caseID)
	if err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	defer rows.Close()
	var out []DocumentView
	for rows.Next() {
		var d DocumentView
		if err := rows.Scan(&d.ID, &d.Filename, &d.Folder, &d.Types, &d.Pages); err != nil {
			return nil, fmt.Errorf("documents: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

func (s *Service) caseSummaries(ctx context.Context, caseID int64, byFile map[string]int64) ([]SummaryView, error) {
	rows, err := s.db.Pool.Query(ctx, `
		SELECT id, version, backend, backend_version, model, location, fallback, created_at, sections, flags
		  FROM summaries WHERE case_id = $1 ORDER BY version DESC`, caseID)
	if err != nil {
		return nil, fmt.Errorf("summaries: %w", err)
	}
	defer rows.Close()
	var out []SummaryView
	for rows.Next() {
		var sm SummaryView
		var sections, flags []byte
		if err := rows.Scan(&sm.ID, &sm.Version, &sm.Backend, &sm.BackendVersion, &sm.Model, &sm.Location, &sm.Fallback,
			&sm.CreatedAt, &sections, &flags); err != nil {
			return nil, fmt.Errorf("summaries: %w", err)
		}
		var secs []summarize.Section
		if err := json.Unmarshal(sections, &secs); err != nil {
			return nil, fmt.Errorf("summary %d sections: %w", sm.ID, err)
		}
		if err := json.Unmarshal(flags, &sm.Flags); err != nil {
			return nil, fmt.Errorf("summary %d flags: %w", sm.ID, err)
		}
		sm.Sections = resolveSections(secs, sm.Flags, byFile)
		out = append(out, sm)
	}
	return out, rows.Err()
}

// resolveSections links references to documents and marks sentences that an
// unsupported-claim flag points at, and those resting on a value read with
// low confidence.
func resolveSections(secs []summarize.Section, flags []summarize.Flag, byFile map[string]int64) []SectionView {
	out := make([]SectionView, 0, len(secs))
	for _, sec := range secs {
		sv := SectionView{Key: sec.Key, Title: sec.Title}
		for _, sen := range sec.Sentences {
			v := SentenceView{Text: sen.Text}
			for _, r := range sen.Refs {
				id := byFile[r.File]
				if id == 0 {
					id = byFile[path.Base(r.File)]
				}
				v.Refs = append(v.Refs, RefView{File: r.File, Page: r.Page, DocumentID: id})
			}
			for _, f := range flags {
				if f.Section != "" && f.Section != sec.Key {
					continue
				}
				switch {
				case f.Code == summarize.FlagUnsupported && f.Text != "" && strings.Contains(sen.Text, f.Text):
					v.Flagged, v.Flag = true, f.Message
				case f.Code == summarize.FlagToCheck && !v.Flagged && (f.Text != "" && strings.Contains(sen.Text, f.Text) || f.Text == "" && sameRefs(sen.Refs, f.Refs)):
					v.ToCheck = f.Message
				}
			}
			sv.Sentences = append(sv.Sentences, v)
		}
		out = append(out, sv)
	}
	return out
}

func (s *Service) caseChecks(ctx context.Context, caseID int64) ([]CheckView, error) {
	rows, err := s.db.Pool.Query(ctx, `
		SELECT code, severity, message, coalesce(document_id, 0), page FROM case_checks
		 WHERE case_id = $1
		 ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, id`, caseID)
	if err != nil {
		return nil, fmt.Errorf("checks: %w", err)
	}
	defer rows.Close()
	var out []CheckView
	for rows.Next() {
		var c CheckView
		if err := rows.Scan(&c.Code, &c.Severity, &c.Message, &c.DocumentID, &c.Page); err != nil {
			return nil, fmt.Errorf("checks: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (s *Service) caseDecisions(ctx context.Context, caseID int64) ([]DecisionView, error) {
	rows, err := s.db.Pool.Query(ctx, `
		SELECT d.summary_id, d.values_hash, d.decision, d.reason, u.username, sm.version, d.created_at
		  FROM decisions d JOIN users u ON u.id = d.user_id JOIN summaries sm ON sm.id = d.summary_id
		 WHERE d.case_id = $1 ORDER BY d.id DESC`, caseID)
	if err != nil {
		return nil, fmt.Errorf("decisions: %w", err)
	}
	defer rows.Close()
	var out []DecisionView
	for rows.Next() {
		var d DecisionView
		if err := rows.Scan(&d.SummaryID, &d.ValuesHash, &d.Decision, &d.Reason, &d.Username, &d.Version, &d.CreatedAt); err != nil {
			return nil, fmt.Errorf("decisions: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// MarkOpened records when a handläggare first opened a pending case.
func (s *Service) MarkOpened(ctx context.Context, caseID int64) error {
	if _, err := s.db.Pool.Exec(ctx,
		`UPDATE review_items SET opened_at = now() WHERE case_id = $1 AND opened_at IS NULL AND status = 'pending'`, caseID); err != nil {
		return fmt.Errorf("review.MarkOpened: %w", err)
	}
	return nil
}

// Document is a stored original.
type Document struct {
	ID          int64
	Filename    string
	ContentType string
	Content     []byte
}

// Document returns the stored original of document id. A document without
// stored content (over the size limit) gives ErrNotFound.
func (s *Service) Document(ctx context.Context, id int64) (*Document, error) {
	d := &Document{ID: id}
	var deleted *time.Time
	err := s.db.Pool.QueryRow(ctx, `SELECT filename, content_type, content, content_deleted_at FROM documents WHERE id = $1`, id).
		Scan(&d.Filename, &d.ContentType, &d.Content, &deleted)
	if err == nil && deleted != nil {
		return nil, userError(ErrNotFound, "Originalet raderades %s enligt reglerna för hur länge handlingar sparas.", deleted.Local().Format(time.DateOnly))
	}
	if errors.Is(err, pgx.ErrNoRows) || (err == nil && d.Content == nil) {
		return nil, fmt.Errorf("review.Document %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("review.Document %d: %w", id, err)
	}
	return d, nil
}

func locationLabel(loc string) string {
	switch loc {
	case "internal":
		return "inom kommunens nätverk"
	case "eu":
		return "hos leverantör inom EU"
	case "external":
		return "hos extern leverantör"
	}
	return loc
}

func documentTypeLabel(t string) string {
	switch t {
	case "activity_report":
		return "verksamhetsberättelse"
	case "annual_accounts":
		return "årsredovisning"
	case "audit_report":
		return "revisionsberättelse"
	case "agm_minutes":
		return "årsmötesprotokoll"
	case "membership_report":
		return "medlemsredovisning"
	case "other":
		return "övrigt"
	}
	return t
}
