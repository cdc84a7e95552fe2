package main

import "fmt"

// auditReport builds the revisionsberättelse.
func (b *builder) auditReport(f File) Doc {
	s := b.s
	v := s.Style.Variant
	d := Doc{Footer: b.footer(f)}
	d.add(Title{Text: "Revisionsberättelse"})
	org := b.org
	if s.has("org_number_mismatch") {
		org = b.altOrg
	} else {
		b.state("org_number")
	}
	d.para(fmt.Sprintf("Till årsmötet i %s, organisationsnummer %s", s.Name, b.orgText(org)))
	b.state("association_name")
	per := b.period(v + 3)
	if s.has("fiscal_year_mismatch") {
		st, en := s.FYStart.AddDate(-1, 0, 0), s.FYEnd.AddDate(-1, 0, 0)
		per = iso(st) + "\u2013" + iso(en)
	} else {
		b.state("fiscal_year_start", "fiscal_year_end")
	}
	d.add(Heading{Text: "Rapport om årsredovisningen"})
	d.para(fmt.Sprintf("Jag har granskat årsredovisningen, räkenskaperna och styrelsens förvaltning i %s för räkenskapsåret %s.", s.Name, per))
	d.para("Det är styrelsen som har ansvaret för räkenskapshandlingarna och förvaltningen. Mitt ansvar är att uttala mig om årsredovisningen och förvaltningen på grundval av min revision. Revisionen har utförts i enlighet med god revisionssed.")
	switch s.Style.Discharge {
	case "no":
		d.para("Vid granskningen har framkommit att verifikationer saknas för utbetalningar om sammanlagt " + b.plainKr(roundTo(b.s.Scale/9, 100)) + " och att styrelsen inte har fört protokoll över sina beslut om dessa.")
		d.add(Heading{Text: "Uttalanden"})
		d.para([]string{
			"Jag avstyrker att årsmötet beviljar styrelsens ledamöter ansvarsfrihet för räkenskapsåret.",
			"Mot bakgrund av ovanstående finns skäl för att inte tillstyrka ansvarsfrihet för styrelsen. Revisorn avstyrker därför ansvarsfrihet för styrelsen.",
		}[v%2])
		b.state("discharge_recommended")
	case "silent":
		d.add(Heading{Text: "Uttalanden"})
		d.para("Räkenskaperna har förts på ett ordentligt sätt och jag har inget att anmärka på årsredovisningen. Jag tillstyrker att resultaträkningen och balansräkningen fastställs.")
	default:
		d.add(Heading{Text: "Uttalanden"})
		d.para([]string{
			"Jag tillstyrker att årsmötet fastställer resultat- och balansräkningen och beviljar styrelsens ledamöter ansvarsfrihet för räkenskapsåret.",
			"Räkenskaperna är förda på ett tillfredsställande sätt. Jag föreslår att styrelsen beviljas ansvarsfrihet för verksamhetsåret.",
			"Styrelsens förvaltning har skötts väl och revisorn tillstyrker att årsmötet beviljar styrelsen ansvarsfrihet för den tid revisionen avser.",
			"Jag har inte funnit något att anmärka på och föreslår därför att årsmötet fastställer balans- och resultaträkning samt beviljar styrelsen ansvarsfrihet för verksamhetsåret.",
		}[v%4])
		b.state("discharge_recommended")
	}
	role := []string{"Förtroendevald revisor", "Revisor", "Av föreningen vald revisor"}[v%3]
	d.add(b.signBlock(f, s.City, []Sig{{b.auditor, role}})...)
	b.state("auditor")
	return d
}

// membershipReport builds the medlemsförteckning or medlemsredovisning.
func (b *builder) membershipReport(f File) Doc {
	s := b.s
	d := Doc{PageNumbers: true}
	total := s.Members
	if s.has("members_mismatch") {
		total = s.Members - 7 - b.rng.Intn(20)
	} else {
		b.state("members_total", "members_eligible")
	}
	b.state("association_name")
	if s.Style.MemberList == "personal" {
		d.add(Title{Text: "Medlemsförteckning per " + s.Style.Date.date(s.FYEnd)})
		d.para(s.Name)
		t := Table{Header: []string{"Namn", "Personnr", "Adress", "Telefon", "E-post"}, Align: "lllll",
			Widths: []float64{1.5, 1.1, 1.6, 1.2, 2.2}}
		ref := s.FYEnd.Year()
		for i := 0; i < total; i++ {
			name := b.ppl.next()
			var by int
			if i < s.Eligible {
				by = ref - 66 - b.rng.Intn(22)
			} else {
				by = ref - 58 - b.rng.Intn(6)
			}
			if s.Kind != "pension" {
				if i < s.Eligible {
					by = ref - 8 - b.rng.Intn(17)
				} else {
					by = ref - 27 - b.rng.Intn(35)
				}
			}
			pnr, adr := personnummer(b.rng, by), address(b.rng)
			b.personal(pnr)
			b.personal(adr)
			row := []string{name, pnr, adr, "", ""}
			if b.rng.Intn(3) > 0 {
				row[3] = phone(b.rng)
				b.personal(row[3])
			}
			if b.rng.Intn(2) > 0 {
				row[4] = email(name, b.rng)
				b.personal(row[4])
			}
			t.Rows = append(t.Rows, row)
		}
		d.add(t)
		d.para(fmt.Sprintf("Antal medlemmar: %d, varav %d i åldern %s.", total, s.Eligible, s.Band))
		return d
	}
	d.add(Title{Text: "Medlemsredovisning " + b.yearLabel(false)})
	d.para(fmt.Sprintf("%s, organisationsnummer %s. Antal medlemmar per %s fördelade på ålder och kön.", s.Name, b.orgText(b.org), longDate(s.FYEnd)))
	b.state("org_number")
	bands := []string{"0\u20136 år", "7\u201325 år", "26\u201364 år", "65 år och äldre"}
	counts := make([]int, 4)
	eb := 1
	if s.Band == "65 år och äldre" {
		eb = 3
	}
	counts[eb] = s.Eligible
	rest := total - s.Eligible
	for i := range counts {
		if i == eb {
			continue
		}
		if i == 2 || (eb == 3 && i == 2) {
			counts[i] += rest
			rest = 0
		}
	}
	if eb == 1 && counts[2] > 6 {
		counts[0] = counts[2] / 6
		counts[2] -= counts[0]
	}
	t := Table{Header: []string{"Ålder", "Kvinnor", "Män", "Totalt"}, Align: "lrrr"}
	for i, bnd := range bands {
		w := counts[i] / 2
		if counts[i] > 0 {
			w = counts[i] * (40 + b.rng.Intn(20)) / 100
		}
		t.Rows = append(t.Rows, []string{bnd, fmt.Sprint(w), fmt.Sprint(counts[i] - w), fmt.Sprint(counts[i])})
		t.Bold = append(t.Bold, false)
	}
	t.Rows = append(t.Rows, []string{"Summa", "", "", fmt.Sprint(total)})
	t.Bold = append(t.Bold, true)
	d.add(t)
	d.para(fmt.Sprintf("Bidragsberättigade medlemmar (%s): %d.", s.Band, s.Eligible))
	return d
}
