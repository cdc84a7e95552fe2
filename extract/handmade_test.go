package extract

import "testing"

// TestHandmadeCase reads a whole case written by hand in wordings the corpus
// generator does not use: a board table, prose members with a "från … till"
// change, a statement with the previous year first, Unicode minus, a
// deficit in prose, a balance sheet with the result in parentheses, an
// audit report with "tillstyrker", and minutes in present tense.
func TestHandmadeCase(t *testing.T) {
	var docs []*Document
	for _, f := range []string{"vb_nordstjarnan.txt", "rr_nordstjarnan.txt", "revb.txt", "protokoll.txt"} {
		docs = append(docs, DocumentFromPages(f, textPages(t, f)))
	}
	c := AssembleCase("nordstjarnan", docs)
	want := map[string]any{
		FieldAssociationName: "Bollklubben Nordstjärnan", FieldOrgNumber: "802456-1238",
		FieldFiscalYearStart: "2024-01-01", FieldFiscalYearEnd: "2024-12-31",
		FieldMembersTotal: 1234.0, FieldMembersEligible: 812.0, FieldMembershipFee: 350.0,
		FieldIncomeTotal: 327850.0, FieldCostsTotal: 346100.0, FieldResult: -18250.0,
		FieldTotalAssets: 108300.0, FieldEquity: 83550.0, FieldMunicipalGrants: 45000.0,
		FieldChair: "Karin Lindqvist", FieldTreasurer: "Per-Olof Ahlberg", FieldAuditor: "Gunilla Sandström",
		FieldDischargeRecommended: true, FieldDischargeGranted: true, FieldAccountsAdopted: true,
		FieldAuditReportPresented: true, FieldFeeDecided: true, FieldAnnualMeetingDate: "2025-03-14",
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
