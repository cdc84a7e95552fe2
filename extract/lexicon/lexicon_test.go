package lexicon

import (
	"strings"
	"testing"

	"arsflow/extract/casefile"
)

// find returns the keys of kind found in text.
func find(text, kind string, fuzzy bool) []string {
	var out []string
	for _, m := range Default().Find(Tokens(text), kind, fuzzy) {
		out = append(out, m.Key)
	}
	return out
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Räkenskapsåret": "rakenskapsaret", "RÄKENSKAPSÅR": "rakenskapsar", "Thérèse": "therese", "ﬁnans": "finans",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEveryFieldReadInBothLanguages checks that each field of a case is
// named by the lexicon in a Swedish and an English wording of our own.
func TestEveryFieldReadInBothLanguages(t *testing.T) {
	where := map[string]struct{ kind, key, sv, en string }{
		casefile.FieldAssociationName:      {"field", "association_name", "Föreningens namn: X", "Organization name: X"},
		casefile.FieldOrgNumber:            {"field", "org_number", "Org.nr 802000-0000", "Organization number 802000-0000"},
		casefile.FieldFiscalYearStart:      {"field", "_fiscal_year", "Räkenskapsår 2024", "Fiscal year 2024"},
		casefile.FieldFiscalYearEnd:        {"field", "_fiscal_year", "verksamhetsåret 2024", "financial year 2024"},
		casefile.FieldMembersTotal:         {"field", "members_total", "Antal medlemmar 120", "Number of members 120"},
		casefile.FieldMembersEligible:      {"field", "members_eligible", "Bidragsberättigade medlemmar 40", "Eligible members 40"},
		casefile.FieldMembershipFee:        {"field", "membership_fee", "Medlemsavgift 200 kr", "Membership fee 200 SEK"},
		casefile.FieldIncomeTotal:          {"field", "income_total", "Summa intäkter 100", "Total income 100"},
		casefile.FieldCostsTotal:           {"field", "costs_total", "Summa kostnader 90", "Total expenses 90"},
		casefile.FieldResult:               {"field", "result", "Årets resultat 10", "Result for the year 10"},
		casefile.FieldTotalAssets:          {"field", "total_assets", "Summa tillgångar 50", "Total assets 50"},
		casefile.FieldEquity:               {"field", "equity", "Summa eget kapital 40", "Total equity 40"},
		casefile.FieldMunicipalGrants:      {"field", "municipal_grants", "Kommunalt bidrag 5 000", "Municipal grants 5 000"},
		casefile.FieldChair:                {"role", "chair", "Ordförande: X", "Chair: X"},
		casefile.FieldTreasurer:            {"role", "treasurer", "Kassör: X", "Treasurer: X"},
		casefile.FieldAuditor:              {"role", "auditor", "Revisor: X", "Auditor: X"},
		casefile.FieldDischargeRecommended: {"topic", "discharge", "tillstyrker ansvarsfrihet", "recommend discharge"},
		casefile.FieldDischargeGranted:     {"topic", "discharge", "beviljades ansvarsfrihet", "discharged from their duties"},
		casefile.FieldAccountsAdopted:      {"topic", "accounts", "Balansräkningen fastställdes", "The balance sheet was adopted"},
		casefile.FieldAuditReportPresented: {"topic", "audit_report", "Revisionsberättelsen lästes upp", "The auditor's report was read"},
		casefile.FieldFeeDecided:           {"topic", "fee", "Medlemsavgiften fastställdes", "Membership fee unchanged"},
		casefile.FieldAnnualMeetingDate:    {"title", "agm_minutes", "Årsmöte den 3 mars", "Annual general meeting on 3 March"},
	}
	for _, f := range casefile.FieldInfos {
		w, ok := where[f.Key]
		if !ok {
			t.Errorf("field %s: no lexicon reading listed in this test", f.Key)
			continue
		}
		for _, text := range []string{w.sv, w.en} {
			if got := find(text, w.kind, false); !contains(got, w.key) {
				t.Errorf("field %s: %q gives %s %v, want %s", f.Key, text, w.kind, got, w.key)
			}
		}
	}
}

func TestFindLongestAndFuzzy(t *testing.T) {
	tests := []struct {
		text, kind string
		fuzzy      bool
		want       string
	}{
		{"Summa eget kapital och skulder 91 116", "field", false, "_equity_and_liabilities"},
		{"Summa eget kapital 80 414", "field", false, "equity"},
		{"Till ordförande för mötet valdes X", "role", false, "meeting_chair"},
		{"Föreningens ordförande X hälsade", "role", false, "chair"},
		{"SUMMA RÖRELSENS INTÄKTER 76 004,00", "field", false, "income_total"},
		{"Bokslutet Tastställdes", "outcome", true, "adopt"},
		{"Rakenskapsar 2019-01-01", "field", false, "_fiscal_year"},
		{"bidrag från Höganäs kommun 8000 kr", "field", false, "municipal_grants"},
		{"Revisionsberättelsen lästes upp", "outcome", false, "present"},
	}
	for _, tt := range tests {
		got := find(tt.text, tt.kind, tt.fuzzy)
		if len(got) == 0 || got[0] != tt.want {
			t.Errorf("%q: %s = %v, want %s first", tt.text, tt.kind, got, tt.want)
		}
	}
	if got := find("Bokslutet Tastställdes", "outcome", false); len(got) != 0 {
		t.Errorf("without slack a misspelt word matched: %v", got)
	}
}

func TestParseRejectsBadLines(t *testing.T) {
	for _, src := range []string{"field\tx\t2\tsumma", "field\tx\t0.5", "field\tx\t0.5\t_ summa"} {
		if _, err := Parse(src); err == nil || !strings.Contains(err.Error(), "line 1") {
			t.Errorf("Parse(%q) = %v, want an error for line 1", src, err)
		}
	}
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
