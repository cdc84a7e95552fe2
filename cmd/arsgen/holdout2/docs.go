package main

import (
	"fmt"
	"strings"
	"time"
)

// Style varies wording per case; each field picks one of a few phrasings.
type Style struct {
	VB       int // activity report: 0 newsletter, 1 members table, 2 prose, 3 plain list
	Grouped  bool
	Notes    bool
	IncTot   string
	CostTot  string
	ResLabel string
	AccTitle string
	LongAR   bool // long standard audit report
	Minutes  int  // 0..3 decision wording
	ESign    int  // 0 none, 1 BankID, 2 Assently, 3 Scrive-like verification
	Date     int  // meeting date: 0 long, 1 ISO, 2 slash
}

func (c *Case) board() Table {
	rows := [][]string{{"Ordförande", c.Chair}, {"Kassör", c.Treasurer}, {"Sekreterare", c.Secr}}
	for _, o := range c.Others {
		rows = append(rows, []string{"Ledamot", o})
	}
	return Table{Rows: rows, Text: true}
}

func (c *Case) fyText() string {
	if strings.HasSuffix(c.FYStart, "01-01") && strings.HasSuffix(c.FYEnd, "12-31") {
		return "1 januari – 31 december " + c.FYEnd[:4]
	}
	return longDate(c.FYStart) + " – " + longDate(c.FYEnd)
}

func (c *Case) esign(s Style, who []string, date string) []Block {
	switch s.ESign {
	case 1:
		return []Block{Small("Dokumentet är signerat med BankID av " + strings.Join(who, ", ") + ".")}
	case 2:
		var out []Block
		for i, w := range who {
			out = append(out, Small(fmt.Sprintf("Signerat av %s via Assently %s %02d:%02d", w, date, 9+i, 14+7*i)))
		}
		return out
	case 3:
		return []Block{Small("Verifikat: transaktion 09222115557" + fmt.Sprint(len(c.Name)) + " · signerat elektroniskt med e-legitimation av " + strings.Join(who, " och "))}
	}
	return nil
}

// before returns the ISO date n days before the annual meeting.
func (c *Case) before(n int) string {
	t, err := time.Parse("2006-01-02", c.MeetingDate)
	if err != nil {
		panic(err)
	}
	return t.AddDate(0, 0, -n).Format("2006-01-02")
}

func plainKr(v int64) string {
	if v < 0 {
		v = -v
	}
	return group(v, " ") + " kr"
}

// activityReport builds the verksamhetsberättelse.
func (c *Case) activityReport(s Style) []Block {
	endShort := slashDate(c.FYEnd)
	endShort = endShort[:strings.LastIndex(endShort, " ")]
	var bl []Block
	bl = append(bl, H1("Verksamhetsberättelse "+c.YearLabel))
	bl = append(bl, P(fmt.Sprintf("Styrelsen för %s, organisationsnummer %s, avger härmed sin berättelse för verksamhetsåret %s.", c.Name, c.Org, c.fyText())))
	bl = append(bl, H2("Styrelsen"))
	switch s.VB {
	case 2:
		others := "ledamöterna " + strings.Join(c.Others, ", ")
		if len(c.Others) == 1 {
			others = "ledamoten " + c.Others[0]
		}
		bl = append(bl, P(fmt.Sprintf("Styrelsen har under året bestått av %s (ordförande), %s (kassör), %s (sekreterare) samt %s. Styrelsen har haft nio protokollförda möten.", c.Chair, c.Treasurer, c.Secr, others)))
		bl = append(bl, P(fmt.Sprintf("Revisor har varit %s, vald av årsmötet.", c.Auditor)))
	default:
		bl = append(bl, P("Styrelsen har haft följande sammansättning:"), c.board())
		bl = append(bl, P(fmt.Sprintf("Av årsmötet vald revisor: %s.", c.Auditor)))
	}
	bl = append(bl, H2("Medlemmar"))
	switch s.VB {
	case 0:
		bl = append(bl, P(fmt.Sprintf("Antal medlemmar %s: %d (varav %d i åldern %s).", endShort, c.Members, c.Eligible, c.Band)))
	case 1:
		y := c.FYEnd[:4]
		yi := 0
		fmt.Sscan(y, &yi)
		head := []string{"", fmt.Sprint(yi - 2), fmt.Sprint(yi - 1), y}
		if c.YearLabel != y {
			head = []string{"", fmt.Sprintf("%d/%d", yi-3, yi-2), fmt.Sprintf("%d/%d", yi-2, yi-1), c.YearLabel}
		}
		bl = append(bl, P("Medlemsutvecklingen de senaste tre åren (antal per "+endShort+"):"),
			Table{Head: head, Rows: [][]string{
				{"Medlemmar totalt", fmt.Sprint(c.PrevMembers[0]), fmt.Sprint(c.PrevMembers[1]), fmt.Sprint(c.Members)},
				{"därav " + c.Band, fmt.Sprint(c.PrevEligible[0]), fmt.Sprint(c.PrevEligible[1]), fmt.Sprint(c.Eligible)},
			}})
	case 2:
		bl = append(bl, P(fmt.Sprintf("Vid verksamhetsårets slut den %s hade föreningen %d medlemmar, varav %d var %s.", longDate(c.FYEnd), c.Members, c.Eligible, c.Band)))
	default:
		bl = append(bl, P(fmt.Sprintf("Föreningen räknade per den %s totalt %d medlemmar. Av dessa var %d i åldersgruppen %s.", longDate(c.FYEnd), c.Members, c.Eligible, c.Band)))
	}
	bl = append(bl, H2("Verksamhet"))
	bl = append(bl, P(activityText(c)))
	bl = append(bl, H2("Ekonomi"))
	if c.Result() >= 0 {
		bl = append(bl, P(fmt.Sprintf("Året slutade med ett överskott på %s. Ekonomin är god och föreningen har inga lån. För detaljer hänvisas till resultat- och balansräkningen.", plainKr(c.Result()))))
	} else {
		bl = append(bl, P(fmt.Sprintf("Året slutade med ett underskott på %s, främst på grund av höjda kostnader. Underskottet täcks av tidigare års sparade medel.", plainKr(c.Result()))))
	}
	bl = append(bl, H2("Tack"))
	bl = append(bl, P("Styrelsen vill tacka alla ledare, funktionärer, föräldrar och samarbetspartner för ett fint år."))
	signDate := c.before(24)
	bl = append(bl, Sig{Place: c.Town + " i " + longDate(signDate)[strings.Index(longDate(signDate), " ")+1:], Names: []string{c.Chair, c.Treasurer, c.Secr}, Roles: []string{"Ordförande", "Kassör", "Sekreterare"}})
	bl = append(bl, c.esign(s, []string{c.Chair, c.Treasurer, c.Secr}, signDate)...)
	return bl
}

func activityText(c *Case) string {
	n := len(c.Name) % 4
	if strings.HasPrefix(c.Band, "65") {
		n = 1
	}
	texts := []string{
		"Träningsverksamheten har pågått hela året med grupper för barn, ungdomar och vuxna. Föreningen arrangerade två egna tävlingar och deltog i distriktets serier. Ledarna har gått utbildningar genom studieförbundet.",
		"Under året har föreningen genomfört veckoträffar, studiecirklar och en uppskattad sommarutflykt. Samarbetet med studieförbundet har fortsatt och lokalerna har rustats upp med ideella insatser.",
		"Verksamheten har bedrivits i egna och hyrda lokaler. Höstterminen startade med rekord i antal nya deltagare och vårens avslutning samlade många medlemmar och anhöriga.",
		"Föreningen har haft regelbunden verksamhet under hela året, ett läger under sommaren och flera öppna arrangemang för allmänheten. Arbetet med trygghet och inkludering har fortsatt.",
	}
	return texts[n]
}

func (c *Case) prevLabel() string {
	if strings.Contains(c.YearLabel, "/") {
		var a, b int
		fmt.Sscanf(c.YearLabel, "%d/%d", &a, &b)
		return fmt.Sprintf("%d/%d", a-1, b-1)
	}
	var y int
	fmt.Sscan(c.YearLabel, &y)
	return fmt.Sprint(y - 1)
}

func (c *Case) cols(label, note, cur, prv string, notes bool) []string {
	r := []string{label}
	if notes {
		r = append(r, note)
	}
	if c.PrevFirst {
		return append(r, prv, cur)
	}
	return append(r, cur, prv)
}

func (c *Case) head(notes bool) []string {
	return c.cols("", "Not", c.YearLabel, c.prevLabel(), notes)
}

// accounts builds the resultaträkning and balansräkning.
func (c *Case) accounts(s Style) []Block {
	var bl []Block
	title := s.AccTitle
	bl = append(bl, H1(title+" för "+c.Name))
	bl = append(bl, P(fmt.Sprintf("Org.nr %s · Räkenskapsåret %s – %s", c.Org, c.FYStart, c.FYEnd)))
	if c.Num.Tkr {
		bl = append(bl, P("Belopp i tkr om inget annat anges."))
	} else if c.Num.Suffix == "" && strings.Contains(title, "Årsbokslut") {
		bl = append(bl, P("Alla belopp i kronor."))
	}
	// previous-year figures
	pk := func(i int) int64 { return int64(84 + (i*7)%23) }
	var pInc, pCost int64
	t := Table{Head: c.head(s.Notes), Bold: map[int]bool{}}
	add := func(r []string, bold bool) {
		if bold {
			t.Bold[len(t.Rows)] = true
		}
		t.Rows = append(t.Rows, r)
	}
	blank := func(label string) { add(c.cols(label, "", "", "", s.Notes), false) }
	if s.Grouped {
		blank("Rörelseintäkter")
	} else {
		blank("Intäkter")
	}
	for i, r := range c.Income {
		p := prev(r.V, pk(i))
		pInc += p
		note := ""
		if s.Notes && r.Label == c.GrantLabel {
			note = "1"
		}
		add(c.cols(r.Label, note, c.money(r.V), c.money(p), s.Notes), false)
	}
	add(c.cols(s.IncTot, "", c.money(c.IncomeTotal()), c.money(pInc), s.Notes), true)
	if s.Grouped {
		blank("Rörelsekostnader")
	} else {
		blank("Kostnader")
	}
	for i, r := range c.Costs {
		p := prev(r.V, pk(i+3))
		pCost += p
		note := ""
		if s.Notes && i == len(c.Costs)-1 {
			note = "2"
		}
		add(c.cols(r.Label, note, c.cost(r.V), c.cost(p), s.Notes), false)
	}
	add(c.cols(s.CostTot, "", c.cost(c.CostsTotal()), c.cost(pCost), s.Notes), true)
	pRes := pInc - pCost
	if c.Fin != 0 {
		add(c.cols("Rörelseresultat", "", c.money(c.Operating()), c.money(pInc-pCost), s.Notes), true)
		blank("Finansiella poster")
		pf := prev(c.Fin, 71)
		add(c.cols("Ränteintäkter", "", c.money(c.Fin), c.money(pf), s.Notes), false)
		add(c.cols("Resultat efter finansiella poster", "", c.money(c.Result()), c.money(pRes+pf), s.Notes), true)
		pRes += pf
	}
	add(c.cols(s.ResLabel, "", c.money(c.Result()), c.money(pRes), s.Notes), true)
	bl = append(bl, H2("Resultaträkning"), t)
	if s.Notes {
		bl = append(bl, H2("Noter"),
			P(fmt.Sprintf("Not 1. %s avser föreningsbidrag (aktivitetsstöd och lokalbidrag) som betalats ut under året.", c.GrantLabel)),
			P("Not 2. Posten omfattar bland annat försäkringar, bankavgifter och kontorsmaterial."))
	}

	// balance sheet
	pEqIn := c.EquityIn - pRes
	pEq := c.EquityIn
	var pLiab, pFixed int64
	b := Table{Head: c.head(false), Bold: map[int]bool{}}
	badd := func(r []string, bold bool) {
		if bold {
			b.Bold[len(b.Rows)] = true
		}
		b.Rows = append(b.Rows, r)
	}
	var pFix []int64
	for i, r := range c.Fixed {
		p := prev(r.V, pk(i+5))
		pFixed += p
		pFix = append(pFix, p)
	}
	var pL []int64
	for i, r := range c.Liab {
		p := prev(r.V, pk(i+1))
		pLiab += p
		pL = append(pL, p)
	}
	pAssets := pEq + pLiab
	pBank := pAssets - pFixed
	badd(c.cols("Tillgångar", "", "", "", false), false)
	for i, r := range c.Fixed {
		badd(c.cols(r.Label, "", c.money(r.V), c.money(pFix[i]), false), false)
	}
	badd(c.cols("Kassa och bank", "", c.money(c.Bank()), c.money(pBank), false), false)
	badd(c.cols("Summa tillgångar", "", c.money(c.Assets()), c.money(pAssets), false), true)
	badd(c.cols("Eget kapital och skulder", "", "", "", false), false)
	badd(c.cols("Eget kapital vid årets början", "", c.money(c.EquityIn), c.money(pEqIn), false), false)
	badd(c.cols("Årets resultat", "", c.money(c.Result()), c.money(pRes), false), false)
	badd(c.cols("Summa eget kapital", "", c.money(c.Equity()), c.money(pEq), false), true)
	for i, r := range c.Liab {
		badd(c.cols(r.Label, "", c.money(r.V), c.money(pL[i]), false), false)
	}
	badd(c.cols("Summa skulder", "", c.money(c.LiabTotal()), c.money(pLiab), false), true)
	badd(c.cols("Summa eget kapital och skulder", "", c.money(c.EqLiab()), c.money(pEq+pLiab), false), true)
	bl = append(bl, H2(fmt.Sprintf("Balansräkning per %s", c.FYEnd)), b)
	signDate := c.before(20 + len(c.Slug)%5)
	bl = append(bl, Sig{Place: c.Town + " den " + longDate(signDate), Names: []string{c.Chair, c.Treasurer}, Roles: []string{"Ordförande", "Kassör"}})
	bl = append(bl, c.esign(s, []string{c.Chair, c.Treasurer}, signDate)...)
	return bl
}

// auditReport builds the revisionsberättelse; org is the number it prints.
func (c *Case) auditReport(s Style, org string) []Block {
	date := c.before(6 + len(c.Name)%6)
	var bl []Block
	if s.LongAR {
		bl = append(bl, H1("Revisionsberättelse"),
			P(fmt.Sprintf("Till årsmötet i %s, org.nr %s", c.Name, org)),
			H2("Rapport om årsredovisningen"),
			H2("Uttalanden"),
			P(fmt.Sprintf("Jag har utfört en revision av årsredovisningen för %s för räkenskapsåret %s – %s.", c.Name, c.FYStart, c.FYEnd)),
			P("Enligt min uppfattning har årsredovisningen upprättats i enlighet med årsredovisningslagen och ger en i alla väsentliga avseenden rättvisande bild av föreningens finansiella ställning och resultat."),
			H2("Grund för uttalanden"),
			P("Jag har utfört revisionen enligt god revisionssed i Sverige. Jag är oberoende i förhållande till föreningen enligt god revisorssed och har i övrigt fullgjort mitt yrkesetiska ansvar enligt dessa krav. Jag anser att de revisionsbevis jag har inhämtat är tillräckliga och ändamålsenliga som grund för mina uttalanden."),
			H2("Styrelsens ansvar"),
			P("Det är styrelsen som har ansvaret för att årsredovisningen upprättas och att den ger en rättvisande bild enligt årsredovisningslagen. Styrelsen ansvarar även för den interna kontroll som den bedömer är nödvändig."),
			H2("Revisorns ansvar"),
			P("Mitt mål är att uppnå en rimlig grad av säkerhet om huruvida årsredovisningen som helhet inte innehåller några väsentliga felaktigheter och att lämna en revisionsberättelse som innehåller mina uttalanden."),
			H2("Rapport om andra krav enligt lagar och stadgar"),
			P(fmt.Sprintf("Utöver min revision av årsredovisningen har jag även utfört en revision av styrelsens förvaltning för %s för räkenskapsåret %s – %s.", c.Name, c.FYStart, c.FYEnd)),
			P("Jag tillstyrker att årsmötet beviljar styrelsens ledamöter ansvarsfrihet för räkenskapsåret."),
		)
	} else {
		bl = append(bl, H1("Revisionsberättelse för "+c.Name),
			P("Organisationsnummer: "+org),
			P(fmt.Sprintf("Undertecknade revisor har granskat föreningens räkenskaper, årsbokslut och styrelsens förvaltning för verksamhetsåret %s. Granskningen har skett enligt god revisionssed.", c.fyText())),
			P("Bokföringen är ordentligt förd och verifikationer finns för samtliga poster. Resultat- och balansräkningen överensstämmer med bokföringen. Jag har inte funnit något att anmärka på i styrelsens förvaltning."),
			P("Jag föreslår årsmötet att fastställa resultat- och balansräkningen samt att bevilja styrelsen ansvarsfrihet för det granskade verksamhetsåret."),
		)
	}
	bl = append(bl, Sig{Place: c.Town + " " + date, Names: []string{c.Auditor}, Roles: []string{"Revisor"}})
	bl = append(bl, c.esign(s, []string{c.Auditor}, date)...)
	return bl
}

// minutes builds the årsmötesprotokoll.
func (c *Case) minutes(s Style) []Block {
	var date string
	switch s.Date {
	case 0:
		date = "den " + longDate(c.MeetingDate)
	case 1:
		date = c.MeetingDate
	default:
		date = slashDate(c.MeetingDate)
	}
	next := c.MeetingDate[:4]
	if strings.Contains(c.YearLabel, "/") {
		var a int
		fmt.Sscan(next, &a)
		next = fmt.Sprintf("%d/%d", a, a+1)
	}
	type dec struct{ accounts, audit, discharge, fee string }
	w := []dec{
		{"Årsmötet godkände resultat- och balansräkningen.",
			"Revisorns berättelse föredrogs och lades till handlingarna.",
			"Ansvarsfrihet beviljades enhälligt för styrelsen för det gångna verksamhetsåret.",
			fmt.Sprintf("Avgiften för %s beslutades vara oförändrad, %d kr.", next, c.Fee)},
		{"Balans- och resultaträkningen fastställdes.",
			"Revisionsberättelsen lästes upp och lades till handlingarna.",
			fmt.Sprintf("Styrelsen beviljades ansvarsfrihet för verksamhetsåret %s.", c.YearLabel),
			fmt.Sprintf("Medlemsavgiften för %s fastställdes till %d kronor.", next, c.Fee)},
		{"Resultaträkningen och balansräkningen lades fram av kassören och fastställdes av årsmötet.",
			"Revisor " + c.Auditor + " läste upp revisionsberättelsen, som därefter lades till handlingarna.",
			"Frågan om styrelsens ansvarsfrihet för " + c.YearLabel + " års förvaltning besvarades med ja.",
			fmt.Sprintf("Årsmötet beslöt att årsavgiften för %s ska vara %d kr per medlem.", next, c.Fee)},
		{"Mötet beslutade att fastställa resultat- och balansräkning för räkenskapsåret.",
			"Revisionsberättelsen behandlades och lades till handlingarna.",
			"Årsmötet beviljade styrelsens ledamöter ansvarsfrihet.",
			fmt.Sprintf("Medlemsavgiften fastställs till %d kr för %s.", c.Fee, next)},
	}[s.Minutes]
	items := []struct{ h, t string }{
		{"Mötets öppnande", fmt.Sprintf("Ordföranden %s hälsade alla välkomna och förklarade mötet öppnat.", c.Chair)},
		{"Val av mötesordförande", c.MeetingChair + " valdes till ordförande för mötet."},
		{"Val av sekreterare", c.Secr + " valdes till sekreterare för mötet."},
		{"Val av två justerare tillika rösträknare", c.Justerare[0] + " och " + c.Justerare[1] + " valdes att justera dagens protokoll."},
		{"Mötets behöriga utlysande", "Mötet förklarades behörigt utlyst."},
		{"Fastställande av dagordning", "Dagordningen godkändes."},
		{"Verksamhetsberättelse", "Styrelsens verksamhetsberättelse för " + c.YearLabel + " föredrogs och lades till handlingarna."},
		{"Resultat- och balansräkning", w.accounts},
		{"Revisionsberättelse", w.audit},
		{"Ansvarsfrihet för styrelsen", w.discharge},
		{"Medlemsavgift", w.fee},
		{"Val av styrelse", fmt.Sprintf("Till ordförande omvaldes %s. Till kassör omvaldes %s.", c.Chair, c.Treasurer)},
		{"Val av revisor", c.Auditor + " omvaldes som revisor."},
		{"Mötets avslutande", c.MeetingChair + " tackade för visat intresse och förklarade mötet avslutat."},
	}
	var bl []Block
	bl = append(bl, H1("Protokoll fört vid årsmöte i "+c.Name),
		P(fmt.Sprintf("Datum: %s · Plats: föreningens lokal, %s · Närvarande: %d röstberättigade medlemmar", date, c.Town, 14+len(c.Name)%19)))
	for i, it := range items {
		bl = append(bl, H2(fmt.Sprintf("§ %d %s", i+1, it.h)), P(it.t))
	}
	bl = append(bl, Sig{Names: []string{c.Secr, c.MeetingChair}, Roles: []string{"Sekreterare", "Mötesordförande"}},
		Sig{Names: []string{c.Justerare[0], c.Justerare[1]}, Roles: []string{"Justerare", "Justerare"}})
	bl = append(bl, c.esign(s, []string{c.Secr, c.MeetingChair, c.Justerare[0], c.Justerare[1]}, c.MeetingDate)...)
	return bl
}
