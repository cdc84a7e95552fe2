package main

import (
	"fmt"
	"strings"
)

// auditReport renders the revisionsberättelse.
func auditReport(k *kase) string {
	var b strings.Builder
	name := esc(k.Name)
	switch k.RB {
	case 0: // FAR-like long form for a lay auditor
		fmt.Fprintf(&b, "<h1>Revisionsberättelse</h1>\n<p>Till årsmötet i %s, org.nr %s</p>\n", name, k.org())
		b.WriteString("<h2>Rapport om årsredovisningen</h2>\n<h3>Uttalanden</h3>\n")
		fmt.Fprintf(&b, "<p>Jag har granskat årsredovisningen och räkenskaperna samt styrelsens förvaltning i %s för räkenskapsåret %s.</p>\n", name, k.fyRange())
		b.WriteString("<p>Enligt min uppfattning har årsredovisningen upprättats i enlighet med bokföringslagen och ger en i alla väsentliga avseenden rättvisande bild av föreningens ekonomiska resultat och ställning.</p>\n")
		b.WriteString("<h3>Styrelsens ansvar</h3>\n<p>Det är styrelsen som har ansvaret för räkenskapshandlingarna och förvaltningen och för att årsredovisningen upprättas i enlighet med bokföringslagen.</p>\n")
		b.WriteString("<h3>Revisorns ansvar</h3>\n<p>Mitt ansvar är att uttala mig om årsredovisningen och förvaltningen på grundval av min revision. Revisionen har utförts i enlighet med god revisionssed för förtroendevalda revisorer. Det innebär att jag har planerat och genomfört revisionen för att i rimlig grad försäkra mig om att årsredovisningen inte innehåller väsentliga felaktigheter. Jag har granskat ett urval av underlagen för belopp och annan information i räkenskapshandlingarna.</p>\n")
		b.WriteString("<h2>Rapport om styrelsens förvaltning</h2>\n<p>Som underlag för mitt uttalande om ansvarsfrihet har jag granskat väsentliga beslut, åtgärder och förhållanden i föreningen för att kunna bedöma om någon styrelseledamot har handlat i strid med föreningens stadgar. Jag anser att revisionen ger mig rimlig grund för nedanstående uttalanden.</p>\n")
		b.WriteString("<h2>Uttalanden</h2>\n<p>Jag tillstyrker att årsmötet fastställer resultaträkningen och balansräkningen för räkenskapsåret och beviljar styrelsens ledamöter ansvarsfrihet för räkenskapsåret.</p>\n")
	case 1: // short lekmannarevisor form
		fmt.Fprintf(&b, "<h1>Revisionsberättelse för %s</h1>\n<p>Organisationsnummer: %s</p>\n", name, k.org())
		fmt.Fprintf(&b, "<p>Undertecknad, av årsmötet vald revisor i %s, får efter fullgjort uppdrag avge följande berättelse för verksamhetsåret %s.</p>\n", name, k.fyLong())
		b.WriteString("<p>Jag har granskat föreningens räkenskaper, årsbokslut och protokoll samt styrelsens förvaltning i övrigt. Granskningen har skett enligt god revisionssed. Kassabehållning och banktillgodohavanden har stämts av mot kontoutdrag per bokslutsdagen.</p>\n")
		b.WriteString("<p>Räkenskaperna är förda på ett tillfredsställande sätt och verifikationerna är i god ordning. Vid granskningen har inget framkommit som föranleder någon anmärkning.</p>\n")
		fmt.Fprintf(&b, "<p>Jag föreslår att årsmötet fastställer resultat- och balansräkningen samt beviljar styrelsen ansvarsfrihet för verksamhetsåret %s.</p>\n", k.fy())
	case 2: // FAR-like with "Till föreningsstämman" and a recommendation
		fmt.Fprintf(&b, "<h1>REVISIONSBERÄTTELSE</h1>\n<p>Till föreningsstämman i %s<br>Org.nr %s</p>\n", name, k.org())
		fmt.Fprintf(&b, "<p>Jag har granskat årsredovisningen och räkenskaperna samt styrelsens förvaltning i %s för räkenskapsåret %s. Det är styrelsen som har ansvaret för räkenskapshandlingarna och förvaltningen. Mitt ansvar är att uttala mig om årsredovisningen och förvaltningen på grundval av min revision.</p>\n", name, k.fy())
		b.WriteString("<p>Revisionen har utförts i enlighet med god revisionssed. Det innebär att jag planerat och genomfört revisionen för att med hög men inte absolut säkerhet försäkra mig om att årsredovisningen inte innehåller väsentliga felaktigheter. En revision innefattar att granska ett urval av underlagen för belopp och annan information i räkenskapshandlingarna.</p>\n")
		b.WriteString("<p>Årsredovisningen har upprättats i enlighet med årsredovisningslagen och ger en rättvisande bild av föreningens resultat och ställning i enlighet med god redovisningssed i Sverige.</p>\n")
		b.WriteString("<p>Jag tillstyrker att föreningsstämman fastställer resultaträkningen och balansräkningen, disponerar resultatet enligt förslaget i förvaltningsberättelsen och beviljar styrelsens ledamöter ansvarsfrihet för räkenskapsåret.</p>\n")
	default: // auditor advises against discharge
		fmt.Fprintf(&b, "<h1>Revisionsberättelse</h1>\n<p>Till årsmötet i %s, organisationsnummer %s</p>\n", name, k.org())
		fmt.Fprintf(&b, "<p>Jag har granskat årsredovisningen och räkenskaperna samt styrelsens förvaltning i %s för räkenskapsåret %s.</p>\n", name, k.fyRange())
		b.WriteString("<h3>Styrelsens ansvar</h3>\n<p>Det är styrelsen som har ansvaret för räkenskapshandlingarna och förvaltningen.</p>\n")
		b.WriteString("<h3>Revisorns ansvar</h3>\n<p>Mitt ansvar är att uttala mig om årsredovisningen och förvaltningen på grundval av min revision. Revisionen har utförts i enlighet med god revisionssed för förtroendevalda revisorer.</p>\n")
		b.WriteString("<h3>Grund för uttalande om förvaltningen</h3>\n")
		b.WriteString("<p>Under räkenskapsåret har kontanta intäkter från kiosk och tävlingar om sammanlagt 41 650 kronor inte redovisats till föreningens bankkonto i rätt tid, och för utbetalningar om 18 200 kronor till en styrelseledamot saknas både underlag och styrelsebeslut. Styrelsen har därmed inte uppfyllt sitt ansvar för att föreningens medel förvaltas på ett betryggande sätt.</p>\n")
		b.WriteString("<h3>Uttalanden</h3>\n<p>Årsredovisningen har upprättats i enlighet med bokföringslagen. Jag tillstyrker att årsmötet fastställer resultaträkningen och balansräkningen.</p>\n")
		b.WriteString("<p>Med hänvisning till vad som anförts ovan avstyrker jag att årsmötet beviljar styrelsens ledamöter ansvarsfrihet för räkenskapsåret.</p>\n")
	}
	place := fmt.Sprintf("%s den %s", k.Town, longDate(k.AuditDate))
	if k.RB == 1 {
		place = fmt.Sprintf("%s %s", k.Town, iso(k.AuditDate))
	}
	b.WriteString(sigBlock(k, place, []person{k.Auditor}, []string{k.AuditorTitle}, iso(k.AuditDate)))
	if k.Sign == "scrive" {
		b.WriteString(`<div class="pb"></div>` + verifikat(k, "Revisionsberättelse "+k.fy()+".pdf", []person{k.Auditor}, []string{k.AuditorTitle}, iso(k.AuditDate), 3))
	}
	return b.String()
}
