package review

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// The notice to an association about its decided case: which of its
// documents were read automatically, when and how, that a handläggare
// reviewed the result, and which values the handläggare corrected. The same
// letter is rendered as a printable web page and as a PDF.

// CaseNotice is what the notice to an association says, read from the
// database.
type CaseNotice struct {
	CaseID          int64
	AssociationName string
	OrgNumber       string
	FiscalYear      int
	Status          string // "approved" or "rejected"
	DecidedAt       time.Time
	Documents       []NoticeDocument
	Summary         NoticeSummary
	Corrections     []NoticeCorrection
}

// NoticeDocument is one document of the case as the machine read it.
type NoticeDocument struct {
	Filename   string
	Types      []string
	Pages      int
	OCRPages   int // pages read with text recognition
	ReceivedAt time.Time
	ReadAt     time.Time
	Failed     bool
}

// NoticeSummary is the summary the handläggare decided on.
type NoticeSummary struct {
	Backend   string
	Model     string
	Location  string
	Fallback  bool
	CreatedAt time.Time
}

// NoticeCorrection is a value the handläggare changed before deciding.
type NoticeCorrection struct {
	Label, Machine, Corrected string
}

// CaseNotice reads the notice of a decided case. A case that awaits a
// decision gives ErrConflict.
func (s *Service) CaseNotice(ctx context.Context, caseID int64) (*CaseNotice, error) {
	n := &CaseNotice{CaseID: caseID}
	var decidedAt *time.Time
	err := s.db.Pool.QueryRow(ctx, `
		SELECT c.association_name, c.org_number, c.fiscal_year, r.status, r.decided_at,
		       sm.backend, sm.model, sm.location, sm.fallback, sm.created_at
		  FROM review_items r JOIN cases c ON c.id = r.case_id JOIN summaries sm ON sm.id = r.summary_id
		 WHERE r.case_id = $1`, caseID).
		Scan(&n.AssociationName, &n.OrgNumber, &n.FiscalYear, &n.Status, &decidedAt,
			&n.Summary.Backend, &n.Summary.Model, &n.Summary.Location, &n.Summary.Fallback, &n.Summary.CreatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("review.CaseNotice %d: %w", caseID, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("review.CaseNotice %d: %w", caseID, err)
	}
	if n.Status == "pending" || decidedAt == nil {
		return nil, userError(ErrConflict, "Meddelandet till föreningen kan skapas först när ärendet är beslutat.")
	}
	n.DecidedAt = *decidedAt
	rows, err := s.db.Pool.Query(ctx, `
		SELECT d.filename, e.types, e.page_count, cardinality(array_positions(e.text_sources, 'ocr')),
		       d.created_at, e.extracted_at, e.error IS NOT NULL
		  FROM document_extractions e JOIN documents d ON d.id = e.document_id
		 WHERE e.case_id = $1 ORDER BY d.folder, d.filename, d.id`, caseID)
	if err != nil {
		return nil, fmt.Errorf("review.CaseNotice %d: documents: %w", caseID, err)
	}
	for rows.Next() {
		var d NoticeDocument
		if err := rows.Scan(&d.Filename, &d.Types, &d.Pages, &d.OCRPages, &d.ReceivedAt, &d.ReadAt, &d.Failed); err != nil {
			rows.Close()
			return nil, fmt.Errorf("review.CaseNotice %d: documents: %w", caseID, err)
		}
		n.Documents = append(n.Documents, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("review.CaseNotice %d: documents: %w", caseID, err)
	}
	// The latest correction of each field made before the decision, where
	// it differs from the machine's value.
	rows, err = s.db.Pool.Query(ctx, `
		SELECT field_key, machine_value, corrected_value FROM (
		    SELECT DISTINCT ON (field_key) field_key, machine_value, corrected_value
		      FROM corrections WHERE case_id = $1 AND created_at <= $2
		     ORDER BY field_key, id DESC) c
		 WHERE machine_value IS DISTINCT FROM corrected_value`, caseID, n.DecidedAt)
	if err != nil {
		return nil, fmt.Errorf("review.CaseNotice %d: corrections: %w", caseID, err)
	}
	defer rows.Close()
	var keys []string
	byKey := map[string]NoticeCorrection{}
	for rows.Next() {
		var key string
		var machine, corrected []byte
		if err := rows.Scan(&key, &machine, &corrected); err != nil {
			return nil, fmt.Errorf("review.CaseNotice %d: corrections: %w", caseID, err)
		}
		keys = append(keys, key)
		byKey[key] = NoticeCorrection{Label: fieldDefFor(key).Label,
			Machine: plainValue(decodeValue(machine)), Corrected: plainValue(decodeValue(corrected))}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("review.CaseNotice %d: corrections: %w", caseID, err)
	}
	sortByFieldOrder(keys)
	for _, k := range keys {
		n.Corrections = append(n.Corrections, byKey[k])
	}
	return n, nil
}

// plainValue is formatValue with ordinary spaces, for print.
func plainValue(v any) string { return strings.ReplaceAll(formatValue(v), "\u00a0", " ") }

func sortByFieldOrder(keys []string) {
	sort.SliceStable(keys, func(i, j int) bool { return fieldOrder(keys[i]) < fieldOrder(keys[j]) })
}

// letter is the notice as text blocks, so that the web page and the PDF
// say the same thing.
type letter struct {
	Title  string
	To     []string // the association, its org number and the year
	Date   string
	Blocks []letterBlock
}

// letterBlock is a heading, a paragraph, a list or a table.
type letterBlock struct {
	Heading string
	Text    string
	Items   []string
	Head    []string
	Rows    [][]string
}

// letterContact is where the association reads more and asks.
type letterContact struct {
	AboutURL, Contact, Email, DPO string
}

// buildLetter writes the notice in Swedish.
func buildLetter(n *CaseNotice, org string, c letterContact, now time.Time) letter {
	name := n.AssociationName
	if name == "" {
		name = "Föreningen"
	}
	l := letter{Title: "Så har era årshandlingar behandlats", Date: dayText("sv", now)}
	l.To = append(l.To, name)
	if n.OrgNumber != "" {
		l.To = append(l.To, "Organisationsnummer "+n.OrgNumber)
	}
	if n.FiscalYear > 0 {
		l.To = append(l.To, fmt.Sprintf("Räkenskapsår %d", n.FiscalYear))
	}
	l.To = append(l.To, fmt.Sprintf("Ärende %d", n.CaseID))
	add := func(b letterBlock) { l.Blocks = append(l.Blocks, b) }
	add(letterBlock{Text: fmt.Sprintf("%s använder datorstödet arsflow när föreningar skickar in sina årshandlingar. Datorstödet läser handlingarna och förbereder en sammanställning. En handläggare kontrollerar alltid resultatet och beslutar. Här berättar vi hur era handlingar har behandlats.", org)})

	add(letterBlock{Heading: "Handlingar som datorstödet läste"})
	rows := make([][]string, 0, len(n.Documents))
	for _, d := range n.Documents {
		how := "text i filen"
		switch {
		case d.Failed:
			how = "kunde inte läsas automatiskt"
		case d.OCRPages == d.Pages && d.Pages > 0:
			how = "inskannad, tolkad med textigenkänning"
		case d.OCRPages > 0:
			how = fmt.Sprintf("text i filen, %d sidor med textigenkänning", d.OCRPages)
		}
		kind := documentTypesText(d.Types)
		rows = append(rows, []string{d.Filename, kind, fmt.Sprint(d.Pages), dayText("sv", d.ReceivedAt), dayText("sv", d.ReadAt), how})
	}
	add(letterBlock{Head: []string{"Fil", "Typ", "Sidor", "Kom in", "Lästes", "Hur"}, Rows: rows})

	add(letterBlock{Heading: "Sammanställningen"})
	add(letterBlock{Text: fmt.Sprintf("Datorstödet skrev en sammanställning av ärendet %s med %s.", dayText("sv", n.Summary.CreatedAt), backendText(n.Summary))})

	add(letterBlock{Heading: "En handläggare granskade resultatet"})
	if n.Status == "approved" {
		add(letterBlock{Text: fmt.Sprintf("En handläggare kontrollerade uppgifterna mot era handlingar och godkände sammanställningen %s.", dayText("sv", n.DecidedAt))})
	} else {
		add(letterBlock{Text: fmt.Sprintf("En handläggare kontrollerade uppgifterna mot era handlingar och godkände inte sammanställningen (%s). Ärendet handläggs vidare utan den.", dayText("sv", n.DecidedAt))})
	}
	if len(n.Corrections) == 0 {
		add(letterBlock{Text: "Handläggaren ändrade inga av de uppgifter som datorstödet hade hämtat."})
	} else {
		add(letterBlock{Text: "Handläggaren ändrade de här uppgifterna:"})
		rows := make([][]string, 0, len(n.Corrections))
		for _, c := range n.Corrections {
			rows = append(rows, []string{c.Label, c.Machine, c.Corrected})
		}
		add(letterBlock{Head: []string{"Uppgift", "Datorstödet läste", "Handläggaren ändrade till"}, Rows: rows})
	}
	add(letterBlock{Text: "Datorstödet beslutar inte om bidrag. Om ni får ett beslut om bidrag kommer det separat."})

	add(letterBlock{Heading: "Läs mer och ställ frågor"})
	add(letterBlock{Text: "På " + c.AboutURL + " beskriver vi hur datorstödet fungerar, var det körs, hur vi skyddar personuppgifter och hur länge vi sparar dem."})
	ask := c.Contact
	if c.Email != "" {
		ask = strings.TrimSpace(ask + " E-post: " + c.Email + ".")
	}
	if ask != "" {
		add(letterBlock{Text: ask})
	}
	if c.DPO != "" {
		add(letterBlock{Text: "Dataskyddsombud: " + c.DPO})
	}
	add(letterBlock{Text: "Ni har rätt att få veta vilka personuppgifter vi behandlar och att få fel rättade."})
	return l
}

// backendText says in Swedish which method wrote a summary.
func backendText(s NoticeSummary) string {
	if s.Fallback {
		return "den regelbaserade metoden (ingen språkmodell), eftersom AI-tjänsten inte var tillgänglig"
	}
	if s.Model == "" {
		return "den regelbaserade metoden (ingen språkmodell), som körs " + locationLabel(s.Location)
	}
	return "språkmodellen " + s.Model + ", som körs " + locationLabel(s.Location)
}

func documentTypesText(types []string) string {
	if len(types) == 0 {
		return "okänd"
	}
	out := make([]string, len(types))
	for i, t := range types {
		out[i] = documentTypeLabel(t)
	}
	return strings.Join(out, ", ")
}
