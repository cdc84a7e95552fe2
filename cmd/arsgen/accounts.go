package main

import "math/rand"

// Line is one row of an income statement or balance sheet, this year and
// the previous one.
type Line struct {
	Label     string
	Cur, Prev int
}

// Accounts are an association's annual accounts as printed.
type Accounts struct {
	Income, Costs, Fin, Assets, Liab []Line

	IncomeSum, CostSum, OpResult, Result Line
	AssetSum, EqOpen, EqSum, LiabSum     Line
	EqLiabSum                            Line
	Grant                                Line // municipal grant row, zero when absent
}

// roundTo rounds v to a multiple of unit.
func roundTo(v, unit int) int {
	if unit <= 1 {
		return v
	}
	return (v + unit/2) / unit * unit
}

// draw builds consistent accounts for s.
func drawAccounts(s Spec, rng *rand.Rand) Accounts {
	unit := 1
	if s.Style.Num.Tkr {
		unit = 100
	}
	amt := func(frac float64) (int, int) {
		c := roundTo(int(float64(s.Scale)*frac*(0.8+0.4*rng.Float64())), unit)
		p := roundTo(int(float64(c)*(0.85+0.3*rng.Float64())), unit)
		return c, p
	}
	var a Accounts
	fee := roundTo(s.Members*s.Fee, unit)
	a.Income = append(a.Income, Line{"Medlemsavgifter", fee, roundTo(fee*93/100, unit)})
	if s.Style.Grant {
		c, p := amt(0.25)
		a.Grant = Line{grantLabel(s), c, p}
		a.Income = append(a.Income, a.Grant)
	}
	other := map[string]string{
		"idrott": "LOK-stöd från Riksidrottsförbundet", "scout": "Bidrag från Scouterna",
		"kultur": "Bidrag från studieförbund", "pension": "Bidrag från distriktet",
		"student": "Bidrag från kåren", "invandrar": "Projektbidrag från Allmänna arvsfonden",
	}[s.Kind]
	if other == "" {
		other = "Övriga bidrag"
	}
	c, p := amt(0.2)
	a.Income = append(a.Income, Line{other, c, p})
	sales := map[string]string{"idrott": "Kiosk och cuper", "scout": "Försäljning (kakor och julkalendrar)",
		"kultur": "Entréavgifter", "pension": "Resor och utflykter, deltagaravgifter",
		"student": "Sittningar och biljettintäkter", "invandrar": "Kursavgifter"}[s.Kind]
	if sales == "" {
		sales = "Försäljningsintäkter"
	}
	c, p = amt(0.3)
	a.Income = append(a.Income, Line{sales, c, p})
	c, p = amt(0.03)
	a.Income = append(a.Income, Line{"Övriga intäkter", c, p})
	a.IncomeSum = sum(a.Income)

	costLabels := []string{"Lokalhyra", "Verksamhetskostnader", "Material och utrustning",
		"Resor och transporter", "Övriga externa kostnader"}
	fracs := []float64{0.25, 0.3, 0.12, 0.1, 0.08}
	if s.Kind == "idrott" {
		costLabels = append(costLabels, "Personalkostnader")
		fracs = append(fracs, 0.12)
	}
	for i, l := range costLabels {
		c, p := amt(fracs[i])
		a.Costs = append(a.Costs, Line{l, c, p})
	}
	op := a.IncomeSum.Cur - sum(a.Costs).Cur
	if s.Style.Deficit && op >= 0 {
		a.Costs[1].Cur += roundTo(op+s.Scale/12, unit)
	} else if !s.Style.Deficit && op < 0 {
		a.Costs[1].Cur -= roundTo(-op+s.Scale/15, unit)
	}
	a.CostSum = sum(a.Costs)
	a.OpResult = Line{"", a.IncomeSum.Cur - a.CostSum.Cur, a.IncomeSum.Prev - a.CostSum.Prev}
	a.Result = a.OpResult
	if s.Style.Financial {
		ri := roundTo(200+rng.Intn(3000), unit)
		a.Fin = []Line{{"Ränteintäkter", ri, roundTo(ri/2, unit)}}
		a.Result.Cur += ri
		a.Result.Prev += roundTo(ri/2, unit)
	}

	eqOpen := roundTo(abs(a.Result.Cur)+int(float64(s.Scale)*(0.2+0.4*rng.Float64())), unit)
	a.EqOpen = Line{"", eqOpen, eqOpen - a.Result.Prev}
	a.EqSum = Line{"", eqOpen + a.Result.Cur, eqOpen}
	lc, lp := amt(0.04)
	uc, up := amt(0.03)
	a.Liab = []Line{{"Leverantörsskulder", lc, lp}, {"Upplupna kostnader och förutbetalda intäkter", uc, up}}
	a.LiabSum = sum(a.Liab)
	a.EqLiabSum = Line{"", a.EqSum.Cur + a.LiabSum.Cur, a.EqSum.Prev + a.LiabSum.Prev}
	fc, fp := amt(0.02)
	a.Assets = []Line{{"Övriga fordringar", fc, fp}}
	if s.Kind == "idrott" || s.Kind == "scout" {
		ic, ip := amt(0.05)
		a.Assets = append([]Line{{"Inventarier", ic, ip}}, a.Assets...)
	}
	rest := sum(a.Assets)
	a.Assets = append(a.Assets, Line{"Kassa och bank", a.EqLiabSum.Cur - rest.Cur, a.EqLiabSum.Prev - rest.Prev})
	a.AssetSum = sum(a.Assets)
	return a
}

func grantLabel(s Spec) string {
	switch s.Style.Variant % 4 {
	case 0:
		return "Kommunala bidrag"
	case 1:
		return "Bidrag från " + s.City + " kommun"
	case 2:
		return "Föreningsbidrag från kommunen"
	default:
		return "Kommunalt aktivitetsbidrag"
	}
}

func sum(ls []Line) Line {
	var t Line
	for _, l := range ls {
		t.Cur += l.Cur
		t.Prev += l.Prev
	}
	return t
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
