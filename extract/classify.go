package extract

import (
	"regexp"
	"strings"

	"arsflow/extract/casefile"
	"arsflow/extract/pdftext"
)

// Headings and supporting phrases per document type. A heading is a short
// line that starts with the keyword and is not a numbered agenda item (the
// minutes' "§ 7 Revisionsberättelse" is not an audit report).
var (
	headActivity = regexp.MustCompile(`(?i)^(styrelsens\s+)?(verksamhets\s*berättelse|verksamhets-\s*(och|&)\s*förvaltningsberättelse|årsberättelse|verksamhetsredogörelse|berättelse över verksamheten|styrelsens\s+berättelse)`)
	headAccounts = regexp.MustCompile(`(?i)^(förenklat\s+)?(årsredovisning|ekonomisk(a)?\s+(berättelse|redovisning|rapport)|årsbokslut|bokslut|resultat-?\s*(och|&)\s*balansräkning|resultaträkning|balansräkning|kassaberättelse|kassarapport|ekonomisk\s+sammanställning|räkenskaper)`)
	headAudit    = regexp.MustCompile(`(?i)^(revisionsberättelse|revisorernas\s+berättelse|revisorns\s+berättelse|revisorsberättelse|revisorsrapport|revisionsrapport|granskningsrapport)`)
	headMinutes  = regexp.MustCompile(`(?i)^(årsmötesprotokoll|protokoll\s+(fört\s+)?(vid|från|för)\s+.{0,80}(års|stämma|årsmöte)|protokoll\s+årsmöte|(ordinarie\s+)?årsmöte\s+\d{4}|protokoll,?\s+(ordinarie\s+)?årsmöte|årsstämmoprotokoll|protokoll\s+från\s+(ordinarie\s+)?(årsmöte|årsstämma))`)
	headMembers  = regexp.MustCompile(`(?i)^(medlemsredovisning|medlemsförteckning|medlemsregister|medlemsmatrikel|medlemsrapport|medlemsstatistik|förteckning\s+över\s+medlemmar|medlemslista|redovisning\s+av\s+medlemmar|medlemsuppgifter)`)

	supportAudit    = regexp.MustCompile(`(?i)(har\s+granskat|granskat\s+(årsredovisning|räkenskap|bokföring|föreningens|styrelsens|förvaltning)|granskningen|tillstyrk|avstyrk)`)
	supportMinutes  = regexp.MustCompile(`(?i)(justerare|justera(s|t)?\s+protokoll|mötets?\s+(öppnande|behörig)|behörigen\s+utlyst|dagordning|mötesordförande|(§|paragraf)\s*\d|årsmötet\s+(beslöt|beslutade|valde)|protokollet\s+justera)`)
	supportIncome   = regexp.MustCompile(`(?i)(resultaträkning|resultatrapport|summa\s+(rörelse|verksamhets)?(intäkter|kostnader)|totala\s+(intäkter|kostnader)|årets\s+(resultat|över|under))`)
	supportBalance  = regexp.MustCompile(`(?i)(balansräkning|balansrapport|summa\s+tillgångar|summa\s+eget\s+kapital\s+och\s+skulder|summa\s+skulder\s+och\s+eget\s+kapital)`)
	supportMembers  = regexp.MustCompile(`(?i)(medlemsnummer|födelseår|födelsedatum|personnummer|antal\s+medlemmar|medlemmar\s+totalt|ålder)`)
	supportActivity = regexp.MustCompile(`(?i)(under\s+(verksamhets|räkenskaps)?året|verksamhetsåret|styrelsen\s+har\s+(under|haft|bestått)|styrelsen\s+har\s+under)`)
	numberedItem    = regexp.MustCompile(`^\s*(§|paragraf|punkt)?\s*\d{1,2}\s*[.):§]?\s`)
)

// classify returns the types a document holds, judged from its headings and
// supporting phrases. A document with no recognised type is "other".
func classify(d *docText) []string {
	found := map[string]bool{}
	// Headings at the top of a page count; elsewhere only when the document
	// has no heading at the top of a page (a combined PDF starts each part
	// on a new page, while minutes mention other documents in passing).
	top, anywhere := map[string]bool{}, map[string]bool{}
	lineOnPage, page := 0, 0
	for _, l := range d.lines {
		if l.page != page {
			page, lineOnPage = l.page, 0
		}
		lineOnPage++
		t := strings.TrimSpace(l.text)
		if len(strings.Fields(t)) > 9 || strings.HasSuffix(t, ".") || numberedItem.MatchString(t) || strings.HasPrefix(t, "§") {
			continue
		}
		var typ string
		switch {
		case headMinutes.MatchString(t):
			typ = casefile.TypeAGMMinutes
		case headAudit.MatchString(t):
			typ = "audit_heading"
		case headMembers.MatchString(t):
			typ = casefile.TypeMembershipReport
		case headActivity.MatchString(t):
			typ = casefile.TypeActivityReport
		case headAccounts.MatchString(t):
			typ = casefile.TypeAnnualAccounts
		default:
			continue
		}
		anywhere[typ] = true
		if lineOnPage <= 6 {
			top[typ] = true
		}
	}
	if len(top) > 0 {
		found = top
	} else {
		found = anywhere
	}
	full := d.full
	if found["audit_heading"] && supportAudit.MatchString(full) {
		found[casefile.TypeAuditReport] = true
	}
	if !found[casefile.TypeAuditReport] && auditorsReviewed.MatchString(full) && supportAudit.MatchString(full) {
		found[casefile.TypeAuditReport] = true
	}
	if !found[casefile.TypeAGMMinutes] && meetingWord.MatchString(full) && len(supportMinutes.FindAllString(full, 4)) >= 3 {
		found[casefile.TypeAGMMinutes] = true
	}
	if len(found) == 0 && supportIncome.MatchString(full) && supportBalance.MatchString(full) {
		found[casefile.TypeAnnualAccounts] = true
	}
	if len(found) == 0 && membersHeading.MatchString(full) && supportMembers.MatchString(full) {
		found[casefile.TypeMembershipReport] = true
	}
	var out []string
	for _, t := range []string{casefile.TypeActivityReport, casefile.TypeAnnualAccounts, casefile.TypeAuditReport, casefile.TypeAGMMinutes, casefile.TypeMembershipReport} {
		if found[t] {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		out = []string{casefile.TypeOther}
	}
	return out
}

// hasIncomeStatement and hasBalanceSheet say whether accounts hold each part.
func hasIncomeStatement(d *docText) bool {
	return incomeHeading.MatchString(d.full) ||
		(len(incomeRows.FindAllString(d.full, -1)) >= 2)
}

func hasBalanceSheet(d *docText) bool {
	return balanceHeading.MatchString(d.full) ||
		balanceRows.MatchString(d.full)
}

// pagesOf is a helper for tests and callers with plain text per page.
func pagesOf(texts ...string) []pdftext.Page {
	out := make([]pdftext.Page, len(texts))
	for i, t := range texts {
		out[i] = pdftext.Page{Number: i + 1, Source: pdftext.SourcePDF, Quality: 1, Text: t}
	}
	return out
}

var (
	auditorsReviewed = regexp.MustCompile(`(?i)(jag|vi|undertecknade?)\s+(har\s+)?(granskat|granskade)`)
	meetingWord      = regexp.MustCompile(`(?i)(årsmöte|årsstämma)`)
	membersHeading   = regexp.MustCompile(`(?im)^\s*(medlemmar|medlemsantal)\s*$`)
	incomeHeading    = regexp.MustCompile(`(?im)^\s*(resultaträkning|resultatrapport|resultat\s*(och|&)\s*balansräkning|resultat-\s*(och|&)\s*balansräkning)`)
	incomeRows       = regexp.MustCompile(`(?i)(summa\s+(rörelse|verksamhets)?intäkter|totala\s+intäkter|intäkter\s+totalt|summa\s+(rörelse|verksamhets)?kostnader|totala\s+kostnader|kostnader\s+totalt|årets\s+(resultat|över|under))`)
	balanceHeading   = regexp.MustCompile(`(?im)^\s*(balansräkning|balansrapport|resultat-?\s*(och|&)\s*balansräkning)`)
	balanceRows      = regexp.MustCompile(`(?i)(summa\s+tillgångar|tillgångar\s+totalt|summa\s+eget\s+kapital\s+och\s+skulder)`)
)
