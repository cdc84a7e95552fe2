package extract

import (
	"regexp"
	"strings"
	"time"

	"arsflow/extract/casefile"
)

var (
	orgLabelled = regexp.MustCompile(`(?i)(?:org(?:anisations)?\.?\s*-?\s*(?:nr|nummer|no)\.?|orgnr|organisationsnummer|org\s*nr)\s*[:.]?\s*((?:16)?\d{6}\s?[-–]?\s?\d{4})(?:[^\d]|$)`)
	orgBare     = regexp.MustCompile(`(?:^|[^\d+-])(\d{2}[2-9]\d{3}-\d{4})(?:[^\d]|$)`)

	fiscalKeyword     = regexp.MustCompile(`(?i)räkenskapsår|verksamhetsår|bokföringsår|perioden|period|för\s+tiden|avser\s+tiden|budgetår|årsbokslut|årsredovisning|verksamhetsberättelse`)
	rangeSep          = regexp.MustCompile(`^\s*(?:[-–—−]|till|t\.?\s*o\.?\s*m\.?|tom|to|–)?\s*$`)
	yearAfterWord     = regexp.MustCompile(`(?i)(?:räkenskapsåret|verksamhetsåret|räkenskapsår|verksamhetsår|bokföringsåret|verksamhetsberättelse(?:n)?|årsredovisning(?:en)?|årsbokslut(?:et)?|ekonomisk\s+berättelse|revisionsberättelse|förvaltningsberättelse|för\s+år(?:et)?|för\s+verksamhetsåret|för\s+räkenskapsåret|avseende\s+(?:år(?:et)?|verksamhetsåret|räkenskapsåret))\s*:?\s+((?:19|20)\d{2})(?:\s*([/–-])\s*((?:19|20)?\d{2}))?(?:[^\d/–-]|$)`)
	yearsAForvaltning = regexp.MustCompile(`(?i)för\s+((?:19|20)\d{2})\s+års\s+(?:förvaltning|verksamhet|räkenskaper)`)

	meetingKeyword = regexp.MustCompile(`(?i)årsmöte|årsstämma|datum|tid\s*:|protokoll|sammanträde|den\s`)

	nameFromTitle   = regexp.MustCompile(`(?:(?i:årsredovisning|verksamhetsberättelse|verksamhets-\s*och\s+förvaltningsberättelse|revisionsberättelse|årsbokslut|ekonomisk\s+berättelse|ekonomisk\s+redovisning|medlemsförteckning|medlemsredovisning|styrelsen\s+för|årsmötesprotokoll|resultaträkning|balansräkning|protokoll)\s+(?i:för|i|vid|över|med)\s+|(?i:till\s+(?:års)?mötet\s+i|till\s+årsstämman\s+i|årsmöte\s+(?:med|i|för)|årsmötet\s+(?:med|i|för)|protokoll\s+fört\s+vid\s+(?:ordinarie\s+)?årsmöte(?:t)?\s+(?:med|i|för))\s+|(?i:styrelsen\s+för)\s+)` + assocNamePat)
	assocNamePat    = `((?:\p{Lu}[\p{L}&'’.-]*|[0-9]+)(?:[ ](?:\p{Lu}[\p{L}&'’.-]*|\p{Ll}*(?:förening(?:en)?|klubb(?:en)?|sällskap(?:et)?|förbund(?:et)?|kår(?:en)?|gille(?:t)?|kör(?:en)?)\b|(?:i|för|och|av|på|&|de|det|vid)\b|[0-9]{2,4}\b(?:\s*:s)?)){0,7})`
	assocWord       = regexp.MustCompile(`(?i)(förening|klubb|idrott|sällskap|förbund|scoutkår|kår\b|orkester|kör(en)?\b|ensemble|kapell|skytt|gille|allians|akademi|sektion|ungdom|\b(if|ik|bk|ff|sk|fk|gif|goif|aif|bois|ifk|pro|spf|kfum|kfuk|sk)\b|stiftelse|nätverk|riksförbund|församling|hembygds|teater|dans)`)
	assocLine       = regexp.MustCompile(`^` + assocNamePat + `\s*$`)
	nameHeldMeeting = regexp.MustCompile(`(?m)^` + assocNamePat + `\s+(?:höll|håller|har\s+hållit)\s+(?:sitt\s+)?(?:ordinarie\s+|extra\s+)?(?:årsmöte|årsstämma)`)
	nameTrailing    = regexp.MustCompile(`(?i)[\s,:;–-]*(?:(?:org(?:anisations)?\.?\s*(?:nr|nummer)|organisationsnummer|räkenskapsår|verksamhetsår|avseende|för\s+(?:år|räkenskaps|verksamhets))[\s\S]*|(?:för\s+)?(?:år\s+)?(?:19|20)\d{2}(?:\s*[/–-]\s*\d{2,4})?\s*)$`)
)

// findHeader adds association name, org number, fiscal year and meeting
// date candidates of d.
func findHeader(d *docText, types []string, add func(key string, c casefile.Candidate)) {
	for _, m := range orgLabelled.FindAllStringSubmatchIndex(d.full, -1) {
		if n, ok := casefile.NormalizeOrgNumber(strings.ReplaceAll(d.full[m[2]:m[3]], "–", "-")); ok {
			add(casefile.FieldOrgNumber, d.evidenceAt(n, m[0], m[1], 0.95))
		}
	}
	for _, m := range orgBare.FindAllStringSubmatchIndex(d.full, -1) {
		if n, ok := casefile.NormalizeOrgNumber(d.full[m[2]:m[3]]); ok {
			add(casefile.FieldOrgNumber, d.evidenceAt(n, m[2], m[3], 0.7))
		}
	}
	findFiscalYear(d, add)
	findAssociationName(d, add)
	if hasType(types, casefile.TypeAGMMinutes) {
		findMeetingDate(d, add)
	}
}

// findFiscalYear reads date ranges ("2024-01-01–2024-12-31", "1 juli 2023 –
// 30 juni 2024", "1 januari 31 december 2012") and bare years ("räkenskapsåret
// 2024", "2023/2024").
func findFiscalYear(d *docText, add func(key string, c casefile.Candidate)) {
	text := d.full
	dates := findDates(text)
	for i := 0; i+1 < len(dates); i++ {
		a, b := dates[i], dates[i+1]
		if b.Start-a.End > 8 || !rangeSep.MatchString(text[a.End:b.Start]) {
			continue
		}
		ta, _ := time.Parse(time.DateOnly, a.ISO)
		tb, _ := time.Parse(time.DateOnly, b.ISO)
		days := tb.Sub(ta).Hours() / 24
		if days < 150 || days > 560 {
			continue
		}
		conf := 0.8
		lineStart := d.lines[d.lineAt(a.Start)].start
		if fiscalKeyword.MatchString(text[max(lineStart, a.Start-80):a.Start]) {
			conf = 0.95
		}
		add(casefile.FieldFiscalYearStart, d.evidenceAt(a.ISO, a.Start, b.End, conf))
		add(casefile.FieldFiscalYearEnd, d.evidenceAt(b.ISO, a.Start, b.End, conf))
	}
	// A day and month without a year before a full date: "1 januari–31 december 2012".
	for _, b := range dates {
		pre := text[max(0, b.Start-30):b.Start]
		m := dayMonthBefore.FindStringSubmatchIndex(pre)
		if m == nil {
			continue
		}
		mo, day := months[strings.ToLower(pre[m[4]:m[5]])], atoi(pre[m[2]:m[3]])
		tb, _ := time.Parse(time.DateOnly, b.ISO)
		y := tb.Year()
		if mo > int(tb.Month()) || mo == int(tb.Month()) && day > tb.Day() {
			y--
		}
		start, ok := casefile.ISODate(y, mo, day)
		if !ok {
			continue
		}
		ta, _ := time.Parse(time.DateOnly, start)
		if days := tb.Sub(ta).Hours() / 24; days < 150 || days > 560 {
			continue
		}
		s := b.Start - len(pre) + m[2]
		add(casefile.FieldFiscalYearStart, d.evidenceAt(start, s, b.End, 0.9))
		add(casefile.FieldFiscalYearEnd, d.evidenceAt(b.ISO, s, b.End, 0.9))
	}
	for _, m := range yearAfterWord.FindAllStringSubmatchIndex(text, -1) {
		y1 := atoi(text[m[2]:m[3]])
		conf := 0.6
		if strings.HasPrefix(strings.ToLower(text[m[0]:m[1]]), "för ") || strings.HasPrefix(strings.ToLower(text[m[0]:m[1]]), "avseende") || strings.HasPrefix(strings.ToLower(text[m[0]:m[1]]), "verksamheten") {
			conf = 0.45
		}
		if m[6] >= 0 {
			// A broken fiscal year "2023/2024": the months are not printed;
			// assume July to June, with low confidence.
			y2 := lastYear(text[m[2]:m[7]])
			if y2 != y1+1 {
				continue
			}
			add(casefile.FieldFiscalYearStart, d.evidenceAt(isoMust(y1, 7, 1), m[0], m[1], 0.3))
			add(casefile.FieldFiscalYearEnd, d.evidenceAt(isoMust(y2, 6, 30), m[0], m[1], 0.3))
			continue
		}
		add(casefile.FieldFiscalYearStart, d.evidenceAt(isoMust(y1, 1, 1), m[0], m[1], conf))
		add(casefile.FieldFiscalYearEnd, d.evidenceAt(isoMust(y1, 12, 31), m[0], m[1], conf))
	}
	for _, m := range yearsAForvaltning.FindAllStringSubmatchIndex(text, -1) {
		y := atoi(text[m[2]:m[3]])
		add(casefile.FieldFiscalYearStart, d.evidenceAt(isoMust(y, 1, 1), m[0], m[1], 0.4))
		add(casefile.FieldFiscalYearEnd, d.evidenceAt(isoMust(y, 12, 31), m[0], m[1], 0.4))
	}
}

func isoMust(y, m, d int) string {
	s, _ := casefile.ISODate(y, m, d)
	return s
}

// findMeetingDate reads the date of the annual meeting from the minutes'
// first lines.
func findMeetingDate(d *docText, add func(key string, c casefile.Candidate)) {
	// The minutes may follow other documents in one PDF: start at their heading.
	first := 0
	for i, l := range d.lines {
		if headMinutes.MatchString(strings.TrimSpace(l.text)) {
			first = i
			break
		}
	}
	for i := first; i < len(d.lines) && i < first+25; i++ {
		l := d.lines[i]
		if l.page > d.lines[first].page+1 {
			break
		}
		for _, ds := range findDates(l.text) {
			conf := 0.6
			if meetingKeyword.MatchString(l.text) {
				conf = 0.85
			}
			if fiscalKeyword.MatchString(l.text) && !meetingHeld.MatchString(l.text) {
				continue
			}
			add(casefile.FieldAnnualMeetingDate, d.evidence(ds.ISO, i, i, conf-float64(i-first)*0.005))
		}
	}
}

var meetingHeld = regexp.MustCompile(`(?i)årsmöte|datum|protokoll`)

// findAssociationName reads the association's name from titles ("Årsredovisning
// för X", "Till årsmötet i X") and from short lines that name an association.
func findAssociationName(d *docText, add func(key string, c casefile.Candidate)) {
	for _, m := range nameFromTitle.FindAllStringSubmatchIndex(d.full, -1) {
		name := tidyName(d.full[m[2]:m[3]])
		if name == "" || !assocWord.MatchString(name) && len(strings.Fields(name)) < 2 {
			continue
		}
		conf := 0.85
		if !assocWord.MatchString(name) {
			conf = 0.6
		}
		if d.lines[d.lineAt(m[0])].page > 1 {
			conf -= 0.1
		}
		add(casefile.FieldAssociationName, d.evidenceAt(name, m[2], m[3], conf))
	}
	for _, m := range nameHeldMeeting.FindAllStringSubmatchIndex(d.full, -1) {
		if name := tidyName(d.full[m[2]:m[3]]); name != "" && len(strings.Fields(name)) >= 2 {
			add(casefile.FieldAssociationName, d.evidenceAt(name, m[2], m[3], 0.8))
		}
	}
	for i, l := range d.lines {
		if l.page > 1 || i > 15 {
			break
		}
		t := strings.TrimSpace(l.text)
		t = orgLabelled.ReplaceAllString(t, "")
		t = tidyName(t)
		if len(t) < 4 || len(t) > 70 || !assocWord.MatchString(t) || !assocLine.MatchString(t) {
			continue
		}
		if headAccounts.MatchString(t) || headActivity.MatchString(t) || headAudit.MatchString(t) || headMinutes.MatchString(t) || headMembers.MatchString(t) {
			continue
		}
		add(casefile.FieldAssociationName, d.evidence(t, i, i, 0.75-float64(i)*0.01))
	}
	findLetterhead(d, add)
}

// findLetterhead reads a name standing alone above the document's title,
// as in a letterhead ("Gamla Stans Bågskyttar" over "Verksamhetsberättelse
// 2025"), even when the name holds no word like förening or klubb.
func findLetterhead(d *docText, add func(key string, c casefile.Candidate)) {
	for i := 0; i+1 < len(d.lines) && i < 3; i++ {
		l, next := d.lines[i], d.lines[i+1]
		if l.page > 1 || next.page != l.page {
			break
		}
		t := tidyName(orgLabelled.ReplaceAllString(strings.TrimSpace(l.text), ""))
		if len(strings.Fields(t)) < 2 || len(t) > 70 || !assocLine.MatchString(t) || isHeading(t) || !isHeading(strings.TrimSpace(next.text)) {
			continue
		}
		add(casefile.FieldAssociationName, d.evidence(t, i, i, 0.7))
	}
}

// isHeading reports whether t starts like a document's title.
func isHeading(t string) bool {
	return headAccounts.MatchString(t) || headActivity.MatchString(t) || headAudit.MatchString(t) || headMinutes.MatchString(t) || headMembers.MatchString(t)
}

// tidyName strips org numbers, years and punctuation around a name.
func tidyName(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for range 3 {
		s = nameTrailing.ReplaceAllString(s, "")
		s = strings.TrimRight(s, " ,.:;–-(")
		s = strings.TrimSuffix(s, ":s")
	}
	s = strings.TrimLeft(s, " ,.:;–-)")
	return s
}

// dayMonthBefore is a day and month, without a year, ending a range's start.
var dayMonthBefore = regexp.MustCompile(`(?i)(?:^|[^\d])([0-3]?\d)(?::?e|:a)?\.?\s*(` + monthAlt + `)\s*(?:[-–—−]|till|t\.?o\.?m\.?)?\s*$`)
