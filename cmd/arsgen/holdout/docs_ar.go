package main

import (
	"fmt"
	"strings"
)

// arLabels are one association's names for the rows of its statements.
type arLabels struct {
	Title, IS, IncomeHead, IncomeSum, CostHead, CostSum, Operating, FinHead, AfterFin, Result string
	BS, AssetsHead, FixedHead, FixedSum, CurrentHead, CurrentSum, AssetsSum                   string
	EqLHead, EqHead, EqStart, EqResult, EqSum, LiabHead, LiabSum, Total                       string
}

var labelSets = []arLabels{
	{Title: "Årsredovisning", IS: "Resultaträkning", IncomeHead: "Rörelsens intäkter", IncomeSum: "Summa rörelsens intäkter",
		CostHead: "Rörelsens kostnader", CostSum: "Summa rörelsens kostnader", Operating: "Rörelseresultat",
		FinHead: "Finansiella poster", AfterFin: "Resultat efter finansiella poster", Result: "Årets resultat",
		BS: "Balansräkning", AssetsHead: "Tillgångar", FixedHead: "Anläggningstillgångar", FixedSum: "Summa anläggningstillgångar",
		CurrentHead: "Omsättningstillgångar", CurrentSum: "Summa omsättningstillgångar", AssetsSum: "Summa tillgångar",
		EqLHead: "Eget kapital och skulder", EqHead: "Eget kapital", EqStart: "Balanserat resultat", EqResult: "Årets resultat",
		EqSum: "Summa eget kapital", LiabHead: "Kortfristiga skulder", LiabSum: "Summa kortfristiga skulder", Total: "Summa eget kapital och skulder"},
	{Title: "Ekonomisk berättelse", IS: "Resultaträkning", IncomeHead: "Verksamhetens intäkter", IncomeSum: "Summa verksamhetens intäkter",
		CostHead: "Verksamhetens kostnader", CostSum: "Summa verksamhetens kostnader", Operating: "Verksamhetens resultat",
		FinHead: "Finansiella intäkter och kostnader", AfterFin: "Resultat efter finansiella poster", Result: "Årets överskott",
		BS: "Balansräkning", AssetsHead: "Tillgångar", FixedHead: "Anläggningstillgångar", FixedSum: "Summa anläggningstillgångar",
		CurrentHead: "Omsättningstillgångar", CurrentSum: "Summa omsättningstillgångar", AssetsSum: "Summa tillgångar",
		EqLHead: "Skulder och eget kapital", EqHead: "Eget kapital", EqStart: "Eget kapital vid årets början", EqResult: "Årets resultat",
		EqSum: "Summa eget kapital", LiabHead: "Skulder", LiabSum: "Summa skulder", Total: "Summa eget kapital och skulder"},
	{Title: "Årsredovisning", IS: "Resultaträkning", IncomeHead: "Rörelseintäkter", IncomeSum: "Summa rörelseintäkter",
		CostHead: "Rörelsekostnader", CostSum: "Summa rörelsekostnader", Operating: "Rörelseresultat",
		FinHead: "Finansiella poster", AfterFin: "Resultat efter finansiella poster", Result: "Årets resultat",
		BS: "Balansräkning", AssetsHead: "TILLGÅNGAR", FixedHead: "Anläggningstillgångar", FixedSum: "Summa anläggningstillgångar",
		CurrentHead: "Omsättningstillgångar", CurrentSum: "Summa omsättningstillgångar", AssetsSum: "SUMMA TILLGÅNGAR",
		EqLHead: "EGET KAPITAL OCH SKULDER", EqHead: "Eget kapital", EqStart: "Balanserat kapital", EqResult: "Årets resultat",
		EqSum: "Summa eget kapital", LiabHead: "Kortfristiga skulder", LiabSum: "Summa kortfristiga skulder", Total: "SUMMA EGET KAPITAL OCH SKULDER"},
	{Title: "Förenklat årsbokslut", IS: "Resultaträkning", IncomeHead: "Intäkter", IncomeSum: "Totala intäkter",
		CostHead: "Kostnader", CostSum: "Totala kostnader", Operating: "Resultat före finansiella poster",
		FinHead: "Finansiella poster", AfterFin: "Resultat efter finansiella poster", Result: "Årets över-/underskott",
		BS: "Balansräkning", AssetsHead: "Tillgångar", FixedHead: "Inventarier", FixedSum: "Summa inventarier",
		CurrentHead: "Fordringar och likvida medel", CurrentSum: "Summa omsättningstillgångar", AssetsSum: "Summa tillgångar",
		EqLHead: "Eget kapital och skulder", EqHead: "Eget kapital", EqStart: "Ingående eget kapital", EqResult: "Årets över-/underskott",
		EqSum: "Summa eget kapital", LiabHead: "Skulder", LiabSum: "Summa skulder", Total: "Summa eget kapital och skulder"},
}

// finTable renders statement rows with two year columns in the case's order.
type finTable struct {
	k    *kase
	b    strings.Builder
	note bool
}

func (t *finTable) open(curHead, prevHead string) {
	fmt.Fprintf(&t.b, "<table class=\"fin\"><tr><th class=\"l\"></th>")
	if t.note {
		t.b.WriteString("<th style=\"text-align:center\">Not</th>")
	}
	if t.k.PrevFirst {
		fmt.Fprintf(&t.b, "<th>%s</th><th>%s</th></tr>\n", prevHead, curHead)
	} else {
		fmt.Fprintf(&t.b, "<th>%s</th><th>%s</th></tr>\n", curHead, prevHead)
	}
}

func (t *finTable) head(label string) {
	cols := 3
	if t.note {
		cols = 4
	}
	fmt.Fprintf(&t.b, "<tr class=\"head\"><td colspan=\"%d\">%s</td></tr>\n", cols, esc(label))
}

func (t *finTable) line(class, label, note string, cur, prev int64) {
	c, p := t.k.Fmt.amount(cur), t.k.Fmt.amount(prev)
	if t.k.PrevFirst {
		c, p = p, c
	}
	fmt.Fprintf(&t.b, "<tr class=\"%s\"><td>%s</td>", class, esc(label))
	if t.note {
		fmt.Fprintf(&t.b, "<td class=\"note\">%s</td>", note)
	}
	fmt.Fprintf(&t.b, "<td class=\"num\">%s</td><td class=\"num\">%s</td></tr>\n", c, p)
}

func (t *finTable) close() { t.b.WriteString("</table>\n") }

// annualAccounts renders the årsredovisning / ekonomisk berättelse.
func annualAccounts(k *kase, membersHTML string) string {
	a := k.Acc
	L := labelSets[k.AR]
	var b strings.Builder
	unit := "kronor"
	if k.Fmt.Unit == 1000 {
		unit = "tusentals kronor (tkr)"
	}
	curHead, prevHead := k.fy(), k.prevFY()
	if k.K2 {
		curHead = fmt.Sprintf("%s<br>–%s", iso(k.FYStart), iso(k.FYEnd))
		prevHead = fmt.Sprintf("%s<br>–%s", iso(k.FYStart.AddDate(-1, 0, 0)), iso(k.FYEnd.AddDate(-1, 0, 0)))
	}
	switch k.AR {
	case 1:
		fmt.Fprintf(&b, "<h1>%s %s</h1>\n<div class=\"meta\">%s<br>Org.nr %s<br>Räkenskapsår %s</div>\n", L.Title, k.fy(), esc(k.Name), k.org(), k.fyRange())
	case 3:
		fmt.Fprintf(&b, "<h1>%s</h1>\n<p>för räkenskapsåret %s</p>\n<div class=\"meta\">%s, %s</div>\n", L.Title, k.fyRange(), esc(k.Name), k.org())
	default:
		fmt.Fprintf(&b, "<h1>%s</h1>\n<h2 style=\"margin-top:0\">för %s</h2>\n<p>Organisationsnummer %s</p>\n<p>Räkenskapsåret %s</p>\n", L.Title, esc(k.Name), k.org(), k.fyLong())
		if k.K2 {
			fmt.Fprintf(&b, "<p>Styrelsen avger följande årsredovisning. Samtliga belopp redovisas i %s om inte annat anges. Uppgifter inom parentes avser föregående år.</p>\n", unit)
			b.WriteString("<h2>Förvaltningsberättelse</h2>\n<h3>Allmänt om verksamheten</h3>\n")
			fmt.Fprintf(&b, "<p>%s är en ideell förening med säte i %s. Föreningen har till ändamål att främja gemenskap, hälsa och kulturella aktiviteter för sina medlemmar.</p>\n", esc(k.Name), k.Town)
			b.WriteString("<h3>Väsentliga händelser under räkenskapsåret</h3>\n<p>Kostnaderna för resor och lokalhyra ökade under året, vilket förklarar det negativa resultatet. Styrelsen bedömer att det egna kapitalet är tillräckligt.</p>\n")
			fmt.Fprintf(&b, "<h3>Flerårsöversikt</h3>\n<table class=\"fin\"><tr><th class=\"l\"></th><th>%d</th><th>%d</th></tr>\n", k.FYEnd.Year()-1, k.FYEnd.Year())
			fmt.Fprintf(&b, "<tr><td>Verksamhetsintäkter</td><td class=\"num\">%s</td><td class=\"num\">%s</td></tr>\n", k.Fmt.amount(a.income(false)), k.Fmt.amount(a.income(true)))
			fmt.Fprintf(&b, "<tr><td>Resultat efter finansiella poster</td><td class=\"num\">%s</td><td class=\"num\">%s</td></tr>\n", k.Fmt.amount(a.result(false)), k.Fmt.amount(a.result(true)))
			b.WriteString("</table>\n")
			fmt.Fprintf(&b, "<h3>Resultatdisposition</h3>\n<p>Styrelsen föreslår att årets resultat, %s kronor, balanseras i ny räkning.</p>\n", k.kronor(a.result(true)))
		}
	}
	if k.Fmt.Unit == 1000 {
		b.WriteString("<p><i>Belopp i tkr</i></p>\n")
	}
	if k.K2 {
		b.WriteString(`<div class="pb"></div>`)
	}

	costSign := int64(1)
	if k.CostsNegative {
		costSign = -1
	}
	t := &finTable{k: k, note: k.K2}
	fmt.Fprintf(&t.b, "<h2>%s</h2>\n", L.IS)
	t.open(curHead, prevHead)
	t.head(L.IncomeHead)
	for _, r := range a.Income {
		t.line("", r.Label, "", r.Cur, r.Prev)
	}
	t.line("sum", L.IncomeSum, "", a.incomePrinted(true), a.incomePrinted(false))
	t.head(L.CostHead)
	for i, r := range a.Costs {
		note := ""
		if k.K2 && i == 0 {
			note = "2"
		}
		t.line("", r.Label, note, costSign*r.Cur, costSign*r.Prev)
	}
	t.line("sum", L.CostSum, "", costSign*a.costs(true), costSign*a.costs(false))
	resLabel := L.Result
	res, resPrev := a.result(true), a.result(false)
	if L.Result == "Årets överskott" && res < 0 {
		// a deficit printed as a positive "Årets underskott", as many associations do
		resLabel = "Årets underskott"
		res, resPrev = -res, -resPrev
	}
	if len(a.Fin) > 0 {
		t.line("sum", L.Operating, "", a.operating(true), a.operating(false))
		t.head(L.FinHead)
		for _, r := range a.Fin {
			t.line("", r.Label, "", r.Cur, r.Prev)
		}
		t.line("sum", L.AfterFin, "", a.result(true), a.result(false))
	}
	t.line("total", resLabel, "", res, resPrev)
	t.close()
	b.WriteString(t.b.String())

	t = &finTable{k: k, note: k.K2}
	if k.AR != 3 || k.K2 {
		t.b.WriteString(`<div class="pb"></div>`)
	}
	fmt.Fprintf(&t.b, "<h2>%s</h2>\n", L.BS)
	bsCur, bsPrev := iso(k.FYEnd), iso(k.FYEnd.AddDate(-1, 0, 0))
	switch {
	case k.K2 || k.AR == 0:
	case k.AR == 1:
		e := k.FYEnd
		bsCur = fmt.Sprintf("%d/%d %d", e.Day(), int(e.Month()), e.Year())
		bsPrev = fmt.Sprintf("%d/%d %d", e.Day(), int(e.Month()), e.Year()-1)
	default:
		bsCur, bsPrev = k.fy(), k.prevFY()
	}
	t.open(bsCur, bsPrev)
	t.head(L.AssetsHead)
	if len(a.Fixed) > 0 {
		t.head(L.FixedHead)
		for _, r := range a.Fixed {
			note := ""
			if k.K2 {
				note = "3"
			}
			t.line("", r.Label, note, r.Cur, r.Prev)
		}
		t.line("sum", L.FixedSum, "", sum(a.Fixed, true), sum(a.Fixed, false))
	}
	t.head(L.CurrentHead)
	for _, r := range a.Current {
		t.line("", r.Label, "", r.Cur, r.Prev)
	}
	t.line("", a.BankLabel, "", a.bank(true), a.bank(false))
	t.line("sum", L.CurrentSum, "", a.currentAssets(true), a.currentAssets(false))
	t.line("total", L.AssetsSum, "", a.assets(true), a.assets(false))
	t.head(L.EqLHead)
	t.head(L.EqHead)
	eqNote := ""
	if k.K2 {
		eqNote = "4"
	}
	t.line("", L.EqStart, eqNote, a.equityStart(true), a.equityStart(false))
	t.line("", L.EqResult, "", a.result(true), a.result(false))
	t.line("sum", L.EqSum, "", a.equityEnd(true), a.equityEnd(false))
	if len(a.Liabs) > 0 {
		t.head(L.LiabHead)
		for _, r := range a.Liabs {
			t.line("", r.Label, "", r.Cur, r.Prev)
		}
		t.line("sum", L.LiabSum, "", a.liabs(true), a.liabs(false))
	}
	t.line("total", L.Total, "", a.assets(true), a.assets(false))
	t.close()
	b.WriteString(t.b.String())

	if k.K2 {
		b.WriteString(`<div class="pb"></div><h2>Noter</h2>` + "\n")
		b.WriteString("<h3>Not 1 Redovisnings- och värderingsprinciper</h3>\n<p>Årsredovisningen har upprättats i enlighet med årsredovisningslagen och BFNAR 2016:10 Årsredovisning i mindre företag (K2). Principerna är oförändrade jämfört med föregående år.</p>\n")
		fmt.Fprintf(&b, "<h3>Not 2 %s</h3>\n<p>Posten avser resor och utflykter för medlemmarna, varav bussresor %s kronor.</p>\n", esc(a.Costs[0].Label), k.kronor(a.Costs[0].Cur*7/10))
		b.WriteString("<h3>Not 3 Inventarier</h3>\n<p>Inventarierna skrivs av linjärt över fem år.</p>\n")
		t = &finTable{k: k}
		b.WriteString("<h3>Not 4 Eget kapital</h3>\n")
		t.open(k.fy(), k.prevFY())
		t.line("", "Eget kapital vid räkenskapsårets början", "", a.equityStart(true), a.equityStart(false))
		t.line("", "Årets resultat", "", a.result(true), a.result(false))
		t.line("sum", "Eget kapital vid räkenskapsårets slut", "", a.equityEnd(true), a.equityEnd(false))
		t.close()
		b.WriteString(t.b.String())
	}
	signers := []person{k.Board.Chair, k.Board.Treasurer, k.Board.Secretary, k.Board.Vice}
	sroles := []string{"Ordförande", "Kassör", "Sekreterare", "Vice ordförande"}
	if k.K2 {
		for _, m := range k.Board.Members {
			signers, sroles = append(signers, m), append(sroles, "Ledamot")
		}
	}
	place := fmt.Sprintf("%s den %s", k.Town, longDate(k.SignDate))
	if k.AR == 3 {
		place = fmt.Sprintf("Ort och datum: %s, %s", k.Town, iso(k.SignDate))
	}
	b.WriteString(sigBlock(k, place, signers, sroles, iso(k.SignDate)))
	if k.K2 {
		fmt.Fprintf(&b, "<p style=\"margin-top:1.5em\">Min revisionsberättelse har lämnats den %s.</p>\n", longDate(k.AuditDate))
		b.WriteString(sigBlock(k, "", []person{k.Auditor}, []string{k.AuditorTitle}, iso(k.AuditDate)))
	}
	if k.Sign == "scrive" {
		b.WriteString(`<div class="pb"></div>` + verifikat(k, "Årsredovisning "+k.fy()+".pdf", signers, sroles, iso(k.SignDate), 2))
	}
	return b.String()
}
