package summarize

import (
	"strings"

	"arsflow/extract/casefile"
)

// Personal data planted in the test case; none of it may reach a backend
// that is not internal.
var planted = []string{
	"850312-1231",   // personnummer (Luhn-valid)
	"19900101-0017", // personnummer, 12 digits (Luhn-valid)
	"070-123 45 67", // mobile
	"08-555 123 45", // landline
	"karin.lindqvist@example.se",
	"Storgatan 12",
	"Björkvägen 3 B, 212 34 Malmö",
	"Karin Lindqvist", // justerare: a private person
	"Olof Berg",       // member list
	"Per Ek",          // present at the meeting
}

// page returns a page with text.
func page(n int, lines ...string) casefile.Page {
	return casefile.Page{Number: n, Source: casefile.SourcePDF, Quality: 1, Text: strings.Join(lines, "\n")}
}

// fieldAt returns a field with evidence.
func fieldAt(v any, file string, pageNo int, quote string) casefile.Field {
	return casefile.Field{Candidate: casefile.Candidate{Value: v, File: file, Page: pageNo, Quote: quote, Confidence: 0.9}}
}

// sampleCase is a complete case of a fictional association.
func sampleCase() *casefile.Case {
	vb := &casefile.Document{File: "verksamhetsberattelse.pdf", Types: []string{casefile.TypeActivityReport}, Pages: 2,
		Text: []casefile.Page{
			page(1, "Verksamhetsberättelse 2023", "Idrottsföreningen Kvarnby IK", "Organisationsnummer 802412-3450",
				"Under året har föreningen genomfört 120 träningar och deltagit i tre turneringar för ungdomar.",
				"Per den 31 december 2023 hade föreningen 245 medlemmar varav 180 bidragsberättigade."),
			page(2, "Styrelsen", "Ordförande Anna Svensson", "Kassör Johan Nilsson",
				"Medlemsregister (utdrag): Olof Berg 850312-1231, Storgatan 12, tel 070-123 45 67",
				"Kontakt: karin.lindqvist@example.se, 08-555 123 45, Björkvägen 3 B, 212 34 Malmö",
				"Ledamot: Lisa Holm 19900101-0017"),
		}}
	ar := &casefile.Document{File: "arsredovisning.pdf", Types: []string{casefile.TypeAnnualAccounts}, Pages: 1,
		Text: []casefile.Page{
			page(1, "Resultaträkning 2023-01-01–2023-12-31", "Summa intäkter 1 234 567 1 100 000",
				"Summa kostnader 1 250 000 1 050 000", "Årets resultat −15 433 50 000",
				"Summa tillgångar 456 789", "Summa eget kapital 300 000"),
		}}
	rb := &casefile.Document{File: "revisionsberattelse.pdf", Types: []string{casefile.TypeAuditReport}, Pages: 1,
		Text: []casefile.Page{
			page(1, "Revisionsberättelse", "Till årsmötet i Idrottsföreningen Kvarnby IK",
				"Jag tillstyrker att styrelsen beviljas ansvarsfrihet.", "Eva Revisor Lund", "Auktoriserad revisor"),
		}}
	mp := &casefile.Document{File: "arsmotesprotokoll.pdf", Types: []string{casefile.TypeAGMMinutes}, Pages: 1,
		Text: []casefile.Page{
			page(1, "Protokoll fört vid årsmöte 2024-03-10", "Närvarande: Per Ek, Anna Svensson",
				"§ 5 Resultat- och balansräkning för år 2023 presenteras och godkänns.",
				"§ 6 Revisionsberättelsen lades till handlingarna.",
				"§ 7 Styrelsen beviljades ansvarsfrihet för verksamhetsåret 2023.",
				"§ 8 Medlemsavgiften fastställdes till 200 kronor.",
				"Justerare: Karin Lindqvist"),
		}}
	return &casefile.Case{
		Path:      "testdata/kvarnby",
		Documents: []*casefile.Document{vb, ar, rb, mp},
		Fields: map[string]casefile.Field{
			casefile.FieldAssociationName:      fieldAt("Idrottsföreningen Kvarnby IK", vb.File, 1, "Idrottsföreningen Kvarnby IK"),
			casefile.FieldOrgNumber:            fieldAt("802412-3450", vb.File, 1, "Organisationsnummer 802412-3450"),
			casefile.FieldFiscalYearStart:      fieldAt("2023-01-01", ar.File, 1, "2023-01-01–2023-12-31"),
			casefile.FieldFiscalYearEnd:        fieldAt("2023-12-31", ar.File, 1, "2023-01-01–2023-12-31"),
			casefile.FieldMembersTotal:         fieldAt(245.0, vb.File, 1, "hade föreningen 245 medlemmar"),
			casefile.FieldMembersEligible:      fieldAt(180.0, vb.File, 1, "varav 180 bidragsberättigade"),
			casefile.FieldMembershipFee:        fieldAt(200.0, mp.File, 1, "Medlemsavgiften fastställdes till 200 kronor"),
			casefile.FieldIncomeTotal:          fieldAt(1234567.0, ar.File, 1, "Summa intäkter 1 234 567"),
			casefile.FieldCostsTotal:           fieldAt(1250000.0, ar.File, 1, "Summa kostnader 1 250 000"),
			casefile.FieldResult:               fieldAt(-15433.0, ar.File, 1, "Årets resultat −15 433"),
			casefile.FieldTotalAssets:          fieldAt(456789.0, ar.File, 1, "Summa tillgångar 456 789"),
			casefile.FieldEquity:               fieldAt(300000.0, ar.File, 1, "Summa eget kapital 300 000"),
			casefile.FieldChair:                fieldAt("Anna Svensson", vb.File, 2, "Ordförande Anna Svensson"),
			casefile.FieldTreasurer:            fieldAt("Johan Nilsson", vb.File, 2, "Kassör Johan Nilsson"),
			casefile.FieldAuditor:              fieldAt("Eva Lund", rb.File, 1, "Eva Revisor Lund"),
			casefile.FieldDischargeRecommended: fieldAt(true, rb.File, 1, "Jag tillstyrker att styrelsen beviljas ansvarsfrihet."),
			casefile.FieldDischargeGranted:     fieldAt(true, mp.File, 1, "Styrelsen beviljades ansvarsfrihet"),
			casefile.FieldAccountsAdopted:      fieldAt(true, mp.File, 1, "presenteras och godkänns"),
			casefile.FieldAuditReportPresented: fieldAt(true, mp.File, 1, "Revisionsberättelsen lades till handlingarna"),
			casefile.FieldFeeDecided:           fieldAt(true, mp.File, 1, "Medlemsavgiften fastställdes"),
			casefile.FieldAnnualMeetingDate:    fieldAt("2024-03-10", mp.File, 1, "årsmöte 2024-03-10"),
		},
		Checks: []casefile.Check{},
	}
}
