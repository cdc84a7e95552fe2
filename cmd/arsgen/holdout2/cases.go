package main

// Doc is one PDF of a case: its parts are rendered into one file.
type Doc struct {
	File     string
	Types    []string
	Producer string // "chromium", "groff", "groff-tt"
	Layout   Layout
	Parts    []func() []Block
}

// Spec is a case with its wording style and its files.
type Spec struct {
	C      *Case
	S      Style
	Docs   []Doc
	Checks []string
	PD     []string
}

const (
	tAR  = "activity_report"
	tAcc = "annual_accounts"
	tAud = "audit_report"
	tAGM = "agm_minutes"
	tMem = "membership_report"
)

func std(c *Case, s Style, prod string, lay Layout, withAGM bool) []Doc {
	docs := []Doc{
		{File: "verksamhetsberattelse.pdf", Types: []string{tAR}, Producer: prod, Layout: lay, Parts: []func() []Block{func() []Block { return c.activityReport(s) }}},
		{File: "arsredovisning.pdf", Types: []string{tAcc}, Producer: prod, Layout: lay, Parts: []func() []Block{func() []Block { return c.accounts(s) }}},
		{File: "revisionsberattelse.pdf", Types: []string{tAud}, Producer: prod, Layout: lay, Parts: []func() []Block{func() []Block {
			org := c.Org
			if c.OrgAlt != "" {
				org = c.OrgAlt
			}
			return c.auditReport(s, org)
		}}},
	}
	if withAGM {
		docs = append(docs, Doc{File: "arsmotesprotokoll.pdf", Types: []string{tAGM}, Producer: prod, Layout: lay, Parts: []func() []Block{func() []Block { return c.minutes(s) }}})
	}
	return docs
}

func cases() []*Spec {
	var out []*Spec

	// 01: clean, letterhead, financial items, long audit report.
	c := &Case{Slug: "01-vastra-strands-simsallskap", Name: "Västra Strands Simsällskap", Org: luhnOrg("802478-512"), Town: "Strandvik",
		FYStart: "2025-01-01", FYEnd: "2025-12-31", YearLabel: "2025", Members: 412, Eligible: 288, Band: "7–25 år", Fee: 200,
		Income:     []Row{{"Medlemsavgifter", 82400}, {"Träningsavgifter", 214650}, {"Bidrag från Strandviks kommun", 96500}, {"Statligt LOK-stöd", 41280}, {"Tävlingsintäkter", 38900}},
		Costs:      []Row{{"Simhallshyra", 186000}, {"Tränararvoden", 142300}, {"Tävlingskostnader", 61450}, {"Förbundsavgifter", 18200}, {"Övriga externa kostnader", 24915}},
		GrantLabel: "Bidrag från Strandviks kommun", Fin: 1245, EquityIn: 268410,
		Liab: []Row{{"Leverantörsskulder", 22600}, {"Upplupna kostnader", 15800}}, Fixed: []Row{{"Inventarier", 34000}, {"Kortfristiga fordringar", 12750}},
		Chair: "Karin Lundqvist", Treasurer: "Mats Öberg", Secr: "Helena Sjöberg", Others: []string{"Ali Haddad", "Petra Nyström"},
		Auditor: "Bengt Rask", MeetingChair: "Lars-Erik Frost", Justerare: [2]string{"Eva Dahl", "Omar Said"}, MeetingDate: "2026-03-12",
		Num: NumFmt{Sep: " ", Neg: "minus"}, Note: "Ren. Chromium med brevhuvud (org.nr i ruta), grupperad resultaträkning (Rörelseintäkter/Rörelsekostnader/Finansiella poster) med noter, lång standardrevisionsberättelse, statligt LOK-stöd bredvid kommunalt bidrag, BankID."}
	s := Style{VB: 0, Grouped: true, Notes: true, IncTot: "Summa rörelseintäkter", CostTot: "Summa rörelsekostnader", ResLabel: "Årets resultat", AccTitle: "Årsredovisning", LongAR: true, Minutes: 0, ESign: 1, Date: 0}
	out = append(out, &Spec{C: c, S: s, Docs: std(c, s, "chromium", letterhead, true)})

	// 02: clean, groff, broken fiscal year, deficit, members table.
	c = &Case{Slug: "02-forsby-scoutkar", Name: "Forsby Scoutkår", Org: luhnOrg("802433-907"), Town: "Forsby",
		FYStart: "2024-09-01", FYEnd: "2025-08-31", YearLabel: "2024/2025", Members: 134, Eligible: 109, PrevMembers: []int{118, 127}, PrevEligible: []int{98, 104}, Band: "7–25 år", Fee: 300,
		Income:     []Row{{"Medlemsavgifter", 38100}, {"Aktivitetsbidrag från Forsby kommun", 27640}, {"Försäljning jultidningar", 19850}, {"Lägeravgifter", 64200}},
		Costs:      []Row{{"Lägerkostnader", 88400}, {"Material och utrustning", 31260}, {"Lokalhyra", 24000}, {"Förbundsavgifter", 12060}},
		GrantLabel: "Aktivitetsbidrag från Forsby kommun", EquityIn: 96300,
		Liab: []Row{{"Skuld till förbundet", 6400}}, Fixed: []Row{{"Förutbetalda kostnader", 3100}},
		Chair: "Johanna Vik", Treasurer: "Nils Ekholm", Secr: "Tove Ahlgren", Others: []string{"Hassan Jama", "Lisa Brandt"},
		Auditor: "Sven Alm", MeetingChair: "Ingela Mörk", Justerare: [2]string{"Peter Kallio", "Rut Engdahl"}, MeetingDate: "2025-10-08",
		Num: NumFmt{Sep: " ", Neg: "minus"}, Note: "Ren. groff (Times). Brutet räkenskapsår 2024-09-01–2025-08-31, medlemstabell med tre verksamhetsår som kolumner, underskott med U+2212, kort revisionsberättelse (föreslår ansvarsfrihet)."}
	s = Style{VB: 1, IncTot: "Summa intäkter", CostTot: "Summa kostnader", ResLabel: "Årets resultat", AccTitle: "Resultat- och balansräkning", Minutes: 1, ESign: 0, Date: 0}
	out = append(out, &Spec{C: c, S: s, Docs: std(c, s, "groff", 0, true)})

	// 03: clean, K2 table-heavy, tkr.
	c = &Case{Slug: "03-norrmalms-volleybollklubb", Name: "Norrmalms Volleybollklubb", Org: luhnOrg("802516-248"), Town: "Norrmalm",
		FYStart: "2025-01-01", FYEnd: "2025-12-31", YearLabel: "2025", Members: 286, Eligible: 201, Band: "7–25 år", Fee: 450,
		Income:     []Row{{"Medlemsavgifter", 128700}, {"Träningsavgifter", 402500}, {"Sponsorintäkter", 215000}, {"Kommunalt aktivitetsstöd", 88400}, {"Arrangemangsintäkter", 154600}},
		Costs:      []Row{{"Hallhyror", 311200}, {"Domare och seriavgifter", 142800}, {"Resor", 203900}, {"Personalkostnader", 226500}, {"Övriga externa kostnader", 61000}},
		GrantLabel: "Kommunalt aktivitetsstöd", EquityIn: 312500,
		Liab: []Row{{"Leverantörsskulder", 74900}, {"Övriga kortfristiga skulder", 38600}}, Fixed: []Row{{"Kundfordringar", 41200}},
		Chair: "Henrik Blom", Treasurer: "Sara Lindgren", Secr: "Joel Marklund", Others: []string{"Amira Begić", "Tuva Rehn", "Kristoffer Lööw"},
		Auditor: "Maria Ek", MeetingChair: "Gustav Ahl", Justerare: [2]string{"Nora Persson", "Elias Berg"}, MeetingDate: "2026-02-26",
		Num: NumFmt{Sep: " ", Tkr: true, Neg: "minus"}, CostsNegative: true, Note: "Ren. Chromium, tabelltung K2-rapport, belopp i tkr med en decimal, kostnader tryckta negativa, lång revisionsberättelse, Scrive-liknande verifikat."}
	s = Style{VB: 3, IncTot: "Summa rörelseintäkter", CostTot: "Summa rörelsekostnader", ResLabel: "Årets resultat", AccTitle: "Årsredovisning", Grouped: true, LongAR: true, Minutes: 2, ESign: 3, Date: 1}
	out = append(out, &Spec{C: c, S: s, Docs: std(c, s, "chromium", k2report, true)})

	// 04: clean, groff typewriter, previous year first, scanned.
	c = &Case{Slug: "04-kvarnbackens-seniorklubb-skannad", Name: "Kvarnbackens Seniorklubb", Org: luhnOrg("802451-630"), Town: "Kvarnbacken",
		FYStart: "2025-01-01", FYEnd: "2025-12-31", YearLabel: "2025", Members: 96, Eligible: 88, Band: "65 år eller äldre", Fee: 150,
		Income:     []Row{{"Medlemsavgifter", 14400}, {"Bidrag från Kvarnby kommun", 12000}, {"Resor och utflykter", 31750}, {"Kaffeförsäljning", 4320}},
		Costs:      []Row{{"Resekostnader", 33900}, {"Lokalhyra", 9600}, {"Föreläsare", 6500}, {"Förtäring", 5210}, {"Porto och kontor", 1980}},
		GrantLabel: "Bidrag från Kvarnby kommun", EquityIn: 41870,
		Liab: []Row{{"Förskottsbetalda resor", 8200}}, Fixed: []Row{},
		Chair: "Gunnel Wiberg", Treasurer: "Rolf Strand", Secr: "Ann-Mari Kvist", Others: []string{"Sixten Boman", "Vera Lind"},
		Auditor: "Inga Holm", MeetingChair: "Erik Nyqvist", Justerare: [2]string{"Märta Falk", "Olof Hedin"}, MeetingDate: "2026-03-05",
		Num: NumFmt{Sep: " ", Decimals: true, Neg: "hyphen"}, PrevFirst: true, Scanned: true,
		Note: "Ren, skannad. groff i skrivmaskinsstil (Courier), föregående års kolumn först, belopp med ören (\"62 470,00\"), åldersgrupp 65 år eller äldre, kort revisionsberättelse."}
	s = Style{VB: 2, IncTot: "Summa intäkter", CostTot: "Summa kostnader", ResLabel: "Årets överskott", AccTitle: "Ekonomisk berättelse", Minutes: 3, ESign: 0, Date: 1}
	out = append(out, &Spec{C: c, S: s, Docs: std(c, s, "groff-tt", 0, true)})

	// 05: clean, everything in one PDF, sidebar, SEK.
	c = &Case{Slug: "05-lovsta-kulturforening", Name: "Lövsta Kulturförening", Org: luhnOrg("802502-173"), Town: "Lövsta",
		FYStart: "2025-01-01", FYEnd: "2025-12-31", YearLabel: "2025", Members: 173, Eligible: 64, Band: "7–25 år", Fee: 100,
		Income:     []Row{{"Medlemsavgifter", 17300}, {"Entréavgifter", 58450}, {"Kulturbidrag från Lövsta kommun", 45000}, {"Försäljning", 12780}},
		Costs:      []Row{{"Artistarvoden", 61000}, {"Lokalkostnader", 28800}, {"Marknadsföring", 9740}, {"Teknik och ljud", 14350}, {"Övriga kostnader", 6125}},
		GrantLabel: "Kulturbidrag från Lövsta kommun", EquityIn: 58240,
		Liab: []Row{{"Leverantörsskulder", 9400}}, Fixed: []Row{{"Fordringar", 2600}},
		Chair: "Farah Nouri", Treasurer: "Jonas Hed", Secr: "Klara Sund", Others: []string{"Milan Petrović", "Saga Ek"},
		Auditor: "Eva Ström", MeetingChair: "Bertil Ågren", Justerare: [2]string{"Alva Nord", "Reza Karimi"}, MeetingDate: "2026-03-19",
		Num: NumFmt{Sep: " ", Neg: "minus", Suffix: " SEK"}, Note: "Ren. Alla fyra handlingar i en PDF (arshandlingar.pdf), Chromium med sidokolumn, belopp med \"SEK\", Assently-signering."}
	s = Style{VB: 0, IncTot: "Totala intäkter", CostTot: "Totala kostnader", ResLabel: "Årets resultat", AccTitle: "Årsbokslut", LongAR: true, Minutes: 3, ESign: 2, Date: 0}
	{
		cc, ss := c, s
		out = append(out, &Spec{C: c, S: s, Docs: []Doc{{File: "arshandlingar.pdf", Types: []string{tAR, tAcc, tAud, tAGM}, Producer: "chromium", Layout: sidebar,
			Parts: []func() []Block{
				func() []Block { return cc.activityReport(ss) },
				func() []Block { return cc.accounts(ss) },
				func() []Block { return cc.auditReport(ss, cc.Org) },
				func() []Block { return cc.minutes(ss) },
			}}}})
	}

	// 06: missing AGM minutes.
	c = &Case{Slug: "06-granby-brukshundklubb", Name: "Granby Brukshundklubb", Org: luhnOrg("802467-015"), Town: "Granby",
		FYStart: "2025-01-01", FYEnd: "2025-12-31", YearLabel: "2025", Members: 212, Eligible: 37, Band: "7–25 år",
		Income: []Row{{"Medlemsavgifter", 63600}, {"Kursavgifter", 88250}, {"Tävlingsintäkter", 21400}},
		Costs:  []Row{{"Kursmaterial", 14900}, {"Tävlingskostnader", 18300}, {"Klubbstuga, el och värme", 41200}, {"Förbundsavgifter", 38160}, {"Övrigt", 9870}},
		Fin:    0, EquityIn: 187350,
		Liab: []Row{{"Leverantörsskulder", 5300}}, Fixed: []Row{{"Klubbstuga", 120000}},
		Chair: "Anders Palm", Treasurer: "Lena Roos", Secr: "Birgit Hallin", Others: []string{"Jesper Fält", "Maja Tell"},
		Auditor: "Kjell Sand", MeetingChair: "Roger Ek", Justerare: [2]string{"Ida Mohlin", "Sten Ask"}, MeetingDate: "2026-03-01",
		Num: NumFmt{Sep: " ", Neg: "paren"}, Note: "Årsmötesprotokoll saknas. groff (Times), inget kommunalt bidrag, kort revisionsberättelse."}
	s = Style{VB: 0, IncTot: "Summa intäkter", CostTot: "Summa kostnader", ResLabel: "Årets resultat", AccTitle: "Resultat- och balansräkning", ESign: 0}
	out = append(out, &Spec{C: c, S: s, Docs: std(c, s, "groff", 0, false), Checks: []string{"missing_agm_minutes"}})

	// 07: balance sheet does not balance.
	c = &Case{Slug: "07-angsby-basketforening", Name: "Ängsby Basketförening", Org: luhnOrg("802489-346"), Town: "Ängsby",
		FYStart: "2025-01-01", FYEnd: "2025-12-31", YearLabel: "2025", Members: 158, Eligible: 131, Band: "7–25 år", Fee: 350,
		Income:     []Row{{"Medlemsavgifter", 55300}, {"Träningsavgifter", 71100}, {"Bidrag från Ängsby kommun", 38650}, {"Cupintäkter", 45230}},
		Costs:      []Row{{"Hallhyra", 84000}, {"Domare och serieavgifter", 39800}, {"Resor", 27650}, {"Material", 12940}},
		GrantLabel: "Bidrag från Ängsby kommun", EquityIn: 121400,
		Liab: []Row{{"Leverantörsskulder", 18690}, {"Upplupna kostnader", 23400}}, Fixed: []Row{{"Kundfordringar", 6300}},
		AssetSkew: 5000,
		Chair:     "Daniel Osei", Treasurer: "Minna Koskinen", Secr: "Linnea Borg", Others: []string{"Ivan Horvat", "Selma Dahl"},
		Auditor: "Per Wallin", MeetingChair: "Camilla Rask", Justerare: [2]string{"Theo Lund", "Fatima Ali"}, MeetingDate: "2026-03-22",
		Num: NumFmt{Sep: " ", Decimals: true, Neg: "minus"}, Note: "Balansräkningen går inte ihop: Summa tillgångar är 5 000 kr större än Summa eget kapital och skulder. Chromium nyhetsbrevslayout, belopp med ören."}
	s = Style{VB: 3, IncTot: "Summa intäkter", CostTot: "Summa kostnader", ResLabel: "Årets resultat", AccTitle: "Årsredovisning", LongAR: false, Minutes: 2, ESign: 1, Date: 2}
	out = append(out, &Spec{C: c, S: s, Docs: std(c, s, "chromium", newsletter, true), Checks: []string{"balance_sheet_mismatch"}})

	// 08: org number differs in the audit report.
	c = &Case{Slug: "08-holmvikens-batklubb", Name: "Holmvikens Båtklubb", Org: luhnOrg("802441-728"), OrgAlt: luhnOrg("802441-782"), Town: "Holmviken",
		FYStart: "2025-01-01", FYEnd: "2025-12-31", YearLabel: "2025", Members: 341, Eligible: 46, PrevMembers: []int{322, 335}, PrevEligible: []int{39, 41}, Band: "7–25 år", Fee: 600,
		Income:     []Row{{"Medlemsavgifter", 204600}, {"Båtplatsavgifter", 312800}, {"Seglarskola", 28500}, {"Bidrag från Holmviks kommun", 15000}},
		Costs:      []Row{{"Hamnarrende", 96000}, {"Underhåll bryggor", 184300}, {"El och vatten", 41870}, {"Försäkringar", 29650}, {"Seglarskola", 22400}, {"Övriga kostnader", 18750}},
		GrantLabel: "Bidrag från Holmviks kommun", Fin: 3120, EquityIn: 655200,
		Liab: []Row{{"Förskottsbetalda båtplatsavgifter", 88500}, {"Leverantörsskulder", 31200}}, Fixed: []Row{{"Bryggor och mastkran", 410000}},
		Chair: "Ulf Berglund", Treasurer: "Karin Åkesson", Secr: "Mikael Törn", Others: []string{"Agneta Roos", "Pontus Hägg"},
		Auditor: "Tomas Lind", MeetingChair: "Göran Wass", Justerare: [2]string{"Elsa Brink", "Hugo Sjö"}, MeetingDate: "2026-03-28",
		Num: NumFmt{Sep: ".", Neg: "hyphen"}, Note: "Revisionsberättelsen anger ett annat (giltigt) organisationsnummer än övriga handlingar. groff i Courier, belopp som \"312.800\", ränteintäkter efter rörelseresultat, medlemstabell med år som kolumner."}
	s = Style{VB: 1, Grouped: true, IncTot: "Summa rörelseintäkter", CostTot: "Summa rörelsekostnader", ResLabel: "Årets överskott", AccTitle: "Årsredovisning", LongAR: true, Minutes: 1, ESign: 0, Date: 2}
	out = append(out, &Spec{C: c, S: s, Docs: std(c, s, "groff-tt", 0, true), Checks: []string{"org_number_mismatch"}})

	// 09: the auditor sits on the board; scanned.
	c = &Case{Slug: "09-rosendals-dansforening-skannad", Name: "Rosendals Dansförening", Org: luhnOrg("802520-461"), Town: "Rosendal",
		FYStart: "2025-01-01", FYEnd: "2025-12-31", YearLabel: "2025", Members: 224, Eligible: 167, Band: "7–25 år", Fee: 250,
		Income:     []Row{{"Medlemsavgifter", 56000}, {"Kursavgifter", 148300}, {"Föreningsbidrag Rosendals kommun", 52800}, {"Uppvisningar", 21700}},
		Costs:      []Row{{"Lokalhyra", 96000}, {"Instruktörsarvoden", 88200}, {"Dräkter och rekvisita", 24650}, {"Övriga externa kostnader", 31420}},
		GrantLabel: "Föreningsbidrag Rosendals kommun", EquityIn: 133900,
		Liab: []Row{{"Leverantörsskulder", 11800}}, Fixed: []Row{{"Förutbetalda hyror", 8000}},
		Chair: "Sofie Lindblad", Treasurer: "Kent Öst", Secr: "Julia Mäki", Others: []string{"Elin Kraft", "Adam Nyberg"},
		Auditor: "Elin Kraft", AuditorOnBoard: true, MeetingChair: "Rebecka Holm", Justerare: [2]string{"Stina Alm", "Nils Vallin"}, MeetingDate: "2026-03-15",
		Num: NumFmt{Sep: " ", Neg: "minus"}, Scanned: true, Note: "Revisorn (Elin Kraft) sitter också i styrelsen som ledamot. Skannad; Chromium med brevhuvud före skanning."}
	s = Style{VB: 0, IncTot: "Summa intäkter", CostTot: "Summa kostnader", ResLabel: "Årets resultat", AccTitle: "Årsredovisning", LongAR: false, Minutes: 0, ESign: 0, Date: 0}
	out = append(out, &Spec{C: c, S: s, Docs: std(c, s, "chromium", letterhead, true), Checks: []string{"auditor_on_board"}})

	// 10: personal data in a member list.
	c = &Case{Slug: "10-tallbackens-pensionarsforening", Name: "Tallbackens Pensionärsförening", Org: luhnOrg("802455-289"), Town: "Tallbacken",
		FYStart: "2025-01-01", FYEnd: "2025-12-31", YearLabel: "2025", Members: 26, Eligible: 24, Band: "65 år eller äldre", Fee: 120,
		Income:     []Row{{"Medlemsavgifter", 3120}, {"Bidrag från Tallbackens kommun", 6500}, {"Lotterier", 2840}, {"Resor", 18400}},
		Costs:      []Row{{"Resekostnader", 19100}, {"Lokalhyra", 4800}, {"Förtäring", 3960}, {"Porto och telefon", 1050}},
		GrantLabel: "Bidrag från Tallbackens kommun", EquityIn: 22450,
		Liab: []Row{{"Övriga skulder", 1200}}, Fixed: []Row{},
		Chair: "Maj Lindström", Treasurer: "Harald Wik", Secr: "Dagny Ros", Others: []string{"Evert Palm"},
		Auditor: "Gösta Ring", MeetingChair: "Hans Ödman", Justerare: [2]string{"Greta Sund", "Allan Berg"}, MeetingDate: "2026-02-19",
		Num: NumFmt{Sep: " ", Neg: "minus", Suffix: " kr"}, Note: "Medlemsförteckning med personnummer, adresser, telefonnummer och e-post för alla 26 medlemmar (personuppgifter). Chromium K2-tabeller; belopp med \"kr\"."}
	s = Style{VB: 2, IncTot: "Summa intäkter", CostTot: "Summa kostnader", ResLabel: "Årets resultat", AccTitle: "Resultat- och balansräkning", Minutes: 2, ESign: 2, Date: 2}
	docs := std(c, s, "chromium", k2report, true)
	ms := memberList(10, 26, 24, "Tallbacken", "731 91")
	{
		cc := c
		docs = append(docs, Doc{File: "medlemsforteckning.pdf", Types: []string{tMem}, Producer: "chromium", Layout: k2report, Parts: []func() []Block{func() []Block { return cc.memberReport(ms) }}})
	}
	var pd []string
	for _, m := range ms {
		pd = append(pd, m.PNR, m.Street, m.Phone, m.Email)
	}
	out = append(out, &Spec{C: c, S: s, Docs: docs, Checks: []string{"personal_data"}, PD: pd})
	return out
}
