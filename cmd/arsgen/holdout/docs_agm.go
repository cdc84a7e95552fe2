package main

import (
	"fmt"
	"strings"
)

// agmMinutes renders the årsmötesprotokoll.
func agmMinutes(k *kase) string {
	var b strings.Builder
	v := k.AGM
	name := esc(k.Name)
	d := k.AGMDate
	present := 14 + int(seeded(k.Slug+"agm").IntN(40))
	switch v {
	case 0:
		fmt.Fprintf(&b, "<h1>Protokoll fört vid årsmöte</h1>\n<p>%s<br>Datum: %s, kl. 19.00<br>Plats: %s<br>Närvarande: %d röstberättigade medlemmar enligt bifogad närvarolista</p>\n", name, iso(d), esc(k.AGMPlace), present)
	case 1:
		fmt.Fprintf(&b, "<h1>Årsmötesprotokoll</h1>\n<p>%s, org.nr %s</p>\n<p>Tid: %s den %s kl. 18.30<br>Plats: %s</p>\n", name, k.org(), weekdays[d.Weekday()], longDate(d), esc(k.AGMPlace))
	case 2:
		fmt.Fprintf(&b, "<h1>Protokoll från ordinarie årsmöte i %s</h1>\n<table class=\"kv\"><tr><td>Datum</td><td>%s</td></tr><tr><td>Plats</td><td>%s</td></tr><tr><td>Närvarande</td><td>%d medlemmar</td></tr></table>\n", name, longDate(d), esc(k.AGMPlace), present)
	default:
		fmt.Fprintf(&b, "<h1>PROTOKOLL</h1>\n<p>Ordinarie årsmöte för %s den %d/%d %d i %s.</p>\n", name, d.Day(), int(d.Month()), d.Year(), esc(k.AGMPlace))
	}
	type para struct{ title, text string }
	var ps []para
	add := func(t, x string) { ps = append(ps, para{t, x}) }
	ch, mc, ms := esc(k.Board.Chair.Name()), esc(k.MeetingChair.Name()), esc(k.Minutes.Name())
	j1, j2 := esc(k.Adjusters[0].Name()), esc(k.Adjusters[1].Name())
	add("Mötets öppnande", fmt.Sprintf("Föreningens ordförande %s hälsade alla välkomna och förklarade årsmötet öppnat.", ch))
	add("Fastställande av röstlängd", "Röstlängden fastställdes enligt närvarolistan.")
	add("Val av ordförande och sekreterare för mötet", fmt.Sprintf("Till mötesordförande valdes %s och till mötessekreterare %s.", mc, ms))
	add("Val av två justerare tillika rösträknare", fmt.Sprintf("Att jämte mötesordföranden justera dagens protokoll valdes %s och %s.", j1, j2))
	if v%2 == 0 {
		add("Fråga om mötet blivit behörigen utlyst", "Mötet förklarades behörigen utlyst.")
	} else {
		add("Mötets stadgeenliga utlysande", "Frågan om mötet blivit behörigen utlyst besvarades med ja.")
	}
	add("Fastställande av dagordning", "Den föreslagna dagordningen godkändes.")
	vbText := []string{
		fmt.Sprintf("Verksamhetsberättelsen för %s föredrogs och lades till handlingarna.", k.fy()),
		"Styrelsens verksamhetsberättelse godkändes och lades till handlingarna.",
		fmt.Sprintf("Ordföranden %s gick igenom verksamhetsberättelsen, som godkändes.", ch),
		"Verksamhetsberättelsen lästes upp och lades med godkännande till handlingarna.",
	}[v]
	add("Styrelsens verksamhetsberättelse", vbText)
	tr, au := esc(k.Board.Treasurer.Name()), esc(k.Auditor.Name())
	res := k.Acc.result(true)
	accTitle := []string{"Fastställande av resultat- och balansräkning", "Ekonomisk berättelse", "Fastställande av resultaträkning och balansräkning samt disposition av resultatet", "Kassarapport"}[v]
	accText := []string{
		fmt.Sprintf("Kassören %s redogjorde för resultat- och balansräkningen. Årsmötet beslöt att fastställa resultaträkningen och balansräkningen för %s.", tr, k.fy()),
		fmt.Sprintf("Resultat- och balansräkningen för verksamhetsåret %s föredrogs och fastställdes. Årets resultat balanseras i ny räkning.", k.fy()),
		fmt.Sprintf("Mötet fastställde resultaträkningen och balansräkningen per den %s samt beslutade att årets resultat, %s kronor, förs över i ny räkning.", longDate(k.FYEnd), k.kronor(res)),
		fmt.Sprintf("Den ekonomiska berättelsen gicks igenom av kassören %s. Resultat- och balansräkning godkändes av årsmötet.", tr),
	}[v]
	add(accTitle, accText)
	audText := []string{
		fmt.Sprintf("Revisor %s läste upp revisionsberättelsen, som lades till handlingarna.", au),
		fmt.Sprintf("Revisionsberättelsen föredrogs av %s och lades därefter till handlingarna.", au),
		"Revisionsberättelsen, som funnits tillgänglig före mötet, ansågs föredragen och lades till handlingarna.",
		fmt.Sprintf("%s läste upp revisionsberättelsen i vilken revisorn tillstyrker att styrelsen beviljas ansvarsfrihet. Revisionsberättelsen lades till handlingarna.", au),
	}[v]
	if k.Avstyrker {
		audText = fmt.Sprintf("Revisor %s läste upp revisionsberättelsen, i vilken revisorn avstyrker ansvarsfrihet för styrelsen. Revisionsberättelsen lades till handlingarna.", au)
	}
	add("Revisionsberättelse", audText)
	disText := []string{
		"Mötet beviljade styrelsen ansvarsfrihet för det gångna verksamhetsåret.",
		fmt.Sprintf("Årsmötet beslöt enhälligt att bevilja styrelsens ledamöter ansvarsfrihet för räkenskapsåret %s.", k.fy()),
		fmt.Sprintf("Styrelsen beviljades full ansvarsfrihet för %s års förvaltning.", k.fy()),
		fmt.Sprintf("Frågan om ansvarsfrihet för styrelsen för verksamhetsåret %s besvarades med ja.", k.fy()),
	}[v]
	if k.Avstyrker {
		disText = fmt.Sprintf("Efter diskussion beslöt årsmötet, i enlighet med revisorns förslag, att inte bevilja styrelsens ledamöter ansvarsfrihet för räkenskapsåret %s. Årsmötet uppdrog åt styrelsen att låta utreda kassahanteringen och redovisa resultatet vid ett extra årsmöte.", k.fy())
	}
	add("Fråga om ansvarsfrihet för styrelsen", disText)
	if !k.NoFee {
		feeTitle := []string{"Fastställande av medlemsavgifter", "Medlemsavgift för kommande år", "Beslut om årsavgift", "Avgifter"}[v]
		add(feeTitle, k.FeeText)
	}
	add("Verksamhetsplan och budget", "Styrelsens förslag till verksamhetsplan och budget för det kommande året presenterades och godkändes.")
	add("Val av ordförande", fmt.Sprintf("Till ordförande för en tid av ett år omvaldes %s.", ch))
	if len(k.Board.Members) >= 2 {
		add("Val av övriga styrelseledamöter", fmt.Sprintf("Till ledamöter för en tid av två år omvaldes %s och %s. Övriga ledamöter har ett år kvar av sin mandattid.", esc(k.Board.Members[0].Name()), esc(k.Board.Members[1].Name())))
	}
	add("Val av revisor och revisorssuppleant", fmt.Sprintf("Till %s omvaldes %s med %s som suppleant.", strings.ToLower(k.AuditorTitle), au, esc(k.AuditorDeputy.Name())))
	add("Val av valberedning", "Valberedningen fick i uppdrag att vara fulltalig till nästa årsmöte; två ledamöter valdes.")
	add("Motioner och propositioner", "Inga motioner hade inkommit.")
	add("Övriga frågor", "Inga övriga frågor förelåg.")
	add("Mötets avslutande", "Mötesordföranden tackade för visat intresse och förklarade årsmötet avslutat.")

	for i, p := range ps {
		n := i + 1
		var head string
		switch v {
		case 0:
			head = fmt.Sprintf("§ %d %s", n, esc(p.title))
		case 1:
			head = fmt.Sprintf("§%d. %s", n, esc(p.title))
		case 2:
			head = fmt.Sprintf("%d §&nbsp;&nbsp;%s", n, esc(p.title))
		default:
			head = fmt.Sprintf("§ %d. %s", n, strings.ToUpper(esc(p.title)))
		}
		fmt.Fprintf(&b, "<div class=\"para\"><b>%s</b><br>%s</div>\n", head, p.text)
	}
	signers := []person{k.Minutes, k.MeetingChair, k.Adjusters[0], k.Adjusters[1]}
	roles := []string{"Sekreterare", "Mötesordförande", "Justerare", "Justerare"}
	place := "Vid protokollet och justeras:"
	if v == 1 {
		place = fmt.Sprintf("%s den %s", k.Town, longDate(d.AddDate(0, 0, 6)))
	}
	b.WriteString(sigBlock(k, place, signers, roles, iso(d.AddDate(0, 0, 6))))
	if k.Sign == "scrive" {
		b.WriteString(`<div class="pb"></div>` + verifikat(k, "Årsmötesprotokoll "+fmt.Sprint(d.Year())+".pdf", signers, roles, iso(d.AddDate(0, 0, 6)), 4))
	}
	return b.String()
}

// memberList renders a member register with personal data (a planted problem).
func memberList(k *kase) string {
	var b strings.Builder
	b.WriteString("<style>@page { size: A4 landscape; margin: 14mm 12mm; } table.members td { white-space: nowrap; }</style>\n")
	fmt.Fprintf(&b, "<h1>Medlemsförteckning</h1>\n<p>%s, org.nr %s<br>Medlemmar per %s</p>\n", esc(k.Name), k.org(), iso(k.FYEnd))
	b.WriteString("<table class=\"grid small members\"><tr><th>Nr</th><th>Namn</th><th>Personnummer</th><th>Adress</th><th>Postadress</th><th>Telefon</th><th>E-post</th><th>Typ</th></tr>\n")
	for i, m := range k.MemberList {
		typ := "Senior"
		if m.Junior {
			typ = "Junior"
		}
		fmt.Fprintf(&b, "<tr><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			i+1, esc(m.Name.Last+", "+m.Name.First), m.PNR, esc(m.Street), esc(m.Postal), m.Phone, m.Email, typ)
	}
	fmt.Fprintf(&b, "</table>\n<p>Antal medlemmar: %d</p>\n<p>Förteckningen bifogas ansökan om aktivitetsbidrag enligt kommunens begäran.</p>\n", len(k.MemberList))
	return b.String()
}
