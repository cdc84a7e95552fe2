package casefile

// Document types. A document may hold several.
const (
	TypeActivityReport   = "activity_report"   // verksamhetsberättelse, annual report
	TypeAnnualAccounts   = "annual_accounts"   // årsredovisning, ekonomisk berättelse, resultat- och balansräkning
	TypeAuditReport      = "audit_report"      // revisionsberättelse, auditor's report
	TypeAGMMinutes       = "agm_minutes"       // årsmötesprotokoll, minutes of the general meeting
	TypeMembershipReport = "membership_report" // medlemsredovisning, medlemsförteckning
	TypeOther            = "other"             // none of these could be recognised
)

// DocumentTypes lists the document types in display order.
var DocumentTypes = []string{TypeActivityReport, TypeAnnualAccounts, TypeAuditReport, TypeAGMMinutes, TypeMembershipReport, TypeOther}

// Candidate is one value for a field found in one place.
type Candidate struct {
	Value      any     `json:"value"`
	File       string  `json:"file"`
	Page       int     `json:"page"`
	Quote      string  `json:"quote"`
	BBox       *BBox   `json:"bbox,omitempty"`
	Confidence float64 `json:"confidence"`
}

// ConfidentAt is the confidence from which a value counts as read with
// certainty; below it a value is shown and summarised as "to check".
// Measured on real documents, values at or above it are right at least 98
// times in 100.
const ConfidentAt = 0.9

// Field is the chosen value of a field with its evidence, and the other
// candidates when the documents offer several values.
type Field struct {
	Candidate
	Candidates []Candidate `json:"candidates,omitempty"`
}

// ToCheck reports whether the value is uncertain enough that a person should
// look at it before relying on it.
func (f Field) ToCheck() bool { return f.Confidence < ConfidentAt }

// Severity of a check.
const (
	SeverityInfo    = "info"
	SeverityWarning = "warning"
	SeverityError   = "error"
)

// Check is a flag raised on a case, with a plain Swedish message.
type Check struct {
	Code     string `json:"code"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	File     string `json:"file,omitempty"`
	Page     int    `json:"page,omitempty"`
}

// Document is the extraction result for one file.
type Document struct {
	File       string   `json:"file"`
	Types      []string `json:"types"`
	Pages      int      `json:"pages"`
	TextSource []Source `json:"text_source"` // per page
	Error      string   `json:"error,omitempty"`

	// Text holds the pages' text; it is not part of the JSON output of
	// `arsflow extract --json` but is stored and used by the summariser.
	Text []Page `json:"-"`
	// Fields found in this document alone (the case merges them).
	Fields map[string]Field `json:"-"`
}

// HasType reports whether the document holds type t.
func (d *Document) HasType(t string) bool {
	for _, x := range d.Types {
		if x == t {
			return true
		}
	}
	return false
}

// Case is the extraction result for one case: one association, one year.
type Case struct {
	Path      string           `json:"path"`
	Documents []*Document      `json:"documents"`
	Fields    map[string]Field `json:"fields"`
	Checks    []Check          `json:"checks"`
}
