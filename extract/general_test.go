package extract

import (
	"testing"

	"arsflow/extract/casefile"
	"arsflow/extract/pdftext"
)

// TestGeneralWordings covers layouts and wordings written by hand, unlike
// the corpus generator's: the previous year's column first, units stated
// once, member tables split by gender or age, age bands in prose, fee
// changes, and municipal grant rows named in other ways.
func TestGeneralWordings(t *testing.T) {
	const minutes = "Protokoll fört vid årsmöte med Segelsällskapet Bris\nDatum: 2026-03-02\n"
	tests := []struct {
		name string
		text string
		key  string
		want any
	}{
		// Column order.
		{"prev year first", "Ekonomisk redovisning räkenskapsåret 2025\nResultaträkning\nBelopp i kronor   2024   2025\nMedlemsintäkter   41 000   44 500\nSumma intäkter   120 400   131 900", casefile.FieldIncomeTotal, 131900.0},
		{"prev year first words", "Resultaträkning\n   Föregående år   Innevarande år\nSumma kostnader   -98 000   -104 250", casefile.FieldCostsTotal, 104250.0},
		{"broken years prev first", "Räkenskapsår 2024-07-01 – 2025-06-30\nResultaträkning   2023/24   2024/25\nÅrets resultat   -4 000   6 300", casefile.FieldResult, 6300.0},
		{"fiscal year column not highest", "Årsredovisning för räkenskapsåret 2025\nResultaträkning   Utfall 2025   2026   2024\nSumma intäkter   88 000   90 000   80 000", casefile.FieldIncomeTotal, 88000.0},
		{"no header order stated", "Resultaträkning\nBeloppen anges som föregående år, innevarande år.\nSumma intäkter   55 000   61 200", casefile.FieldIncomeTotal, 61200.0},
		{"no header current first stated", "Resultaträkning\nFörsta kolumnen avser innevarande år och andra kolumnen föregående år.\nSumma intäkter   61 200   55 000", casefile.FieldIncomeTotal, 61200.0},
		{"balance next page keeps order", "Räkenskapsåret 2025\nResultaträkning   2024   2025\nSumma intäkter   10 000   12 000\fBalansräkning\nSumma tillgångar   30 000   34 500", casefile.FieldTotalAssets, 34500.0},
		// Units.
		{"tkr for the document", "Samtliga belopp i tkr.\nResultaträkning   2025   2024\nSumma intäkter   1 204   1 100\fBalansräkning   2025-12-31   2024-12-31\nSumma tillgångar   845   790", casefile.FieldTotalAssets, 845000.0},
		{"tkr column header", "Balansräkning\nTkr   2025   2024\nSumma eget kapital   312,5   290,0", casefile.FieldEquity, 312500.0},
		{"kr after tkr", "Resultaträkning (tkr)   2025\nSumma intäkter   1 204\fBalansräkning (kr)   2025\nSumma tillgångar   845 000", casefile.FieldTotalAssets, 845000.0},
		// Members by gender or age.
		{"members gender table", "Medlemsstatistik 31 december 2025\n   Kvinnor   Män   Totalt\nAntal medlemmar   64   58   122", casefile.FieldMembersTotal, 122.0},
		{"members gender table summa", "Medlemmar per 2025-12-31\n   Flickor   Pojkar   Summa\nMedlemmar   40   33   73", casefile.FieldMembersTotal, 73.0},
		{"members rows", "Medlemmar vid årets slut\nKvinnor   71\nMän   52\nAlla   123", casefile.FieldMembersTotal, 123.0},
		{"eligible age row", "Medlemmar per ålder\n0–6 år   14\n7–25 år   96\n26–64 år   35\nSumma   145", casefile.FieldMembersEligible, 96.0},
		{"eligible age table total", "Medlemmar per ålder\n   0–6 år   7–25 år   26 år och äldre   Totalt\nAntal   14   96   35   145", casefile.FieldMembersTotal, 145.0},
		{"eligible age table band", "Medlemmar per ålder\n   0–6 år   7–25 år   26 år och äldre   Totalt\nAntal   14   96   35   145", casefile.FieldMembersEligible, 96.0},
		// Eligible members in prose.
		{"varav under 26", "Klubben hade 310 medlemmar, varav 201 under 26 år.", casefile.FieldMembersEligible, 201.0},
		{"mellan och", "Vi var 88 medlemmar. Av dem var 61 mellan 7 och 25 år.", casefile.FieldMembersEligible, 61.0},
		{"i åldern", "Föreningen räknade 150 medlemmar och 97 av dem var i åldern 7–20 år.", casefile.FieldMembersEligible, 97.0},
		{"ungdomar band colon", "Medlemmar totalt: 240\nUngdomar (7–25 år): 180", casefile.FieldMembersEligible, 180.0},
		{"seniors", "Antal medlemmar: 212, varav 190 är 65 år och äldre.", casefile.FieldMembersEligible, 190.0},
		// Membership fee.
		{"fee raised", minutes + "§ 11 Medlemsavgift\nÅrsmötet beslutade att höja avgiften från 300 kr till 350 kr per år.", casefile.FieldMembershipFee, 350.0},
		{"fee unchanged", minutes + "§ 11 Medlemsavgiften för 2027 lämnas oförändrad 250 kr.", casefile.FieldMembershipFee, 250.0},
		{"fee lowered", minutes + "§ 11 Medlemsavgiften sänks från 400 kronor till 320 kronor.", casefile.FieldMembershipFee, 320.0},
		{"several fees", minutes + "§ 11 Medlemsavgifter för 2027 fastställdes: ungdom 150 kr, vuxen 300 kr och familj 600 kr.", casefile.FieldMembershipFee, 300.0},
		{"fee raised decided", minutes + "§ 11 Medlemsavgift\nÅrsmötet beslutade att höja avgiften från 300 kr till 350 kr per år.", casefile.FieldFeeDecided, true},
		// Municipal grants.
		{"grant named kommun", "Resultaträkning   2025\nAktivitetsbidrag Lunds kommun   23 400", casefile.FieldMunicipalGrants, 23400.0},
		{"grant kommunalt", "Resultaträkning   2025\nKommunalt bidrag   9 000", casefile.FieldMunicipalGrants, 9000.0},
		{"grant from the municipality", "Resultaträkning   2025\nBidrag från kommunen   12 000", casefile.FieldMunicipalGrants, 12000.0},
		{"grant föreningsbidrag", "Resultaträkning   2025\nFöreningsbidrag   7 500", casefile.FieldMunicipalGrants, 7500.0},
		{"grant stad", "Resultaträkning   2025\nVerksamhetsbidrag Göteborgs Stad   31 000", casefile.FieldMunicipalGrants, 31000.0},
		{"grant not LOK", "Resultaträkning   2025\nLokalt aktivitetsstöd   14 000\nKommunalt lokalbidrag   6 000", casefile.FieldMunicipalGrants, 6000.0},
		// More layouts.
		{"title joined to year", "Räkenskapsår 2025\nResultaträkning 2024   2025\nSumma intäkter   70 100   75 800", casefile.FieldIncomeTotal, 75800.0},
		{"header on two lines", "Resultaträkning\n   Innevarande   Föregående\n   år   år\nSumma intäkter   75 800   70 100", casefile.FieldIncomeTotal, 75800.0},
		{"members by year rows", "Medlemmar   2024   2025\nKvinnor   60   64\nMän   50   58\nTotalt   110   122", casefile.FieldMembersTotal, 122.0},
		{"age rows gender columns total", "Medlemsstatistik\n   Kvinnor   Män   Totalt\n7–25 år   40   33   73\n26 år och äldre   20   25   45\nTotalt   60   58   118", casefile.FieldMembersTotal, 118.0},
		{"age rows gender columns eligible", "Medlemsstatistik\n   Kvinnor   Män   Totalt\n7–25 år   40   33   73\n26 år och äldre   20   25   45\nTotalt   60   58   118", casefile.FieldMembersEligible, 73.0},
		{"under 21 prose", "Föreningen hade 260 medlemmar. Av medlemmarna var 143 under 21 år.", casefile.FieldMembersEligible, 143.0},
		{"under 7 is not eligible", "Föreningen hade 260 medlemmar, varav 30 under 7 år och 143 i åldern 7–20 år.", casefile.FieldMembersEligible, 143.0},
		{"bidragsberättigade band", "Medlemmar totalt: 98\nBidragsberättigade (7–20 år): 56", casefile.FieldMembersEligible, 56.0},
		{"fee for year", minutes + "§ 12 Avgiften för 2027 blir 300 kr för vuxna och 150 kr för barn.", casefile.FieldMembershipFee, 300.0},
		{"fee raised earlier", minutes + "§ 12 Medlemsavgiften höjs till 400 kr (tidigare 350 kr).", casefile.FieldMembershipFee, 400.0},
		{"grant stad no from", "Resultaträkning   2025\nBidrag Malmö stad   16 000", casefile.FieldMunicipalGrants, 16000.0},
		// Association name in a letterhead.
		{"name heading", "Studentkören Cantabile\nVerksamhetsberättelse 2025\nKören har repeterat varje tisdag.", casefile.FieldAssociationName, "Studentkören Cantabile"},
		{"name heading without kind", "Gamla Stans Bågskyttar\nVerksamhetsberättelse 2025\nVi har tränat varje vecka.", casefile.FieldAssociationName, "Gamla Stans Bågskyttar"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := docOf("x.pdf", splitFF(tt.text)...)
			f, ok := d.Fields[tt.key]
			if !ok {
				t.Fatalf("%s not found (types %v)", tt.key, d.Types)
			}
			if !sameValue(tt.want, f.Value) {
				t.Errorf("%s = %v (%q), want %v", tt.key, f.Value, f.Quote, tt.want)
			}
		})
	}
}

// TestGeneralNotFound lists text that must not give a field.
func TestGeneralNotFound(t *testing.T) {
	tests := []struct {
		name string
		text string
		key  string
	}{
		{"attendance colon", "Protokoll fört vid årsmöte med Segelsällskapet Bris\n§ 2 Närvarande: 50 medlemmar enligt bifogad lista.", casefile.FieldMembersTotal},
		{"attendance verb", "Protokoll fört vid årsmöte med Segelsällskapet Bris\n§ 2 Röstlängd\n50 röstberättigade medlemmar närvarade.", casefile.FieldMembersTotal},
		{"attendance prose", "Protokoll fört vid årsmöte med Segelsällskapet Bris\n§ 2 På mötet deltog 34 medlemmar.", casefile.FieldMembersTotal},
		{"LOK only", "Resultaträkning   2025\nLokalt aktivitetsstöd   14 000\nLOK-stöd   3 000", casefile.FieldMunicipalGrants},
		// The auditor's recommendation is the audit report's; minutes that
		// report it are not the report.
		{"recommendation in minutes", "Protokoll fört vid årsmöte med Segelsällskapet Bris\n§ 8 Revisor läser upp revisionsberättelsen och förordar ansvarsfrihet för styrelsen för 2022 års förvaltning.", casefile.FieldDischargeRecommended},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := docOf("x.pdf", tt.text)
			if f, ok := d.Fields[tt.key]; ok {
				t.Errorf("%s = %v (%q), want none", tt.key, f.Value, f.Quote)
			}
		})
	}
}

// TestGeneralChecks covers false alarms: a refused discharge is a decision,
// and OCR may garble a decision verb by one letter.
func TestGeneralChecks(t *testing.T) {
	const head = "Protokoll fört vid årsmöte med Segelsällskapet Bris\nDatum: 2026-03-02\n"
	refused := head + "§ 7 Resultat- och balansräkningen fastställdes.\n§ 8 Revisionsberättelsen lästes upp och lades till handlingarna.\n§ 9 Årsmötet beslöt att inte bevilja styrelsen ansvarsfrihet.\n§ 10 Medlemsavgiften fastställdes till 200 kr.\n"
	ocr := head + "§ 7 Resultat- och balansräkningen Tastställdes.\n§ 8 Revisionsberättelsen föredrogs och lades till handlingarna.\n§ 9 Styrelsen bevijades ansvarsfrihet för verksamhetsåret.\n§ 10 Medlemsavgiften fastställdes till 200 kr.\n"
	tests := []struct {
		name string
		text string
		ocr  bool
		key  string
		want bool
	}{
		{"refused", refused, false, casefile.FieldDischargeGranted, false},
		{"ocr adopted", ocr, true, casefile.FieldAccountsAdopted, true},
		{"ocr granted", ocr, true, casefile.FieldDischargeGranted, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages := pagesOf(tt.text)
			if tt.ocr {
				pages[0].Source = pdftext.SourceOCR
			}
			doc := DocumentFromPages("protokoll.pdf", pages)
			if f := doc.Fields[tt.key]; f.Value != tt.want {
				t.Errorf("%s = %v (%q), want %v", tt.key, f.Value, f.Quote, tt.want)
			}
			c := AssembleCase("x", []*casefile.Document{doc})
			for _, ch := range c.Checks {
				if ch.Code == casefile.CheckAGMDecisionMissing {
					t.Errorf("unexpected %s: %s", ch.Code, ch.Message)
				}
			}
		})
	}
	t.Run("newly elected chair is no conflict", func(t *testing.T) {
		vb := docOf("vb.pdf", "Verksamhetsberättelse 2025\nSegelsällskapet Bris\nStyrelsen har under året bestått av\nOrdförande: Karin Ölund\nKassör: Per Vik")
		pr := docOf("protokoll.pdf", head+"§ 11 Val av styrelse\nÅrsmötet valde följande styrelse för 2026:\nOrdförande: Maja Strand\nKassör: Per Vik")
		c := AssembleCase("x", []*casefile.Document{vb, pr})
		for _, ch := range c.Checks {
			if ch.Code == casefile.CheckFieldConflict {
				t.Errorf("unexpected %s: %s", ch.Code, ch.Message)
			}
		}
	})
	t.Run("attendance is not membership", func(t *testing.T) {
		vb := docOf("vb.pdf", "Verksamhetsberättelse 2025\nSegelsällskapet Bris hade 212 medlemmar vid årets slut.")
		pr := docOf("protokoll.pdf", head+"§ 2 Närvarande: 50 medlemmar.\n§ 3 Röstlängden fastställdes till 48 röstberättigade medlemmar.")
		c := AssembleCase("x", []*casefile.Document{vb, pr})
		for _, ch := range c.Checks {
			if ch.Code == casefile.CheckMembersMismatch {
				t.Errorf("unexpected %s: %s", ch.Code, ch.Message)
			}
		}
	})
}

// TestGeneralMemberCounts covers counts beside the membership that are not
// it: the count at the start of the year, new members and resignations, a
// section's members. None of them is the total, and none makes the
// documents disagree.
func TestGeneralMemberCounts(t *testing.T) {
	const vb = "Verksamhetsberättelse 2025\nSegelsällskapet Bris\n"
	tests := []struct {
		name, text string
		want       float64
	}{
		{"start and end of year", vb + "Vid årets början hade klubben 118 medlemmar och vid årets slut 130 medlemmar.", 130},
		{"change rows", vb + "Medlemsutveckling\nMedlemmar 1 januari   118\nNya medlemmar   20\nUtträden   8\nMedlemmar 31 december   130", 130},
		{"section", vb + "Medlemmar\nKlubben hade 130 medlemmar.\nJuniorsektionen\nSektionen hade 45 medlemmar och 12 ledare.", 130},
		{"new members in prose", vb + "Under året tillkom 20 nya medlemmar och vid årets slut hade klubben 130 medlemmar.", 130},
		{"paying members", vb + "Klubben hade 130 betalande medlemmar och 12 hedersmedlemmar.", 130},
		{"number of members was", vb + "Antalet medlemmar var 130 jämfört med 118 året innan.", 130},
		{"households and members", vb + "Klubben har 85 medlemsfamiljer med totalt 230 medlemmar.", 230},
		{"year in parentheses", vb + "Medlemsantal 2025: 130 (2024: 118)", 130},
		{"year labels", vb + "Antal medlemmar 2024: 118. Antal medlemmar 2025: 130.", 130},
		{"average attendance", vb + "Klubben hade 130 medlemmar. Träningarna samlade i genomsnitt 25 medlemmar.", 130},
		{"the board", vb + "Klubben hade 130 medlemmar. Styrelsen har bestått av 7 medlemmar.", 130},
		{"the board says", vb + "Styrelsen konstaterar att föreningen har 130 medlemmar.", 130},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := AssembleCase("x", []*casefile.Document{docOf("vb.pdf", tt.text)})
			if got := c.Fields[casefile.FieldMembersTotal].Value; !sameValue(tt.want, got) {
				t.Errorf("members_total = %v, want %v", got, tt.want)
			}
			for _, ch := range c.Checks {
				if ch.Code == casefile.CheckMembersMismatch {
					t.Errorf("unexpected %s: %s", ch.Code, ch.Message)
				}
			}
		})
	}
}

// TestGeneralDecisionWordings covers ways minutes record the four
// decisions, in Swedish and English: none of them may raise
// agm_decision_missing.
func TestGeneralDecisionWordings(t *testing.T) {
	const head = "Protokoll fört vid årsmöte med Segelsällskapet Bris\nDatum: 2026-03-02\n"
	const en = "Minutes of the Annual General Meeting of Sailing Club Bris\nDate: 2026-03-02\n"
	tests := []struct{ name, text string }{
		{"headings then decisions", head + "§ 7 Fastställande av resultat- och balansräkning\nÅrsmötet beslutade att fastställa resultat- och balansräkningen.\n§ 8 Revisorernas berättelse\nRevisorernas berättelse föredrogs.\n§ 9 Fråga om ansvarsfrihet för styrelsen\nÅrsmötet beslutade enhälligt att bevilja styrelsen ansvarsfrihet.\n§ 10 Fastställande av medlemsavgift\nÅrsmötet beslutade att medlemsavgiften ska vara oförändrad, 200 kr per år."},
		{"att clauses", head + "§ 7 Årsmötet beslöt\natt fastställa resultat- och balansräkningen för 2025\natt lägga revisionsberättelsen till handlingarna\natt bevilja styrelsen ansvarsfrihet för 2025\natt medlemsavgiften för 2027 ska vara 200 kr"},
		{"read and took note", head + "§ 7 Årsmötet godkände resultat- och balansräkningen.\n§ 8 Revisor Eva Berg läste revisionsberättelsen och årsmötet tog del av den.\n§ 9 Mötet gav styrelsen ansvarsfrihet.\n§ 10 Avgiften lämnas oförändrad."},
		{"present tense", head + "§ 7 Årsmötet fastställer resultat- och balansräkningen.\n§ 8 Årsmötet tar del av revisionsberättelsen.\n§ 9 Årsmötet beviljar styrelsen ansvarsfrihet.\n§ 10 Årsmötet fastställer medlemsavgiften till 200 kr."},
		{"granted by assent", head + "§ 7 Kassörens rapport och bokslutet godkändes.\n§ 8 Revisorernas berättelse bifölls.\n§ 9 Ordföranden frågade om mötet kunde bevilja styrelsen ansvarsfrihet, vilket besvarades med ja.\n§ 10 Medlemsavgiften fastställs till 100 kr för vuxna och 50 kr för barn."},
		{"table of decisions", head + "Punkt   Ärende   Beslut\n7   Resultat- och balansräkning   Fastställdes\n8   Revisionsberättelse   Lades till handlingarna\n9   Ansvarsfrihet för styrelsen   Beviljades\n10   Medlemsavgift   200 kr, oförändrad"},
		{"english", en + "7. The income statement and balance sheet were adopted.\n8. The auditor's report was presented.\n9. The board was granted discharge from liability for 2025.\n10. The membership fee for 2027 was set at SEK 200."},
		{"english plain", en + "7. The meeting approved the financial report.\n8. The auditors' report was read and placed on file.\n9. The board was discharged.\n10. The meeting voted to keep the fee at SEK 100."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := AssembleCase("x", []*casefile.Document{docOf("protokoll.pdf", tt.text)})
			for _, ch := range c.Checks {
				if ch.Code == casefile.CheckAGMDecisionMissing {
					t.Errorf("unexpected %s: %s", ch.Code, ch.Message)
				}
			}
		})
	}
}
