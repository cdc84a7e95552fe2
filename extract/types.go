package extract

import "arsflow/extract/pdftext"

// Document types. A document may hold several.
const (
	TypeActivityReport   = "activity_report"   // verksamhetsberättelse
	TypeAnnualAccounts   = "annual_accounts"   // årsredovisning, ekonomisk berättelse, resultat- och balansräkning
	TypeAuditReport      = "audit_report"      // revisionsberättelse
	TypeAGMMinutes       = "agm_minutes"       // årsmötesprotokoll
	TypeMembershipReport = "membership_report" // medlemsredovisning, medlemsförteckning
	TypeOther            = "other"
)

// Field keys. Values are strings for names and org_number, ISO dates
// (YYYY-MM-DD) as strings, float64 for amounts and counts, bool for yes/no.
const (
	FieldAssociationName      = "association_name"
	FieldOrgNumber            = "org_number"
	FieldFiscalYearStart      = "fiscal_year_start"
	FieldFiscalYearEnd        = "fiscal_year_end"
	FieldMembersTotal         = "members_total"
	FieldMembersEligible      = "members_eligible"
	FieldMembershipFee        = "membership_fee"
	FieldIncomeTotal          = "income_total"
	FieldCostsTotal           = "costs_total"
	FieldResult               = "result"
	FieldTotalAssets          = "total_assets"
	FieldEquity               = "equity"
	FieldMunicipalGrants      = "municipal_grants"
	FieldChair                = "chair"
	FieldTreasurer            = "treasurer"
	FieldAuditor              = "auditor"
	FieldDischargeRecommended = "discharge_recommended"
	FieldDischargeGranted     = "discharge_granted"
	FieldAccountsAdopted      = "accounts_adopted"
	FieldAuditReportPresented = "audit_report_presented"
	FieldFeeDecided           = "fee_decided"
	FieldAnnualMeetingDate    = "annual_meeting_date"
)

// Candidate is one value for a field found in one place.
type Candidate struct {
	Value      any           `json:"value"`
	File       string        `json:"file"`
	Page       int           `json:"page"`
	Quote      string        `json:"quote"`
	BBox       *pdftext.BBox `json:"bbox,omitempty"`
	Confidence float64       `json:"confidence"`
}

// Field is the chosen value of a field with its evidence, and every candidate
// when documents disagree.
type Field struct {
	Candidate
	Candidates []Candidate `json:"candidates,omitempty"`
}

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
	File       string           `json:"file"`
	Types      []string         `json:"types"`
	Pages      int              `json:"pages"`
	TextSource []pdftext.Source `json:"text_source"` // per page
	Error      string           `json:"error,omitempty"`

	// Text holds the pages' text; it is not part of the JSON output of
	// `arsflow extract --json` but is stored and used by the summariser.
	Text []pdftext.Page `json:"-"`
	// Fields found in this document alone (the case merges them).
	Fields map[string]Field `json:"-"`
}

// Case is the extraction result for one case: one association, one year.
type Case struct {
	Path      string           `json:"path"`
	Documents []*Document      `json:"documents"`
	Fields    map[string]Field `json:"fields"`
	Checks    []Check          `json:"checks"`
}
