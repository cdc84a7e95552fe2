package summarize

import (
	"math"

	"arsflow/extract/casefile"
)

// fieldSections names the section of the summary that states a field.
var fieldSections = map[string]string{
	casefile.FieldMembersTotal: SectionMembers, casefile.FieldMembersEligible: SectionMembers, casefile.FieldMembershipFee: SectionMembers,
	casefile.FieldIncomeTotal: SectionFinances, casefile.FieldCostsTotal: SectionFinances, casefile.FieldResult: SectionFinances,
	casefile.FieldTotalAssets: SectionFinances, casefile.FieldEquity: SectionFinances, casefile.FieldMunicipalGrants: SectionFinances,
	casefile.FieldAuditor: SectionAudit, casefile.FieldDischargeRecommended: SectionAudit,
	casefile.FieldDischargeGranted: SectionAGM, casefile.FieldAccountsAdopted: SectionAGM, casefile.FieldAuditReportPresented: SectionAGM,
	casefile.FieldFeeDecided: SectionAGM, casefile.FieldAnnualMeetingDate: SectionAGM,
}

// toCheck flags every value extraction read with low confidence, in the
// order of the field vocabulary, so that the summary says which of its
// statements rest on an uncertain reading.
func toCheck(c *casefile.Case) []Flag {
	var out []Flag
	for _, key := range casefile.FieldKeys() {
		f, ok := c.Fields[key]
		if !ok || !f.ToCheck() {
			continue
		}
		section := fieldSections[key]
		if section == "" {
			section = SectionAssociation
		}
		out = append(out, Flag{
			Code:    FlagToCheck,
			Message: "Osäker avläsning av " + casefile.FieldName(key) + ": kontrollera mot originalet.",
			Section: section,
			Text:    shown(f.Value),
			Refs:    refs(f),
		})
	}
	return out
}

// shown is how a summary writes a value, for finding the sentence that
// states it: an amount or count without its sign, a name or date as it is;
// "" for a yes or no.
func shown(v any) string {
	if n, ok := number(v); ok {
		return casefile.FormatNumber(math.Abs(math.Round(n)))
	}
	if s, ok := v.(string); ok {
		return str(s)
	}
	return ""
}
