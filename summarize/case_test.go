package summarize

import (
	"strings"

	"arsflow/extract"
	"arsflow/extract/pdftext"
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
func page(n int, lines ...string) pdftext.Page {
	return pdftext.Page{Number: n, Source: pdftext.SourcePDF, Quality: 1, Text: strings.Join(lines, "\n")}
}

// fieldAt returns a field with evidence.
func fieldAt(v any, file string, pageNo int, quote string) extract.Field {
	return extract.Field{Candidate: extract.Candidate{Value: v, File: file, Page: pageNo, Quote: quote, Confidence: 0.9}}
}

// sampleCase is a complete case of a fictional association.
func sampleCase() *extract.Case {
	vb := &extract.Document{File: "verksamhetsberattelse.pdf", Types: []string{extract.TypeActivityReport}, Pages: 2,
		Text: []pdftext.Page{
			page(1, "Verksamhetsberättelse 2023", "Idrottsföreningen Kvarnby IK", "Organisationsnummer 802412-3450",
				"Under året har föreningen genomfört 120 träningar och deltagit i tre turneringar för ungdomar.",
				"Per den 31 december 2023 hade föreningen 245 medlemmar varav 180 bidragsberättigade."),
			page(2, "Styrelsen", "Ordförande Anna Svensson", "Kassör Johan Nilsson",
				"Medlemsregister (utdrag): Olof Berg 850312-1231, Storgatan 12, tel 070-123 45 67",
				"Kontakt: karin.lindqvist@example.se, 08-555 123 45, Björkvägen 3 B, 212 34 Malmö",
				"Ledamot: Lisa Holm 19900101-0017"),
		}}
	ar := &extract.Document{File: "arsredovisning.pdf", Types: []string{extract.TypeAnnualAccounts}, Pages: 1,
		Text: []pdftext.Page{
			page(1, "Resultaträkning 2023-01-01–2023-12-31", "Summa intäkter 1 234 567 1 100 000",
				"Summa kostnader 1 250 000 1 050 000", "Årets resultat −15 433 50 000",
				"Summa tillgångar 456 789", "Summa eget kapital 300 000"),
		}}
	rb := &extract.Document{File: "revisionsberattelse.pdf", Types: []string{extract.TypeAuditReport}, Pages: 1,
		Text: []pdftext.Page{
			page(1, "Revisionsberättelse", "Till årsmötet i Idrottsföreningen Kvarnby IK",
				"Jag tillstyrker att styrelsen beviljas ansvarsfrihet.", "Eva Revisor Lund", "Auktoriserad revisor"),
		}}
	mp := &extract.Document{File: "arsmotesprotokoll.pdf", Types: []string{extract.TypeAGMMinutes}, Pages: 1,
		Text: []pdftext.Page{
			page(1, "Protokoll fört vid årsmöte 2024-03-10", "Närvarande: Per Ek, Anna Svensson",
				"§ 5 Resultat- och balansräkning för år 2023 presenteras och godkänns.",
				"§ 6 Revisionsberättelsen lades till handlingarna.",
				"§ 7 Styrelsen beviljades ansvarsfrihet för verksamhetsåret 2023.",
				"§ 8 Medlemsavgiften fastställdes till 200 kronor.",
				"Justerare: Karin Lindqvist"),
		}}
	return &extract.Case{
		Path:      "testdata/kvarnby",
		Documents: []*extract.Document{vb, ar, rb, mp},
		Fields: map[string]extract.Field{
			extract.FieldAssociationName:      fieldAt("Idrottsföreningen Kvarnby IK", vb.File, 1, "Idrottsföreningen Kvarnby IK"),
			extract.FieldOrgNumber:            fieldAt("802412-3450", vb.File, 1, "Organisationsnummer 802412-3450"),
			extract.FieldFiscalYearStart:      fieldAt("2023-01-01", ar.File, 1, "2023-01-01–2023-12-31"),
			extract.FieldFiscalYearEnd:        fieldAt("2023-12-31", ar.File, 1, "2023-01-01–2023-12-31"),
			extract.FieldMembersTotal:         fieldAt(245.0, vb.File, 1, "hade föreningen 245 medlemmar"),
			extract.FieldMembersEligible:      fieldAt(180.0, vb.File, 1, "varav 180 bidragsberättigade"),
			extract.FieldMembershipFee:        fieldAt(200.0, mp.File, 1, "Medlemsavgiften fastställdes till 200 kronor"),
			extract.FieldIncomeTotal:          fieldAt(1234567.0, ar.File, 1, "Summa intäkter 1 234 567"),
			extract.FieldCostsTotal:           fieldAt(1250000.0, ar.File, 1, "Summa kostnader 1 250 000"),
			extract.FieldResult:               fieldAt(-15433.0, ar.File, 1, "Årets resultat −15 433"),
			extract.FieldTotalAssets:          fieldAt(456789.0, ar.File, 1, "Summa tillgångar 456 789"),
			extract.FieldEquity:               fieldAt(300000.0, ar.File, 1, "Summa eget kapital 300 000"),
			extract.FieldChair:                fieldAt("Anna Svensson", vb.File, 2, "Ordförande Anna Svensson"),
			extract.FieldTreasurer:            fieldAt("Johan Nilsson", vb.File, 2, "Kassör Johan Nilsson"),
			extract.FieldAuditor:              fieldAt("Eva Lund", rb.File, 1, "Eva Revisor Lund"),
			extract.FieldDischargeRecommended: fieldAt(true, rb.File, 1, "Jag tillstyrker att styrelsen beviljas ansvarsfrihet."),
			extract.FieldDischargeGranted:     fieldAt(true, mp.File, 1, "Styrelsen beviljades ansvarsfrihet"),
			extract.FieldAccountsAdopted:      fieldAt(true, mp.File, 1, "presenteras och godkänns"),
			extract.FieldAuditReportPresented: fieldAt(true, mp.File, 1, "Revisionsberättelsen lades till handlingarna"),
			extract.FieldFeeDecided:           fieldAt(true, mp.File, 1, "Medlemsavgiften fastställdes"),
			extract.FieldAnnualMeetingDate:    fieldAt("2024-03-10", mp.File, 1, "årsmöte 2024-03-10"),
		},
		Checks: []extract.Check{},
	}
}
