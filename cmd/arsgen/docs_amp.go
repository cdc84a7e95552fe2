package main

import (
	"fmt"
	"strings"
)

// agmMinutes builds the årsmötesprotokoll.
func (b *builder) agmMinutes(f File) Doc {
	s := b.s
	v := s.Style.Variant
	d := Doc{PageNumbers: true, Footer: b.footer(f)}
	yr := b.yearLabel(false)
	next := fmt.Sprint(s.AGMDate.Year())
	if s.FYStart.Year() != s.FYEnd.Year() {
		next = fmt.Sprintf("%d/%02d", s.FYEnd.Year(), (s.FYEnd.Year()+1)%100)
	}
	when := []string{"den " + longDate(s.AGMDate), iso(s.AGMDate), "den " + DateStyle("slash").date(s.AGMDate)}[v%3]
	place := []string{"klubbstugan", "föreningens lokal", "Medborgarhuset, sal 2", "Folkets hus"}[v%4]
	switch v % 2 {
	case 0:
		d.add(Title{Text: "Protokoll fört vid årsmöte med " + s.Name})
		d.para(fmt.Sprintf("Tid: %s kl. 18.30\nPlats: %s, %s", when, place, s.City))
	default:
		d.add(Title{Text: "Årsmötesprotokoll " + yr})
		d.para(fmt.Sprintf("%s höll ordinarie årsmöte %s i %s, %s.", s.Name, when, place, s.City))
	}
	b.state("association_name", "annual_meeting_date")
	if v%3 == 0 {
		d.para("Organisationsnummer: " + b.orgText(b.org))
		b.state("org_number")
	}
	d.para(fmt.Sprintf("Närvarande: %d röstberättigade medlemmar enligt närvarolista (bilaga 1).", 9+b.rng.Intn(40)))

	n := 0
	sec := func(head string, text ...string) {
		n++
		d.add(Heading{Text: fmt.Sprintf("§ %d %s", n, head)})
		d.para(strings.Join(text, " "))
	}
	sec("Mötets öppnande", fmt.Sprintf("Föreningens ordförande %s hälsade alla välkomna och förklarade mötet öppnat.", b.chair))
	b.state("chair")
	sec("Fastställande av röstlängd", "Röstlängden fastställdes enligt närvarolistan.")
	sec("Val av mötesordförande", fmt.Sprintf("Till ordförande för mötet valdes %s.", b.meetingChair))
	sec("Val av sekreterare", fmt.Sprintf("Till sekreterare för mötet valdes %s.", b.secretary))
	sec("Val av justerare", fmt.Sprintf("Till justerare tillika rösträknare valdes %s och %s.", b.justerare[0], b.justerare[1]))
	sec("Mötets behöriga utlysande", []string{
		"Mötet förklarades behörigt utlyst.",
		"Frågan om mötet blivit behörigen utlyst besvaras med ja.",
		"Kallelse har skickats ut till medlemmarna tre veckor före mötet. Årsmötet ansåg sig vara stadgeenligt utlyst."}[v%3])
	sec("Fastställande av dagordning", "Den föreslagna dagordningen godkändes.")
	vbText := fmt.Sprintf("Styrelsens verksamhetsberättelse för %s föredrogs och lades till handlingarna.", yr)
	if v%2 == 1 {
		vbText = "Styrelsens verksamhets- och ekonomiska berättelse godkändes."
	}
	sec("Verksamhetsberättelse", vbText)
	res := "överskott"
	if b.acc.Result.Cur < 0 {
		res = "underskott"
	}
	sec("Resultat- och balansräkning", []string{
		fmt.Sprintf("Resultat- och balansräkning för år %s presenteras och godkänns.", yr),
		fmt.Sprintf("Kassör %s föredrog den ekonomiska berättelsen. Årsmötet beslutade att fastställa resultaträkningen och balansräkningen.", b.treasurer),
		fmt.Sprintf("Kassören %s redogjorde för föreningens ekonomi. Resultat- och balansräkningen fastställdes.", b.treasurer),
	}[v%3], fmt.Sprintf("Beslöts att årets %s skulle balanseras i ny räkning.", res))
	if v%3 != 0 {
		b.state("treasurer")
	}
	b.state("accounts_adopted")
	var rbText string
	switch {
	case s.Style.Discharge == "no":
		rbText = fmt.Sprintf("Revisor %s läste upp revisionsberättelsen, i vilken revisorn avstyrker ansvarsfrihet. Revisionsberättelsen lades därefter till handlingarna.", b.auditor)
	default:
		rbText = []string{
			"Revisionsberättelsen lästes upp och lades till handlingarna.",
			fmt.Sprintf("Revisor %s läste upp revisionsberättelsen, som därefter lades till handlingarna (bilaga 4).", b.auditor),
			"Revisionsberättelse lästes upp, revisorerna föreslog att styrelsen skulle beviljas ansvarsfrihet. Revisionsberättelsen lades till handlingarna.",
		}[v%3]
		if s.Style.Discharge == "silent" && v%3 == 2 {
			rbText = "Revisionsberättelsen lästes upp och lades till handlingarna."
		}
	}
	sec("Revisionsberättelse", rbText)
	b.state("audit_report_presented")
	if s.Style.Discharge == "no" {
		sec("Ansvarsfrihet", fmt.Sprintf("Efter diskussion beslutade årsmötet, trots revisorns avstyrkan, att bevilja styrelsen ansvarsfrihet för verksamhetsåret %s.", yr))
	} else {
		sec("Ansvarsfrihet", []string{
			fmt.Sprintf("Styrelsen beviljades ansvarsfrihet för verksamhetsåret %s.", yr),
			fmt.Sprintf("Fråga om styrelsens ansvarsfrihet för %s års förvaltning besvaras med ja.", yr),
			"Årsmötet beslutade enhälligt att bevilja styrelsen ansvarsfrihet för det gångna räkenskapsåret.",
			"Årsmötet beviljade styrelsen full ansvarsfrihet för den tid revisionen omfattar.",
		}[v%4])
	}
	b.state("discharge_granted")
	if !s.has("agm_decision_missing") {
		sec("Medlemsavgift", []string{
			fmt.Sprintf("Medlemsavgiften fastställdes till %d kronor för %s.", s.Fee, next),
			fmt.Sprintf("Årsmötet beslutade att medlemsavgiften för %s ska vara oförändrad, %d kr.", next, s.Fee),
			fmt.Sprintf("Beslöts att behålla medlemsavgiften på %d:- per år.", s.Fee),
		}[v%3])
		b.state("membership_fee")
	}
	b.state("fee_decided")
	sec("Verksamhetsplan och budget", fmt.Sprintf("Styrelsens förslag till verksamhetsplan och budget för %s godkändes.", next))
	sec("Val av ordförande", fmt.Sprintf("%s omvaldes till föreningens ordförande för ett år.", b.chair))
	sec("Val av övriga styrelseledamöter", fmt.Sprintf("Till ledamöter omvaldes %s, %s och %s.", b.treasurer, b.secretary, strings.Join(b.board, ", ")))
	sec("Val av revisor", fmt.Sprintf("Till revisor för ett år omvaldes %s.", b.auditor))
	b.state("auditor")
	sec("Val av valberedning", fmt.Sprintf("Till valberedning valdes %s (sammankallande) och %s.", b.justerare[1], b.meetingChair))
	if s.has("members_mismatch") && !b.hasKind(kindMF) {
		sec("Övriga frågor", fmt.Sprintf("Ordföranden informerade om att föreningen vid årsskiftet hade %d medlemmar.", s.Members+15+b.rng.Intn(20)))
	} else {
		sec("Övriga frågor", "Inga övriga frågor anmäldes.")
	}
	sec("Mötets avslutande", "Mötesordföranden tackade för visat intresse och förklarade mötet avslutat.")
	sigs := []Sig{{b.secretary, "Sekreterare"}, {b.meetingChair, "Mötesordförande"}, {b.justerare[0], "Justerare"}, {b.justerare[1], "Justerare"}}
	saved := b.signDate
	b.signDate = s.Style.Date.date(s.AGMDate.AddDate(0, 0, 5+b.rng.Intn(10)))
	d.add(b.signBlock(f, s.City, sigs)...)
	b.signDate = saved
	return d
}

// hasKind reports whether any file of the case holds kind.
func (b *builder) hasKind(kind string) bool {
	for _, f := range b.s.Files {
		for _, k := range f.Kinds {
			if k == kind {
				return true
			}
		}
	}
	return false
}
