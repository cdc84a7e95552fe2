package casefile

// Check codes.
const (
	CheckMissingActivityReport     = "missing_activity_report"
	CheckMissingAnnualAccounts     = "missing_annual_accounts"
	CheckMissingIncomeStatement    = "missing_income_statement"
	CheckMissingBalanceSheet       = "missing_balance_sheet"
	CheckMissingAuditReport        = "missing_audit_report"
	CheckMissingAGMMinutes         = "missing_agm_minutes"
	CheckOrgNumberInvalid          = "org_number_invalid"
	CheckOrgNumberMismatch         = "org_number_mismatch"
	CheckFiscalYearMismatch        = "fiscal_year_mismatch"
	CheckIncomeStatementMismatch   = "income_statement_mismatch"
	CheckBalanceSheetMismatch      = "balance_sheet_mismatch"
	CheckMembersMismatch           = "members_mismatch"
	CheckDischargeNotRecommended   = "discharge_not_recommended"
	CheckDischargeStatementMissing = "discharge_statement_missing"
	CheckAGMDecisionMissing        = "agm_decision_missing"
	CheckAuditorOnBoard            = "auditor_on_board"
	CheckUnsigned                  = "unsigned"
	CheckPersonalData              = "personal_data"
	CheckPromptInjection           = "prompt_injection"
	CheckNeedsOCR                  = "needs_ocr"
	CheckDocumentUnreadable        = "document_unreadable"
	CheckFieldConflict             = "field_conflict"
)

// CheckInfo describes a check code: its usual severity and a short Swedish
// title. A check may be raised with a lower severity than the usual one, for
// instance a missing document that an unrecognised file could be.
type CheckInfo struct {
	Code     string
	Severity string
	Title    string
}

// CheckInfos lists every check code in display order.
var CheckInfos = []CheckInfo{
	{CheckMissingActivityReport, SeverityError, "Verksamhetsberättelse saknas"},
	{CheckMissingAnnualAccounts, SeverityError, "Ekonomisk redovisning saknas"},
	{CheckMissingIncomeStatement, SeverityError, "Resultaträkning saknas"},
	{CheckMissingBalanceSheet, SeverityError, "Balansräkning saknas"},
	{CheckMissingAuditReport, SeverityError, "Revisionsberättelse saknas"},
	{CheckMissingAGMMinutes, SeverityError, "Årsmötesprotokoll saknas"},
	{CheckOrgNumberInvalid, SeverityError, "Ogiltigt organisationsnummer"},
	{CheckOrgNumberMismatch, SeverityError, "Olika organisationsnummer"},
	{CheckFiscalYearMismatch, SeverityWarning, "Olika räkenskapsår"},
	{CheckIncomeStatementMismatch, SeverityWarning, "Resultaträkningen går inte ihop"},
	{CheckBalanceSheetMismatch, SeverityWarning, "Balansräkningen balanserar inte"},
	{CheckMembersMismatch, SeverityWarning, "Medlemsantalen stämmer inte"},
	{CheckDischargeNotRecommended, SeverityError, "Revisorn tillstyrker inte ansvarsfrihet"},
	{CheckDischargeStatementMissing, SeverityWarning, "Revisorn uttalar sig inte om ansvarsfrihet"},
	{CheckAGMDecisionMissing, SeverityWarning, "Årsmötesbeslut saknas"},
	{CheckAuditorOnBoard, SeverityWarning, "Revisorn sitter i styrelsen"},
	{CheckUnsigned, SeverityWarning, "Underskrifter saknas"},
	{CheckPersonalData, SeverityInfo, "Personuppgifter"},
	{CheckPromptInjection, SeverityError, "Misstänkt promptinjektion"},
	{CheckNeedsOCR, SeverityWarning, "Sida utan textlager"},
	{CheckDocumentUnreadable, SeverityError, "Filen kunde inte läsas"},
	{CheckFieldConflict, SeverityInfo, "Handlingarna anger olika värden"},
}

// LookupCheck returns the description of code and whether it is a known
// check code.
func LookupCheck(code string) (CheckInfo, bool) {
	for _, c := range CheckInfos {
		if c.Code == code {
			return c, true
		}
	}
	return CheckInfo{Code: code, Severity: SeverityWarning, Title: code}, false
}
