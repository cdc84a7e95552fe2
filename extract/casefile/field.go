package casefile

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

// Kinds of field values, as FieldInfo.Kind gives them.
const (
	KindText   = "text"   // a string
	KindCount  = "count"  // a whole number, as float64
	KindAmount = "amount" // kronor, as float64
	KindDate   = "date"   // an ISO date (YYYY-MM-DD), as a string
	KindBool   = "bool"   // yes or no
)

// FieldInfo describes a field key in Swedish.
type FieldInfo struct {
	Key   string
	Label string // a heading or form label, e.g. "Summa intäkter (kr)"
	Name  string // the field inside a sentence, e.g. "summa intäkter"
	Kind  string // KindText, KindCount, KindAmount, KindDate or KindBool
}

// FieldInfos lists every field key in display and export order.
var FieldInfos = []FieldInfo{
	{FieldAssociationName, "Föreningens namn", "föreningens namn", KindText},
	{FieldOrgNumber, "Organisationsnummer", "organisationsnummer", KindText},
	{FieldFiscalYearStart, "Räkenskapsårets början", "räkenskapsårets början", KindDate},
	{FieldFiscalYearEnd, "Räkenskapsårets slut", "räkenskapsårets slut", KindDate},
	{FieldMembersTotal, "Antal medlemmar", "antal medlemmar", KindCount},
	{FieldMembersEligible, "Bidragsberättigade medlemmar", "bidragsberättigade medlemmar", KindCount},
	{FieldMembershipFee, "Medlemsavgift (kr)", "medlemsavgift", KindAmount},
	{FieldIncomeTotal, "Summa intäkter (kr)", "summa intäkter", KindAmount},
	{FieldCostsTotal, "Summa kostnader (kr)", "summa kostnader", KindAmount},
	{FieldResult, "Årets resultat (kr)", "årets resultat", KindAmount},
	{FieldTotalAssets, "Summa tillgångar (kr)", "summa tillgångar", KindAmount},
	{FieldEquity, "Eget kapital (kr)", "eget kapital", KindAmount},
	{FieldMunicipalGrants, "Kommunala bidrag (kr)", "kommunala bidrag", KindAmount},
	{FieldChair, "Ordförande", "ordförande", KindText},
	{FieldTreasurer, "Kassör", "kassör", KindText},
	{FieldAuditor, "Revisor", "revisor", KindText},
	{FieldDischargeRecommended, "Revisorn tillstyrker ansvarsfrihet", "revisorns förslag om ansvarsfrihet", KindBool},
	{FieldDischargeGranted, "Årsmötet beviljade ansvarsfrihet", "beslut om ansvarsfrihet", KindBool},
	{FieldAccountsAdopted, "Resultat- och balansräkning fastställd", "fastställd resultat- och balansräkning", KindBool},
	{FieldAuditReportPresented, "Revisionsberättelsen behandlad", "behandlad revisionsberättelse", KindBool},
	{FieldFeeDecided, "Medlemsavgift beslutad", "beslut om medlemsavgift", KindBool},
	{FieldAnnualMeetingDate, "Årsmötets datum", "årsmötets datum", KindDate},
}

// PersonFields are the fields whose values are the names of persons.
var PersonFields = []string{FieldChair, FieldTreasurer, FieldAuditor}

// FieldKeys returns every field key in display order.
func FieldKeys() []string {
	out := make([]string, len(FieldInfos))
	for i, f := range FieldInfos {
		out[i] = f.Key
	}
	return out
}

// LookupField returns the description of key and whether key is a known
// field.
func LookupField(key string) (FieldInfo, bool) {
	for _, f := range FieldInfos {
		if f.Key == key {
			return f, true
		}
	}
	return FieldInfo{Key: key, Label: key, Name: key, Kind: KindText}, false
}

// FieldLabel returns the Swedish label of key for headings and forms, or key
// itself when it is not a known field.
func FieldLabel(key string) string {
	f, _ := LookupField(key)
	return f.Label
}

// FieldName returns the Swedish name of key for use inside a sentence, or
// key itself when it is not a known field.
func FieldName(key string) string {
	f, _ := LookupField(key)
	return f.Name
}
