package main

import "fmt"

// cols orders a row's current and previous amounts as the case prints them.
func (b *builder) cols(label string, cur, prev int, neg bool) []string {
	c, p := cur, prev
	if neg {
		c, p = -c, -p
	}
	if b.s.Style.PrevFirst {
		return []string{label, b.amount(p), b.amount(c)}
	}
	return []string{label, b.amount(c), b.amount(p)}
}

func (b *builder) header(first string) []string {
	if b.s.Style.PrevFirst {
		return []string{first, b.yearLabel(true), b.yearLabel(false)}
	}
	return []string{first, b.yearLabel(false), b.yearLabel(true)}
}

// tableAdder collects rows and bold flags.
type tableAdder struct{ t *Table }

func (a tableAdder) row(bold bool, r ...string) {
	for len(r) < 3 {
		r = append(r, "")
	}
	a.t.Rows = append(a.t.Rows, r)
	a.t.Bold = append(a.t.Bold, bold)
}

// incomeStatement builds the resultaträkning.
func (b *builder) incomeStatement() []Block {
	s, a := b.s, b.acc
	v := s.Style.Variant
	unit := "Belopp i kronor"
	if s.Style.Num.Tkr {
		unit = "Belopp i tkr"
	}
	t := Table{Header: b.header("Resultaträkning"), Align: "lrr"}
	add := tableAdder{&t}
	add.row(true, "Verksamhetens intäkter")
	for _, l := range a.Income {
		add.row(false, b.cols(l.Label, l.Cur, l.Prev, false)...)
	}
	incL := []string{"Summa intäkter", "Totala intäkter", "Intäkter totalt", "Summa verksamhetens intäkter"}[v%4]
	add.row(true, b.cols(incL, a.IncomeSum.Cur, a.IncomeSum.Prev, false)...)
	add.row(true, "Verksamhetens kostnader")
	negCosts := v%2 == 1
	for _, l := range a.Costs {
		add.row(false, b.cols(l.Label, l.Cur, l.Prev, negCosts)...)
	}
	costL := []string{"Summa kostnader", "Totala kostnader", "Kostnader totalt", "Summa verksamhetens kostnader"}[(v+1)%4]
	add.row(true, b.cols(costL, a.CostSum.Cur, a.CostSum.Prev, negCosts)...)
	b.state("income_total", "costs_total", "result")
	if s.Style.Grant {
		b.state("municipal_grants")
	}
	if len(a.Fin) > 0 {
		add.row(true, b.cols("Verksamhetens resultat", a.OpResult.Cur, a.OpResult.Prev, false)...)
		add.row(true, "Finansiella poster")
		for _, l := range a.Fin {
			add.row(false, b.cols(l.Label, l.Cur, l.Prev, false)...)
		}
		add.row(true, b.cols("Resultat efter finansiella poster", a.Result.Cur, a.Result.Prev, false)...)
	}
	r := a.Result
	switch {
	case v%3 == 1 && r.Cur >= 0:
		add.row(true, b.cols("Årets överskott", r.Cur, r.Prev, false)...)
	case v%3 == 1:
		// A deficit printed as a positive number under its own label.
		add.row(true, b.cols("Årets underskott", -r.Cur, -r.Prev, false)...)
	case v%3 == 2:
		add.row(true, b.cols("Årets över-/underskott", r.Cur, r.Prev, false)...)
	default:
		add.row(true, b.cols("Årets resultat", r.Cur, r.Prev, false)...)
	}
	return []Block{Heading{Text: "Resultaträkning"}, Para{Text: unit}, t}
}

// balanceSheet builds the balansräkning.
func (b *builder) balanceSheet() []Block {
	s, a := b.s, b.acc
	v := s.Style.Variant
	t := Table{Header: b.header("Balansräkning"), Align: "lrr"}
	add := tableAdder{&t}
	end := s.Style.Date.date(s.FYEnd)
	add.row(true, "TILLGÅNGAR")
	for _, l := range a.Assets {
		add.row(false, b.cols(l.Label, l.Cur, l.Prev, false)...)
	}
	add.row(true, b.cols("Summa tillgångar", a.AssetSum.Cur, a.AssetSum.Prev, false)...)
	add.row(true, "EGET KAPITAL OCH SKULDER")
	if v%2 == 0 {
		add.row(false, b.cols("Eget kapital vid årets början", a.EqOpen.Cur, a.EqOpen.Prev, false)...)
		add.row(false, b.cols("Årets resultat", a.Result.Cur, a.Result.Prev, false)...)
		add.row(true, b.cols("Eget kapital vid räkenskapsårets slut", a.EqSum.Cur, a.EqSum.Prev, false)...)
	} else {
		add.row(false, b.cols("Balanserat över-/underskott", a.EqOpen.Cur, a.EqOpen.Prev, false)...)
		add.row(false, b.cols("Årets över-/underskott", a.Result.Cur, a.Result.Prev, false)...)
		add.row(true, b.cols("Summa eget kapital", a.EqSum.Cur, a.EqSum.Prev, false)...)
	}
	for _, l := range a.Liab {
		add.row(false, b.cols(l.Label, l.Cur, l.Prev, false)...)
	}
	add.row(true, b.cols([]string{"Summa skulder", "Summa kortfristiga skulder"}[v%2], a.LiabSum.Cur, a.LiabSum.Prev, false)...)
	add.row(true, b.cols("Summa eget kapital och skulder", a.EqLiabSum.Cur, a.EqLiabSum.Prev, false)...)
	b.state("total_assets", "equity", "result")
	return []Block{Heading{Text: "Balansräkning per " + end}, t}
}

// annualAccounts builds the årsredovisning (or a part of it).
func (b *builder) annualAccounts(f File, kind string) Doc {
	s := b.s
	d := Doc{PageNumbers: true, Footer: b.footer(f)}
	v := s.Style.Variant
	title := []string{"Årsredovisning för " + s.Name, "Ekonomisk berättelse " + b.yearLabel(false),
		"Förenklat årsbokslut", "Årsbokslut " + b.yearLabel(false)}[v%4]
	if kind == kindRR {
		title = "Resultaträkning " + b.yearLabel(false)
	}
	if kind == kindBR {
		title = "Balansräkning " + b.yearLabel(false)
	}
	d.add(Title{Text: title})
	d.add(Para{Text: fmt.Sprintf("%s\nOrganisationsnummer %s", s.Name, b.orgText(b.org))})
	d.add(Para{Text: "Räkenskapsåret " + b.period(v+2)})
	b.state("association_name", "org_number", "fiscal_year_start", "fiscal_year_end")
	if kind == kindAR {
		d.add(Heading{Text: "Förvaltningsberättelse"})
		d.para(fmt.Sprintf("Föreningen är en ideell förening med säte i %s kommun. Styrelsen avger härmed årsredovisning för räkenskapsåret.", s.City))
		if s.Style.Parens {
			d.para("Uppgifter inom parentes avser föregående år.")
		}
		if s.Style.Injection != "" && s.Style.InjectAccounts {
			d.add(b.injection())
		}
		res := "överskott"
		if b.acc.Result.Cur < 0 {
			res = "underskott"
		}
		d.para(fmt.Sprintf("Styrelsen föreslår att årets %s balanseras i ny räkning.", res))
	}
	if kind != kindBR {
		d.add(b.incomeStatement()...)
	}
	if kind == kindAR && v%2 == 0 {
		d.add(PageBreak{})
	}
	if kind != kindRR {
		d.add(b.balanceSheet()...)
	}
	sigs := []Sig{{b.chair, "Ordförande"}, {b.treasurer, "Kassör"}}
	if v%2 == 1 {
		sigs = b.boardSigs()
	}
	d.add(b.signBlock(f, s.City, sigs)...)
	return d
}
