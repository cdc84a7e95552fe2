package extract

import (
	"testing"

	"arsflow/extract/casefile"
)

// TestHandmadeCase reads a whole case written by hand in wordings the corpus
// generator does not use: a board table, prose members with a "från … till"
// change, a statement with the previous year first, Unicode minus, a
// deficit in prose, a balance sheet with the result in parentheses, an
// audit report with "tillstyrker", and minutes in present tense.
func TestHandmadeCase(t *testing.T) {
	var docs []*casefile.Document
	for _, f := range []string{"vb_nordstjarnan.txt", "rr_nordstjarnan.txt", "revb.txt", "protokoll.txt"} {
		docs = append(docs, DocumentFromPages(f, textPages(t, f)))
	}
	c := AssembleCase("nordstjarnan", docs)
	want := map[string]any{
		casefile.FieldAssociationName: "Bollklubben Nordstjärnan", casefile.FieldOrgNumber: "802456-1238",
		casefile.FieldFiscalYearStart: "2024-01-01", casefile.FieldFiscalYearEnd: "2024-12-31",
		casefile.FieldMembersTotal: 1234.0, casefile.FieldMembersEligible: 812.0, casefile.FieldMembershipFee: 350.0,
		casefile.FieldIncomeTotal: 327850.0, casefile.FieldCostsTotal: 346100.0, casefile.FieldResult: -18250.0,
		casefile.FieldTotalAssets: 108300.0, casefile.FieldEquity: 83550.0, casefile.FieldMunicipalGrants: 45000.0,
		casefile.FieldChair: "Karin Lindqvist", casefile.FieldTreasurer: "Per-Olof Ahlberg", casefile.FieldAuditor: "Gunilla Sandström",
		casefile.FieldDischargeRecommended: true, casefile.FieldDischargeGranted: true, casefile.FieldAccountsAdopted: true,
		casefile.FieldAuditReportPresented: true, casefile.FieldFeeDecided: true, casefile.FieldAnnualMeetingDate: "2025-03-14",
	}
	for k, v := range want {
		f, ok := c.Fields[k]
		if !ok {
			t.Errorf("%s missing", k)
			continue
		}
		if !sameValue(v, f.Value) {
			t.Errorf("%s = %v (%s p%d: %q), want %v", k, f.Value, f.File, f.Page, f.Quote, v)
		}
	}
	if len(c.Checks) != 0 {
		t.Errorf("checks = %+v, want none", c.Checks)
	}
}
