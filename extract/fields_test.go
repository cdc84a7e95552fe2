package extract

import (
	"testing"

	"arsflow/extract/casefile"
	"arsflow/extract/pdftext"
)

// Hand-made wordings, deliberately unlike the corpus generator's.
func TestFieldWordings(t *testing.T) {
	const minutesHead = "Protokoll fört vid årsmöte med Roddklubben Vågen\n"
	const auditHead = "Revisionsberättelse\nTill årsmötet i Roddklubben Vågen\nVi har granskat räkenskaperna och styrelsens förvaltning.\n"
	tests := []struct {
		name string
		text string
		key  string
		want any
	}{
		// Org number and name.
		{"org labelled", "Årsredovisning för Idrottsföreningen Friskis&Svettis Lidingö 813600-2337\nRäkenskapsåret 2021", casefile.FieldOrgNumber, "813600-2337"},
		{"org nr colon", "Org nr: 8136002337", casefile.FieldOrgNumber, "813600-2337"},
		{"name in title", "Årsredovisning för Idrottsföreningen Friskis&Svettis Lidingö 813600-2337\nRäkenskapsåret 2021", casefile.FieldAssociationName, "Idrottsföreningen Friskis&Svettis Lidingö"},
		{"costs in English prose after income", "Annual report 2023\nStockholm Go Club\nIncome was SEK 20,500 and expenses SEK 9,000, a surplus of SEK 11,500.", casefile.FieldCostsTotal, 9000.0},
		{"name to the members", "Revisionsberättelse\nTill medlemmarna i Tallby Schackklubb\nVi har granskat räkenskaperna och styrelsens förvaltning för 2023.", casefile.FieldAssociationName, "Tallby Schackklubb"},
		{"name to the meeting", "Revisionsberättelse\nTill årsmötet i Hembygdsföreningen Gamla Gården, org.nr 802400-1234", casefile.FieldAssociationName, "Hembygdsföreningen Gamla Gården"},
		// Fiscal years.
		{"K1 range", "Förenklat årsbokslut för räkenskapsåret 2024-01-01–2024-12-31", casefile.FieldFiscalYearStart, "2024-01-01"},
		{"missing dash", "verksamhetsåret 1 januari 31 december 2012", casefile.FieldFiscalYearEnd, "2012-12-31"},
		{"broken year", "Räkenskapsår 1 juli 2023 – 30 juni 2024", casefile.FieldFiscalYearStart, "2023-07-01"},
		{"broken year end", "Perioden 2023-05-01 till 2024-04-30", casefile.FieldFiscalYearEnd, "2024-04-30"},
		{"compact dates", "Årsredovisning\nRoddklubben Vågen\nRäkenskapsår 20230101–20231231", casefile.FieldFiscalYearEnd, "2023-12-31"},
		{"year and month in four digits", "Resultatrapport\nRoddklubben Vågen\nRäkenskapsår: 2307-2406\nSumma intäkter   20 500", casefile.FieldFiscalYearEnd, "2024-06-30"},
		{"bare year", "Verksamhetsberättelse för verksamhetsåret 2022", casefile.FieldFiscalYearEnd, "2022-12-31"},
		// Members.
		{"members per date", "Per den 31 december 2021 hade föreningen 2 942 medlemmar.", casefile.FieldMembersTotal, 2942.0},
		{"members varav", "Föreningen hade vid verksamhetsårets slut 262 medlemmar varav 196 huvudmedlemmar och 66 familjemedlemmar.", casefile.FieldMembersTotal, 262.0},
		{"members label", "Antal medlemmar: 48", casefile.FieldMembersTotal, 48.0},
		{"members grew", "Medlemsantalet steg från 120 till 134 under året.", casefile.FieldMembersTotal, 134.0},
		{"members minimum rule", "Kravet är minst 25 medlemmar. Vi är nu 31 medlemmar.", casefile.FieldMembersTotal, 31.0},
		{"eligible explicit", "Bidragsberättigade medlemmar: 77", casefile.FieldMembersEligible, 77.0},
		{"eligible varav age", "Klubben har 140 medlemmar, varav 95 i åldern 7–20 år.", casefile.FieldMembersEligible, 95.0},
		{"members then last year's in parentheses", "Per den 31 december 2025 hade klubben 297 medlemmar (2024: 281).", casefile.FieldMembersTotal, 297.0},
		{"eligible band over a line break", "Klubben hade 297 medlemmar. 224 av medlemmarna var i åldern\n7–25 år.", casefile.FieldMembersEligible, 224.0},
		{"eligible or younger", "Kören hade totalt 64 medlemmar, varav 58\nvar 25 år eller yngre.", casefile.FieldMembersEligible, 58.0},
		{"eligible turned 65", "Antalet medlemmar uppgick till 412 (398), varav 371 har fyllt 65 år.", casefile.FieldMembersEligible, 371.0},
		{"eligible turned 7 not 21", "Klubben hade 120 medlemmar, varav 80 hade fyllt 7 men inte 21 år.", casefile.FieldMembersEligible, 80.0},
		{"member table open band is no total", "Medlemmar\nÅlder   Kvinnor   Män   Totalt\n7–25 år   181   84   265\n65 år –   7   2   9\nTotalt   253   121   374", casefile.FieldMembersTotal, 374.0},
		{"name genitive in -as", "Protokoll fört vid MC-klubben Rundbanas årsmöte 2020", casefile.FieldAssociationName, "MC-klubben Rundbana"},
		{"name genitive of a klubb", "Protokoll fört vid Gråbo Ridklubbs årsmöte 2021", casefile.FieldAssociationName, "Gråbo Ridklubb"},
		{"name ending in ås is no genitive", "Verksamhetsberättelse för IFK Västerås\nStyrelsen avger följande berättelse.", casefile.FieldAssociationName, "IFK Västerås"},
		{"name with för inside", "Ordinarie föreningsstämma 2026\nSällskapet för Gamla Vänners Kamratskap (SGVK)\nDatum: 2026-02-28", casefile.FieldAssociationName, "Sällskapet för Gamla Vänners Kamratskap"},
		{"name with a year in the letterhead", "Verksamhetsberättelse\nTallbackens Ridklubb år 2021\nÅret var klubbens 40:e verksamhetsår.", casefile.FieldAssociationName, "Tallbackens Ridklubb"},
		{"name before för and the period", "Verksamhetsberättelse för Tallbackens Ridklubb för verksamhetsåret 2021", casefile.FieldAssociationName, "Tallbackens Ridklubb"},
		{"grant in a list item over two lines", "Verksamhetsberättelse 2022\nSponsorer & bidrag:\n-   Vi sökte utvecklingsbidrag från Tallby Kommun för keramikverksamhet och fick det\n      beviljat med 12000 kr", casefile.FieldMunicipalGrants, 12000.0},
		{"name wraps after the title", "Revisionsberättelse för Studentkören\nCantabile\nOrganisationsnummer: 802873-4450", casefile.FieldAssociationName, "Studentkören Cantabile"},
		{"members with the active ones", "Vid årets slut hade klubben 318 medlemmar, varav 201 under 26 år. 143 medlemmar är aktiva i lagverksamheten.", casefile.FieldMembersTotal, 318.0},
		{"members labelled with the date", "Verksamhetsberättelse 2023\nMedlemsantal per 2023-12-31: 87\nStyrelsen har haft sex möten.", casefile.FieldMembersTotal, 87.0},
		{"members labelled with the date, then a part", "Verksamhetsberättelse 2023\nMedlemsantal 2023-12-31: 87 (varav 40 kvinnor)\nStyrelsen har haft sex möten.", casefile.FieldMembersTotal, 87.0},
		{"eligible av vilka", "Medlemsantalet uppgick till 60 personer, av vilka 52 var 65 år och äldre.", casefile.FieldMembersEligible, 52.0},
		// Fee.
		{"fee set", minutesHead + "§ 9 Medlemsavgiften fastställdes till 100 kronor för 2021.", casefile.FieldMembershipFee, 100.0},
		{"fee colon dash", minutesHead + "§ 9 Årsavgift för 2025: 250:- per medlem, beslutades enhälligt.", casefile.FieldMembershipFee, 250.0},
		{"fee kept", minutesHead + "§ 9 Mötet beslöt att behålla nuvarande medlemsavgift (175 kr).", casefile.FieldMembershipFee, 175.0},
		{"fee stated in a plan", "Verksamhetsplan 2026\nMedlemsavgiften för 2025 är fortsatt 600 kr.", casefile.FieldMembershipFee, 600.0},
		{"meeting date from the agenda", "Verksamhetsberättelse för 2017\nKlubben hade ett bra år.\n\f\nDagordning vid årsmötet 2018\nTid: Lördag 17 februari 2018 kl 10 00.\nPlats: Klubblokalen.\n1. Mötets öppnande", casefile.FieldAnnualMeetingDate, "2018-02-17"},
		{"eligible aged in English", "Annual Report 2023\nAt the end of the year the society had 134 members, of whom 61 were aged 7-25.", casefile.FieldMembersEligible, 61.0},
		{"eligible years in English", "Annual Report 2023\nThe club had 90 members; 40 of the members were 7 to 25 years old.", casefile.FieldMembersEligible, 40.0},
		{"grant from a named municipality", "Income statement   2023   2022\nGrant from Uppsala municipality   40,000   38,000", casefile.FieldMunicipalGrants, 40000.0},
		{"equity row in English", "Balance sheet   2023-12-31   2022-12-31\nTotal assets   88,300   65,800\nEquity   80,300   57,800\nLiabilities   8,000   8,000", casefile.FieldEquity, 80300.0},
		// Income statement rows, with columns and signs.
		{"income total", "Resultaträkning   2024   2023\nTotala intäkter   412 300   398 000", casefile.FieldIncomeTotal, 412300.0},
		{"income previous first", "Resultaträkning   2023   2024\nIntäkter totalt   398 000   412 300", casefile.FieldIncomeTotal, 412300.0},
		{"costs negative", "Resultaträkning   2024   2023\nSumma kostnader   -405 000   -390 000", casefile.FieldCostsTotal, 405000.0},
		{"costs with note", "Resultaträkning   Not   2024   2023\nSumma rörelsens kostnader   3   205 000   190 000", casefile.FieldCostsTotal, 205000.0},
		{"deficit positive", "Resultaträkning   2024   2023\nÅrets underskott   12 500   3 000", casefile.FieldResult, -12500.0},
		{"result parentheses", "Resultaträkning   2024   2023\nÅrets resultat   (12 500)   3 000", casefile.FieldResult, -12500.0},
		{"result unicode minus", "Resultaträkning   2024   2023\nÅrets resultat   −7 300   1 200", casefile.FieldResult, -7300.0},
		{"result after fin", "Resultat efter finansiella poster   15 750", casefile.FieldResult, 15750.0},
		{"result over/under", "Årets över-/underskott   -2 000", casefile.FieldResult, -2000.0},
		{"result prose", "Föreningen redovisar ett underskott på 8 400 kr för året.", casefile.FieldResult, -8400.0},
		{"result prose surplus", "Verksamheten gick med överskott om 12 000 kronor.", casefile.FieldResult, 12000.0},
		{"tkr", "Resultaträkning (tkr)   2024   2023\nSumma intäkter   12,5   11,0", casefile.FieldIncomeTotal, 12500.0},
		{"tkr header", "Alla belopp i tusentals kronor\nSumma tillgångar   1 250   1 100", casefile.FieldTotalAssets, 1250000.0},
		{"dots", "Summa intäkter   1.234.567", casefile.FieldIncomeTotal, 1234567.0},
		{"budget column", "Resultaträkning   Budget 2025   Utfall 2024   Utfall 2023\nSumma intäkter   300 000   287 400   250 000", casefile.FieldIncomeTotal, 287400.0},
		{"prev in parens prose", "Uppgifter inom parentes avser föregående år.\nÅrets resultat blev 4 100 kr (−2 300 kr).", casefile.FieldResult, 4100.0},
		// Balance sheet.
		{"assets", "Balansräkning   2024-12-31   2023-12-31\nSumma tillgångar   96 300   88 000", casefile.FieldTotalAssets, 96300.0},
		{"equity", "Summa eget kapital   83 550\nSumma eget kapital och skulder   108 300", casefile.FieldEquity, 83550.0},
		{"equity K2", "Eget kapital vid räkenskapsårets slut   64 000", casefile.FieldEquity, 64000.0},
		{"equity negative", "Summa eget kapital   −3 200", casefile.FieldEquity, -3200.0},
		// Municipal grants.
		{"grant row", "Kommunalt aktivitetsstöd   18 000", casefile.FieldMunicipalGrants, 18000.0},
		{"grant named kommun", "Bidrag från Kumla kommun   22 500", casefile.FieldMunicipalGrants, 22500.0},
		{"grant sum rows", "Resultaträkning   2024\nKommunalt aktivitetsbidrag   10 000\nKommunalt lokalbidrag   5 000", casefile.FieldMunicipalGrants, 15000.0},
		// People.
		{"chair colon", "Styrelse\nOrdförande: Anna-Karin Ström\nKassör: Lars af Klint", casefile.FieldChair, "Anna-Karin Ström"},
		{"treasurer particle", "Styrelse\nOrdförande: Anna-Karin Ström\nKassör: Lars af Klint", casefile.FieldTreasurer, "Lars af Klint"},
		{"name then role", "Styrelsen har bestått av Eva Berg (ordf.), Omar Haddad (kassör) och Li Wang (sekr.).", casefile.FieldTreasurer, "Omar Haddad"},
		{"meeting chair is not chair", "Till mötesordförande valdes Bo Ek.\nFöreningens ordförande Siv Lund hälsade välkommen.", casefile.FieldChair, "Siv Lund"},
		{"signature columns", "Göteborg den 2 mars 2025\n\nSiv Lund            Bo Andersson\nOrdförande          Kassör", casefile.FieldTreasurer, "Bo Andersson"},
		{"auditor signature", auditHead + "Vi tillstyrker ansvarsfrihet.\nKarl Holm\nAuktoriserad revisor", casefile.FieldAuditor, "Karl Holm"},
		// Discharge and decisions.
		{"tillstyrker", auditHead + "Vi tillstyrker att styrelsens ledamöter beviljas ansvarsfrihet för räkenskapsåret.", casefile.FieldDischargeRecommended, true},
		{"föreslår", auditHead + "Jag föreslår att årsmötet beviljar styrelsen ansvarsfrihet.", casefile.FieldDischargeRecommended, true},
		{"avstyrker", auditHead + "Revisorerna avstyrker ansvarsfrihet för styrelsen.", casefile.FieldDischargeRecommended, false},
		{"skäl att inte", auditHead + "Det finns skäl för att inte tillstyrka ansvarsfrihet.", casefile.FieldDischargeRecommended, false},
		{"kan inte tillstyrka", auditHead + "Jag kan inte tillstyrka att styrelsen beviljas ansvarsfrihet.", casefile.FieldDischargeRecommended, false},
		{"granted past", minutesHead + "§ 10 Styrelsen beviljades ansvarsfrihet för verksamhetsåret 2022.", casefile.FieldDischargeGranted, true},
		{"granted question", minutesHead + "§ 10 Fråga om styrelsens ansvarsfrihet för 2022 års förvaltning besvaras med ja.", casefile.FieldDischargeGranted, true},
		{"granted inverted", minutesHead + "§ 10 Enligt revisorernas förslag beslutade stämman att bevilja styrelsen ansvarsfrihet.", casefile.FieldDischargeGranted, true},
		{"not granted", minutesHead + "§ 10 Årsmötet beslöt att inte bevilja styrelsen ansvarsfrihet.", casefile.FieldDischargeGranted, false},
		{"tabled", minutesHead + "§ 10 Frågan om ansvarsfrihet bordlades till ett extra årsmöte.", casefile.FieldDischargeGranted, false},
		{"accounts adopted", minutesHead + "§ 7 Resultat- och balansräkning för år 2022 presenteras och godkänns.", casefile.FieldAccountsAdopted, true},
		{"accounts fastställdes", minutesHead + "§ 7 Årsmötet fastställde resultaträkningen och balansräkningen.", casefile.FieldAccountsAdopted, true},
		{"accounts not adopted", minutesHead + "§ 7 Balansräkningen fastställdes inte.", casefile.FieldAccountsAdopted, false},
		{"grant: the municipality granted", "Verksamhetsberättelse 2023\nRoddklubben Vågen\nKommunen beviljade oss 12 000 kr i aktivitetsstöd.", casefile.FieldMunicipalGrants, 12000.0},
		{"grant: amount before its source", "Verksamhetsberättelse 2023\nRoddklubben Vågen\nVi fick 12 000 kr i bidrag från kommunen.", casefile.FieldMunicipalGrants, 12000.0},
		{"grant: English prose", "Annual report 2023\nStockholm Go Club\nThe municipality granted us 12 000 SEK in activity support.", casefile.FieldMunicipalGrants, 12000.0},
		{"discharge resolved, English", "Minutes of the Annual General Meeting of Stockholm Go Club\n§1 The meeting was opened.\n§2 Karin Dahl was elected chair of the meeting.\n§7 The meeting resolved to discharge the board from liability.", casefile.FieldDischargeGranted, true},
		{"the treasurer's report approved", minutesHead + "§ 4 Mötet öppnades.\n§ 7 Kassörens rapport godkändes och lades till handlingarna.", casefile.FieldAccountsAdopted, true},
		{"accounts decided as proposed", minutesHead + "§ 4 Mötet öppnades.\n§ 7 Fastställande av resultat- och balansräkning\nÅrsmötet beslutade enligt förslaget.", casefile.FieldAccountsAdopted, true},
		{"the auditor's report presented", minutesHead + "§ 4 Mötet öppnades.\n§ 8 Revisorns rapport föredrogs.", casefile.FieldAuditReportPresented, true},
		{"fees under a heading of their own", minutesHead + "§ 4 Mötet öppnades.\n§ 9 Avgifter 2025\nStyrelsens förslag om oförändrade avgifter godkändes.", casefile.FieldFeeDecided, true},
		{"audit presented", minutesHead + "§ 8 Revisionsberättelsen lades därefter till handlingarna (bilaga 4).", casefile.FieldAuditReportPresented, true},
		{"fee decided", minutesHead + "§ 11 Medlemsavgiften fastställdes till 100 kronor för 2021.", casefile.FieldFeeDecided, true},
		{"fee missing", minutesHead + "§ 11 Inga övriga frågor.", casefile.FieldFeeDecided, false},
		{"meeting date", minutesHead + "Datum: den 14 mars 2025\nPlats: Klubbhuset", casefile.FieldAnnualMeetingDate, "2025-03-14"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := docOf("x.pdf", tt.text)
			f, ok := d.Fields[tt.key]
			if !ok {
				t.Fatalf("%s not found (types %v)", tt.key, d.Types)
			}
			if !sameValue(tt.want, f.Value) {
				t.Errorf("%s = %v (%q), want %v", tt.key, f.Value, f.Quote, tt.want)
			}
			if f.File != "x.pdf" || f.Page != 1 || f.Quote == "" || f.BBox == nil || f.Confidence <= 0 || f.Confidence > 1 {
				t.Errorf("%s: incomplete evidence %+v", tt.key, f.Candidate)
			}
		})
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"activity", "Verksamhetsberättelse 2024\nUnder året har klubben haft träningar.", []string{casefile.TypeActivityReport}},
		{"activity and management", "Verksamhets- och förvaltningsberättelse för 2006\nStyrelsen har under året", []string{casefile.TypeActivityReport}},
		{"accounts", "Ekonomisk berättelse\nResultaträkning\nSumma intäkter 10 000", []string{casefile.TypeAnnualAccounts}},
		{"bokslut", "Årsbokslut 2024\nSumma tillgångar 5 000", []string{casefile.TypeAnnualAccounts}},
		{"audit", "Revisionsberättelse\nJag har granskat årsredovisningen och tillstyrker ansvarsfrihet.", []string{casefile.TypeAuditReport}},
		{"minutes", "Årsmötesprotokoll\n§ 1 Mötets öppnande\n§ 2 Val av justerare\n§ 8 Revisionsberättelse\nRevisionsberättelsen lästes upp.\n§ 9 Resultat- och balansräkning\nResultat- och balansräkningen fastställdes.", []string{casefile.TypeAGMMinutes}},
		{"members", "Medlemsförteckning 2024\nNamn Födelseår", []string{casefile.TypeMembershipReport}},
		{"combined", "Verksamhetsberättelse 2024\nUnder året...\fResultaträkning\nSumma intäkter 100\fRevisionsberättelse\nJag har granskat räkenskaperna.", []string{casefile.TypeActivityReport, casefile.TypeAnnualAccounts, casefile.TypeAuditReport}},
		{"other", "Inbjudan till sommarfest", []string{casefile.TypeOther}},
		{"activity under no heading", "Verksamhetsåret 2023\nStyrelsen har under året bestått av ordförande Anna Berg och kassör Per Ek.\nUnder året har föreningen genomfört tre tävlingar och ett läger.", []string{casefile.TypeActivityReport}},
		{"a plan reads alike but names itself", "Verksamhetsplan 2024\nUnder året ska föreningen genomföra tre tävlingar.\nAktiviteter för unga prioriteras.", []string{casefile.TypeOther}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := DocumentFromPages("x.pdf", pagesOf(splitFF(tt.text)...))
			if !equalStrings(d.Types, tt.want) {
				t.Errorf("types = %v, want %v", d.Types, tt.want)
			}
		})
	}
}

func splitFF(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\f' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestOCRRepairs(t *testing.T) {
	pages := pagesOf("Revisionsberättelse\nJag har granskat räkenskaperna för\nräkenskapsåret | januari 31 december 2025.\nJag tillstyrker ansvarsfrihet.\nTallmo den 22 februari 2026\nON\nMagnus Lundgren\n\" Av föreningen vald revisor")
	pages[0].Source = pdftext.SourceOCR
	d := DocumentFromPages("scan.pdf", pages)
	if f := d.Fields[casefile.FieldFiscalYearStart]; f.Value != "2025-01-01" {
		t.Errorf("fiscal_year_start = %v", f.Value)
	}
	for _, ch := range AssembleCase("scan", []*casefile.Document{d}).Checks {
		if ch.Code == casefile.CheckUnsigned {
			t.Errorf("signature block not recognised: %s", ch.Message)
		}
	}
}

func TestMoreWordings(t *testing.T) {
	const auditHead = "Revisionsberättelse\nTill årsmötet i Roddklubben Vågen\nVi har granskat räkenskaperna.\n"
	tests := []struct {
		name string
		text string
		key  string
		want any
	}{
		{"members colon", "Medlemmar 2024: 145", casefile.FieldMembersTotal, 145.0},
		{"fiscal colon", "Räkenskapsår: 2024", casefile.FieldFiscalYearEnd, "2024-12-31"},
		{"bare underskott", "Resultaträkning   2024\nUnderskott   4 200", casefile.FieldResult, -4200.0},
		{"statute then decision", auditHead + "Revisorn ska uttala om ansvarsfrihet tillstyrks eller avstyrks.\nJag tillstyrker att styrelsen beviljas ansvarsfrihet.", casefile.FieldDischargeRecommended, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := docOf("x.pdf", tt.text)
			f, ok := d.Fields[tt.key]
			if !ok || !sameValue(tt.want, f.Value) {
				t.Errorf("%s = %v (%q), want %v", tt.key, f.Value, f.Quote, tt.want)
			}
		})
	}
}

func TestOCRWordRepairs(t *testing.T) {
	word := func(s string, x float64) pdftext.Word {
		return pdftext.Word{Text: s, BBox: pdftext.BBox{X0: x, Y0: 700, X1: x + 6*float64(len(s)), Y1: 710}}
	}
	line := func(ws ...pdftext.Word) pdftext.Line {
		l := pdftext.Line{Words: ws, BBox: pdftext.BBox{X0: ws[0].BBox.X0, Y0: 700, X1: ws[len(ws)-1].BBox.X1, Y1: 710}}
		for i, w := range ws {
			if i > 0 {
				l.Text += " "
			}
			l.Text += w.Text
		}
		return l
	}
	page := pdftext.Page{Number: 1, Source: pdftext.SourceOCR, Lines: []pdftext.Line{
		line(word("Räkenskapsåret", 50), word("|", 140), word("januari", 150), word("31", 200), word("december", 215), word("2025", 270)),
		line(word("Resultaträkning", 50), word("2025", 300), word("2024", 400)),
		// One space in the text between the columns; the word boxes keep them apart.
		line(word("Summa", 50), word("intäkter", 90), word("246", 290), word("506", 312), word("257", 390), word("575", 412)),
	}}
	d := DocumentFromPages("scan.pdf", []pdftext.Page{page})
	if f := d.Fields[casefile.FieldIncomeTotal]; f.Value != 246506.0 {
		t.Errorf("income_total = %v (%q)", f.Value, f.Quote)
	}
	if f := d.Fields[casefile.FieldFiscalYearStart]; f.Value != "2025-01-01" {
		t.Errorf("fiscal_year_start = %v", f.Value)
	}
}

func TestFieldInfos(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range casefile.FieldInfos {
		t.Run(f.Key, func(t *testing.T) {
			if seen[f.Key] {
				t.Errorf("%s listed twice", f.Key)
			}
			seen[f.Key] = true
			if f.Label == "" || f.Name == "" || f.Kind == "" {
				t.Errorf("incomplete: %+v", f)
			}
			if got, ok := casefile.LookupField(f.Key); !ok || got != f {
				t.Errorf("LookupField(%q) = %+v, %v", f.Key, got, ok)
			}
		})
	}
	if casefile.FieldLabel("okänd") != "okänd" || casefile.FieldName("okänd") != "okänd" {
		t.Error("an unknown key is not named by itself")
	}
	if got := casefile.FieldName(casefile.FieldIncomeTotal); got != "summa intäkter" {
		t.Errorf("FieldName(income_total) = %q", got)
	}
}

// TestFiscalYearNotAfterMeeting: minutes speak of the coming year too, but
// the year a meeting reports on has ended before it.
func TestFiscalYearNotAfterMeeting(t *testing.T) {
	minutes := docOf("protokoll.pdf", "Protokoll fört vid Tallbackens Scoutkårs ordinarie kårstämma 2013-04-11\n"+
		"§ 8 Verksamhetsberättelsen för verksamhetsåret 2012 godkändes.\n"+
		"§ 11 Medlemsavgiften för verksamhetsåret 2013 beslutades till oförändrad.\n"+
		"§ 12 Verksamhetsplan för verksamhetsåret 2013 fastställdes.\n"+
		"§ 13 Budget för verksamhetsåret 2013 fastställdes.\n")
	c := AssembleCase("x", []*casefile.Document{minutes})
	if got := c.Fields[casefile.FieldAnnualMeetingDate].Value; got != "2013-04-11" {
		t.Fatalf("annual_meeting_date = %v, want 2013-04-11", got)
	}
	if got := c.Fields[casefile.FieldFiscalYearEnd].Value; got != "2012-12-31" {
		t.Errorf("fiscal_year_end = %v, want 2012-12-31", got)
	}
}

// TestFieldsNotRead: wordings that name a field's word but not its value.
func TestFieldsNotRead(t *testing.T) {
	tests := []struct {
		name, text, key string
	}{
		{"fees as income in a report", "Verksamhetsberättelse 2025\nIntäkterna från medlemsavgifterna uppgick till 14 010 kr.", casefile.FieldMembershipFee},
		{"fees as an income row", "Verksamhetsberättelse 2025\nResultaträkning   2025   2024\nMedlemsavgifter   14 010   12 172", casefile.FieldMembershipFee},
		{"another fee stated", "Verksamhetsplan 2026\nKanothyran är 400 kr per säsong.", casefile.FieldMembershipFee},
		{"last year's fee in the report", "Verksamhetsberättelse 2025\nMedlemsavgiften var 150 kr per person.", casefile.FieldMembershipFee},
		{"a giro number near the fiscal year", "Verksamhetsberättelse\nFöreningen har bankgiro 0105-0112 sedan verksamhetsåret började.", casefile.FieldFiscalYearStart},
		{"years, not months", "Verksamhetsberättelse\nVerksamhetsåret 2001-2012 var bra.", casefile.FieldFiscalYearStart},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if f, ok := docOf("x.pdf", tt.text).Fields[tt.key]; ok {
				t.Errorf("%s = %v (%q), want none", tt.key, f.Value, f.Quote)
			}
		})
	}
}
