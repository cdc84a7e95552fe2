package extract

import (
	"math"
	"regexp"
	"strings"

	"arsflow/extract/casefile"
)

// Sign rules for amount labels.
const (
	signAsPrinted = iota
	signNegative  // "Årets underskott 12 500" means −12 500
	signPositive  // "Årets överskott"
	signAbs       // totals of income or costs, printed with either sign
)

// rowLabel is one way a statement row or a sentence names a figure.
type rowLabel struct {
	key  string
	re   *regexp.Regexp
	conf float64
	sign int
	// count marks a count of members: a whole number, never in thousands.
	count bool
	// countTable marks a count row read only under count columns.
	countTable bool
}

// Internal keys used by the checks; they are not part of the case output.
const (
	keyLiabilities        = "_liabilities"
	keyEquityLiabilities  = "_equity_and_liabilities"
	keyShortLiabilities   = "_short_liabilities"
	keyLongLiabilities    = "_long_liabilities"
	keyProvisions         = "_provisions"
	keyMembersPrevious    = "_members_previous"
	keyIncomeStatementHas = "_income_statement"
)

func label(key string, conf float64, sign int, re string) rowLabel {
	return rowLabel{key: key, re: regexp.MustCompile(`(?i)` + re), conf: conf, sign: sign}
}

// rowLabels are tried on every line; the first matching label of a key on a
// line wins. Word boundaries are written as (^|[^\p{L}]) because \b is ASCII.
var rowLabels = []rowLabel{
	label(casefile.FieldIncomeTotal, 0.95, signAbs, `(^|[^\p{L}])(summa|s:a|totala|totalt)\s+(rörelsens\s+|verksamhetens\s+|föreningens\s+)?(intäkter|inkomster|rörelseintäkter|verksamhetsintäkter|intäkter\s+och\s+bidrag)([^\p{L}]|$)`),
	label(casefile.FieldIncomeTotal, 0.9, signAbs, `(^|[^\p{L}])(intäkter|inkomster|rörelseintäkter)(,)?\s+(totalt|summa|sammanlagt)([^\p{L}]|$)`),
	label(casefile.FieldIncomeTotal, 0.8, signAbs, `(^|[^\p{L}])(de\s+)?(totala|sammanlagda)\s+(intäkterna|inkomsterna)\s+(uppgick|blev|var|landade)(\s+till)?`),
	label(casefile.FieldIncomeTotal, 0.75, signAbs, `(^|[^\p{L}])((föreningens|klubbens|kårens|våra|årets|samtliga|de)\s+)?(intäkter|intäkterna|inkomsterna)\s+(uppgick|uppgår|blev|var|landade)\s+(\p{L}+\s+){0,3}?(till|på)(\s|$)`),
	label(casefile.FieldCostsTotal, 0.95, signAbs, `(^|[^\p{L}])(summa|s:a|totala|totalt)\s+(rörelsens\s+|verksamhetens\s+|föreningens\s+)?(kostnader|utgifter|rörelsekostnader)([^\p{L}]|$)`),
	label(casefile.FieldCostsTotal, 0.9, signAbs, `(^|[^\p{L}])(kostnader|utgifter|rörelsekostnader)(,)?\s+(totalt|summa|sammanlagt)([^\p{L}]|$)`),
	label(casefile.FieldCostsTotal, 0.75, signAbs, `(^|[^\p{L}])summa\s+verksamhetskostnader([^\p{L}]|$)`),
	label(casefile.FieldCostsTotal, 0.8, signAbs, `(^|[^\p{L}])(de\s+)?(totala|sammanlagda)\s+(kostnaderna|utgifterna)\s+(uppgick|blev|var|landade)(\s+till)?`),
	label(casefile.FieldCostsTotal, 0.75, signAbs, `(^|[^\p{L}])((föreningens|klubbens|kårens|våra|årets|samtliga|de)\s+)?(kostnader|kostnaderna|utgifterna)\s+(uppgick|uppgår|blev|var|landade)\s+(\p{L}+\s+){0,3}?(till|på)\s|(^|[^\p{L}])och\s+(kostnaderna|utgifterna)\s+(till|på)(\s|$)`),
	label(casefile.FieldResult, 0.95, signAsPrinted, `(^|[^\p{L}])(årets|periodens|räkenskapsårets|verksamhetsårets)\s+(resultat|över-?\s*/\s*underskott|överskott\s*/\s*underskott|över-\s*(och|eller)\s*underskott|nettoresultat)([^\p{L}]|$)`),
	label(casefile.FieldResult, 0.95, signNegative, `(^|[^\p{L}])(årets|periodens|räkenskapsårets|verksamhetsårets)\s+(underskott|förlust)([^\p{L}]|$)`),
	label(casefile.FieldResult, 0.95, signPositive, `(^|[^\p{L}])(årets|periodens|räkenskapsårets|verksamhetsårets)\s+(överskott|vinst)([^\p{L}]|$)`),
	label(casefile.FieldResult, 0.85, signAsPrinted, `(^|[^\p{L}])(resultat|över-?\s*/\s*underskott)\s+efter\s+finansiella\s+poster([^\p{L}]|$)`),
	label(casefile.FieldResult, 0.6, signAsPrinted, `(^|[^\p{L}])(verksamhetens|rörelsens)\s+(resultat|över-?\s*/\s*underskott)([^\p{L}]|$)|(^|[^\p{L}])rörelseresultat([^\p{L}]|$)`),
	label(casefile.FieldResult, 0.6, signAsPrinted, `^\s*(resultat|redovisat\s+resultat|nettoresultat)\s*(:|\s{2})`),
	label(casefile.FieldResult, 0.7, signAsPrinted, `^\s*(över-?\s*/\s*underskott|överskott\s*/\s*underskott)\s*(:|\s{2}|$)`),
	label(casefile.FieldResult, 0.7, signNegative, `^\s*(underskott|förlust)\s*(:|\s{2}|$)`),
	label(casefile.FieldResult, 0.7, signPositive, `^\s*(överskott|vinst)\s*(:|\s{2}|$)`),
	label(casefile.FieldResult, 0.85, signNegative, `(^|[^\p{L}])(ett|med\s+ett|gjorde\s+ett|visar\s+ett|redovisar\s+ett|uppvisar\s+ett)\s+(underskott|negativt\s+resultat|förlust)\s+(på|om|av)\s`),
	label(casefile.FieldResult, 0.85, signPositive, `(^|[^\p{L}])(ett|med\s+ett|gjorde\s+ett|visar\s+ett|redovisar\s+ett|uppvisar\s+ett)\s+(överskott|positivt\s+resultat|vinst)\s+(på|om|av)\s`),
	label(casefile.FieldResult, 0.8, signNegative, `(^|[^\p{L}])gick\s+med\s+(underskott|förlust)\s+(på|om|med)?\s*`),
	label(casefile.FieldResult, 0.8, signPositive, `(^|[^\p{L}])gick\s+med\s+(överskott|vinst)\s+(på|om|med)?\s*`),
	label(casefile.FieldResult, 0.8, signAsPrinted, `(^|[^\p{L}])(årets\s+)?resultat(et)?\s+(för\s+(året|verksamhetsåret|räkenskapsåret)\s+)?(blev|uppgick\s+till|landade\s+på|var)\s`),
	label(casefile.FieldTotalAssets, 0.95, signAsPrinted, `(^|[^\p{L}])(summa|s:a|totala|totalt)\s+tillgångar([^\p{L}]|$)|(^|[^\p{L}])tillgångar,?\s+(totalt|summa)([^\p{L}]|$)`),
	label(casefile.FieldTotalAssets, 0.75, signAsPrinted, `(^|[^\p{L}])(de\s+)?(totala|samlade)\s+tillgångarna\s+(uppgick|var|blev)(\s+till)?`),
	label(casefile.FieldEquity, 0.95, signAsPrinted, `(^|[^\p{L}])(summa|s:a|totalt)\s+eget\s+kapital(\s*$|\s{2,}|\s*[:\-−(\d])`),
	label(casefile.FieldEquity, 0.9, signAsPrinted, `(^|[^\p{L}])(eget\s+kapital,?\s+(vid\s+)?(räkenskapsårets|verksamhetsårets|årets|periodens)\s+slut|utgående\s+eget\s+kapital|eget\s+kapital,?\s+(vid\s+)?utgången\s+av\s+året|eget\s+kapital\s+totalt)([^\p{L}]|$)`),
	label(casefile.FieldEquity, 0.6, signAsPrinted, `^\s*eget\s+kapital\s*(:|\s{2,}|\s(\(|−|-)?\d)`),
	label(casefile.FieldEquity, 0.75, signAsPrinted, `(^|[^\p{L}])(det\s+)?eget\s+kapital(et)?\s+(uppgick|var|uppgår|blev)(\s+vid\s+årets\s+slut)?(\s+till)?`),
	label(casefile.FieldMunicipalGrants, 0.9, signAbs, `(^|[^\p{L}])(summa\s+)?(kommunala?|kommunalt)\s+(bidrag|stöd|föreningsbidrag|aktivitetsbidrag|aktivitetsstöd|verksamhetsbidrag|lokalbidrag|driftbidrag|anslag)([^\p{L}]|$)`),
	label(casefile.FieldMunicipalGrants, 0.9, signAbs, `(^|[^\p{L}])\p{L}*(bidrag|stöd|anslag)\s+(från\s+)?(\p{Lu}\p{L}+\s+)?(kommun(en)?|stad(en)?)([^\p{L}]|$)|(^|[^\p{L}])kommunbidrag|(^|[^\p{L}])(\p{Lu}\p{L}+\s+)?(kommuns?|stads?|kommunens)\s+\p{L}*(bidrag|stöd)|(^|[^\p{L}])\p{L}*(bidrag|stöd)\s+(från\s+)?(kultur-\s+och\s+)?fritids(nämnden|förvaltningen)`),
	label(casefile.FieldMunicipalGrants, 0.6, signAbs, `^\s*föreningsbidrag(\s+från\s+kommunen)?([^\p{L}]|$)`),
	countLabel(casefile.FieldMembersTotal, 0.95, `^\s*(totalt\s+antal\s+medlemmar|antal\s+medlemmar(\s+totalt)?|medlemmar,?\s+totalt|summa\s+medlemmar|medlemsantal)\s*(:|\s{2,}|$)`),
	countLabel(casefile.FieldMembersTotal, 0.8, `^\s*(totalt|summa|total|alla|samtliga)\s*(:|\s{2,}|$)`),
	countTableLabel(casefile.FieldMembersTotal, 0.9, `^\s*(medlemmar|antal|antal\s+personer|antal\s+medlemmar)(\s+(totalt|per\s+\S+(\s+\S+)?|vid\s+årets\s+slut))?\s*(:|\s{2,}|$)`),
	countLabel(casefile.FieldMembersEligible, 0.9, `^\s*((varav|därav)\s+)?(bidragsberättigade(\s+medlemmar)?|medlemmar\s+i\s+bidragsberättigad\s+ålder|(medlemmar\s+)?\(?\d{1,2}\s*[-–—]\s*\d{1,2}\s*år\)?|(medlemmar\s+)?i\s+åldern\s+\d{1,2}\s*[-–—]\s*\d{1,2}\s*år|\d{1,2}\s*år\s+och\s+äldre|(medlemmar\s+)?under\s+\d{1,2}\s*år)\s*(:|\s{2,}|$)`),
	label(keyLiabilities, 0.9, signAbs, `(^|[^\p{L}])(summa|s:a|totala)\s+skulder(\s*$|\s{2,}|\s*[:\-−(\d])|(^|[^\p{L}])skulder,?\s+totalt`),
	label(keyShortLiabilities, 0.9, signAbs, `(^|[^\p{L}])summa\s+kortfristiga\s+skulder([^\p{L}]|$)`),
	label(keyLongLiabilities, 0.9, signAbs, `(^|[^\p{L}])summa\s+långfristiga\s+skulder([^\p{L}]|$)`),
	label(keyProvisions, 0.9, signAbs, `(^|[^\p{L}])summa\s+avsättningar([^\p{L}]|$)`),
	label(keyEquityLiabilities, 0.95, signAsPrinted, `(^|[^\p{L}])(summa|s:a|totalt)\s+(eget\s+kapital\s+och\s+skulder|skulder\s+och\s+eget\s+kapital)([^\p{L}]|$)`),
}

func countLabel(key string, conf float64, re string) rowLabel {
	l := label(key, conf, signAbs, re)
	l.count = true
	return l
}

// countTableLabel is a count row that is read only under a header of count
// columns ("Kvinnor  Män  Totalt").
func countTableLabel(key string, conf float64, re string) rowLabel {
	l := countLabel(key, conf, re)
	l.countTable = true
	return l
}

// notResultPrefix rejects labels about another year or a balance item.
var notFigurePrefix = regexp.MustCompile(`(?i)(föregående|fg\.?|förra)\s+(års?|årets)\s*$|balanserat\s*$|budget(erat)?\s*$|\(\s*$`)

// tkrHeader finds a statement that amounts are printed in thousands.
var tkrHeader = regexp.MustCompile(`(?i)(belopp|alla\s+belopp|samtliga\s+belopp|siffror|uppgifter)\s+(anges\s+|redovisas\s+|är\s+)?i\s+(tkr|tusental\s+kronor|tusentals\s+kronor|tusen\s+kronor|ksek)|\(\s*(tkr|ksek)\s*\)|^\s*(tkr|ksek)\s*$|\s{2,}(tkr|ksek)\s*$|^\s*(tkr|ksek)\s{2,}`)

// prevParenRe finds the convention that figures in parentheses are the
// previous year's.
var prevParenRe = regexp.MustCompile(`(?i)(inom\s+parente(s|sen|ser)\s+(avser|anger|visar|är)\s+(föregående|fjolårets|förra)|\((föregående\s+år|fg\s+år|fjolår)[^)]*(inom\s+parentes)?\)|föregående\s+års?\s+(siffror|belopp|värden|uppgifter)\s+(anges\s+)?inom\s+parentes)`)

// memberWord marks a page about members, where bare "Totalt" rows count them.
var memberWord = regexp.MustCompile(`(?i)medlem`)

// sentenceEnd finds the end of a sentence in running text.
var sentenceEnd = regexp.MustCompile(`[.!?;]\s+\p{Lu}|[.!?]\s*$`)

// columns describes the amount columns a statement header names.
type columns struct {
	line    int
	x0, x1  []float64
	current int // index of the current year's column, -1 when unknown
	n       int
	// counts is set for a header of count columns ("Kvinnor  Män  Totalt",
	// "7–25 år  26 år och äldre  Totalt"); current is then the total column
	// and eligible lists the columns of grant age bands.
	counts   bool
	eligible []int
}

// countColumn is a header column of a member table; totalColumn its total.
var (
	countColumn = regexp.MustCompile(`(?i)^(kvinnor|män|flickor|pojkar|tjejer|killar|damer|herrar|övriga|annat|annan|ickebinära|barn|ungdomar|unga|vuxna|seniorer|pensionärer|juniorer|antal|(totalt|summa|alla|total|samtliga)(\s+antal)?)$`)
	totalColumn = regexp.MustCompile(`(?i)^(totalt|summa|alla|total|samtliga)`)
)

// yearTok finds years, with an optional second year for broken fiscal years.
var yearTok = regexp.MustCompile(`(?:19|20)\d{2}(?:\s*[/–-]\s*(?:(?:19|20)?\d{2}))?`)

// parseHeader reads a statement header such as "Not  2024  2023",
// "2023-12-31  2024-12-31", "Utfall 2024  Budget 2024  Utfall 2023" or
// "Detta år  Föregående år".
//
// fy is the document's fiscal year (its end year), 0 when unknown: the
// column of that year is the current one even when a later year (a budget)
// or an earlier one stands first.
func parseHeader(d *docText, i, fy int) (columns, bool) {
	l := &d.lines[i]
	t := l.text
	if len(findAmounts(maskYears(maskAges(t)))) > 0 {
		return columns{}, false
	}
	segs := splitColumns(t)
	if h, ok := countHeader(l, segs); ok {
		h.line = i
		return h, true
	}
	var cols columns
	cols.line, cols.current = i, -1
	best := -1
	for k, s := range segs {
		if k == 0 {
			// A title joined to the first year by one space:
			// "Resultaträkning 2024   2025".
			if m := titledYear.FindStringSubmatchIndex(t[s[0]:s[1]]); m != nil && !columnSeg.MatchString(t[s[0]:s[1]]) {
				s[0] += m[2]
			}
		}
		seg := t[s[0]:s[1]]
		low := strings.ToLower(seg)
		year := 0
		for _, y := range yearTok.FindAllString(seg, -1) {
			year = max(year, lastYear(y))
		}
		kind := 0
		switch {
		case strings.Contains(low, "budget") || strings.Contains(low, "prognos"):
			kind = 3
		case prevColumn.MatchString(low):
			kind = 2
		case currentColumn.MatchString(low) && year == 0:
			kind = 1
		}
		if year == 0 && kind == 0 || !columnSeg.MatchString(yearTok.ReplaceAllString(maskDates(seg), "")) {
			continue
		}
		x0, x1 := l.span(s[0], s[1])
		cols.x0 = append(cols.x0, x0)
		cols.x1 = append(cols.x1, x1)
		idx := len(cols.x0) - 1
		score := year * 10
		if fy > 0 && year == fy {
			score = 1 << 29
		}
		switch kind {
		case 1:
			score = 1 << 30
		case 2:
			score = -1
		case 3:
			score = -2
		}
		if score > best {
			best, cols.current = score, idx
		}
	}
	cols.n = len(cols.x0)
	return cols, cols.n >= 2
}

// titledYear is a statement title followed by a year column.
var titledYear = regexp.MustCompile(`(?i)^(?:resultaträkning|balansräkning|resultatrapport|balansrapport|belopp\s+i\s+(?:kr|kronor|tkr|sek))\s+((?:19|20)\d{2}(?:\s*[/–-]\s*(?:19|20)?\d{2})?)$`)

// countHeader reads the header of a member table: two or more count
// columns, one of them a total.
func countHeader(l *textLine, segs [][2]int) (columns, bool) {
	h := columns{current: -1, counts: true}
	for _, sg := range segs {
		seg := strings.TrimSpace(l.text[sg[0]:sg[1]])
		eligible, band := eligibleBand(seg)
		if band && !ageBandWhole.MatchString(seg) {
			band = false
		}
		if !band && !countColumn.MatchString(seg) {
			if len(h.x0) > 0 {
				return columns{}, false // a title stands only before the columns
			}
			continue
		}
		x0, x1 := l.span(sg[0], sg[1])
		h.x0, h.x1 = append(h.x0, x0), append(h.x1, x1)
		idx := len(h.x0) - 1
		if totalColumn.MatchString(seg) {
			h.current = idx
		}
		if band && eligible {
			h.eligible = append(h.eligible, idx)
		}
	}
	h.n = len(h.x0)
	return h, h.n >= 2 && h.current >= 0
}

// ageBandWhole is a header column that is only an age band.
var ageBandWhole = regexp.MustCompile(`(?i)^\(?\s*(?:\p{L}+\s+)?(?:\d{1,2}\s*(?:[-–—]|till)\s*\d{1,2}|under\s+\d{1,2}|över\s+\d{1,2}|\d{1,2}\s*\+|\d{1,2}\s*år\s+och\s+(?:äldre|yngre|uppåt|över))\s*(?:år)?\s*\)?$`)

// maskAges hides age bands ("7–25 år", "65 år och äldre") so they are not
// read as amounts.
func maskAges(s string) string {
	b := []byte(s)
	for _, m := range ageRe.FindAllStringSubmatchIndex(s, -1) {
		for g := 1; g <= 3; g++ {
			for i := m[2*g]; m[2*g] >= 0 && i < m[2*g+1]; i++ {
				b[i] = '#'
			}
		}
	}
	return string(b)
}

// columnSeg is what may remain of a header column once years and dates
// are removed: a few column words.
var columnSeg = regexp.MustCompile(`(?i)^[\s#()/.,:–-]*((utfall|budget|prognos|föregående|föreg\.?|fg\.?|år|detta|innevarande|i|aktuellt|kr|tkr|sek|ksek|belopp|per|räkenskapsår(et)?|verksamhetsår(et)?|not|helår|bokslut|jämförelse)[\s#()/.,:–-]*)*$`)

// maskDates hides full dates.
func maskDates(s string) string {
	b := []byte(s)
	for _, ds := range findDates(s) {
		for i := ds.Start; i < ds.End; i++ {
			b[i] = '#'
		}
	}
	return string(b)
}

// lastYear returns the later year of "2024", "2023/24" or "2023–2024".
func lastYear(y string) int {
	parts := digitsRun.FindAllString(y, -1)
	first := atoi(parts[0])
	if len(parts) < 2 {
		return first
	}
	second := atoi(parts[1])
	if second < 100 {
		second += first / 100 * 100
		if second < first {
			second += 100
		}
	}
	return max(first, second)
}

// maskYears hides standalone years and dates so they are not read as amounts.
func maskYears(s string) string {
	b := []byte(s)
	for _, ds := range findDates(s) {
		for i := ds.Start; i < ds.End; i++ {
			b[i] = '#'
		}
	}
	for _, m := range yearOnly.FindAllStringSubmatchIndex(string(b), -1) {
		for i := m[2]; i < m[3]; i++ {
			b[i] = '#'
		}
	}
	for _, m := range dayMonthRe.FindAllStringIndex(string(b), -1) {
		for i := m[0]; i < m[1]; i++ {
			b[i] = '#'
		}
	}
	return string(b)
}

// yearOnly is a year standing alone ("2024", "2023/24", "2023-2024").
var yearOnly = regexp.MustCompile(`(?:^|[^\d\s.,]|\s)((?:19|20)\d{2}(?:\s*[/–-]\s*(?:19|20)?\d{2})?)(?:$|[^\d.,]|[.,](?:\s|$))`)

// splitColumns splits a line on gaps of two or more spaces and returns the
// byte ranges of the segments.
func splitColumns(t string) [][2]int {
	var out [][2]int
	start := -1
	for i := 0; i < len(t); i++ {
		if t[i] != ' ' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && i+1 < len(t) && t[i+1] == ' ' {
			out = append(out, [2]int{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(strings.TrimRight(t, " "))})
	}
	return out
}

// findStatementFigures reads the labelled figures of a document, from
// statement rows and from sentences.
func findStatementFigures(d *docText, add func(key string, c casefile.Candidate)) {
	prevParen := prevParenRe.MatchString(d.full)
	fy := fiscalEndYear(d)
	prevFirst := statedPreviousFirst(d)
	// last is the latest money header: a table that goes on over a page
	// keeps its column order.
	var hdr, last columns
	hasHdr, hasLast := false, false
	tkrPage, tkrCarried := unitPages(d)
	memberPage := map[int]bool{}
	for _, l := range d.lines {
		if memberWord.MatchString(l.text) {
			memberPage[l.page] = true
		}
	}
	for i := range d.lines {
		l := &d.lines[i]
		if hasHdr && d.lines[hdr.line].page != l.page {
			hasHdr = false
		}
		if h, ok := parseHeader(d, i, fy); ok {
			hdr, hasHdr = h, true
			if !h.counts {
				last, hasLast = h, true
			}
			continue
		}
		masked := maskYears(l.text)
		seen := map[string]bool{}
		for _, lab := range rowLabels {
			if seen[lab.key] || lab.countTable && !(hasHdr && hdr.counts) {
				continue
			}
			loc := lab.re.FindStringIndex(l.text)
			if loc == nil || notFigurePrefix.MatchString(l.text[:loc[0]+leadSkip(l.text, loc[0])]) {
				continue
			}
			if lab.key == casefile.FieldMembersEligible {
				if ok, found := eligibleBand(l.text[loc[0]:loc[1]]); found && !ok {
					continue // "0–6 år" is outside the grant age bands
				}
			}
			end := loc[1]
			// Step back over a delimiter the label pattern consumed.
			for end > loc[0] && !isLetterByte(l.text[end-1]) {
				end--
			}
			amounts := amountsAfter(masked, end)
			lineTo := i
			tableRow := loc[0] <= 2 || strings.HasPrefix(l.text[max(loc[0]-3, 0):loc[0]+1], "   ")
			if len(amounts) == 0 && i+1 < len(d.lines) && d.lines[i+1].page == l.page && onlyAmounts(d.lines[i+1].text) {
				amounts = findAmounts(maskYears(d.lines[i+1].text))
				lineTo = i + 1
			}
			if len(amounts) == 0 && strings.TrimSpace(l.text[end:]) == "" && i+1 < len(d.lines) && d.lines[i+1].page == l.page {
				// A sentence that goes on: "... och kostnaderna till\n56 647 kr".
				next := findAmounts(maskYears(d.lines[i+1].text))
				if len(next) > 0 && next[0].Start <= 2 {
					amounts, lineTo = next[:1], i+1
				}
			}
			if len(amounts) == 0 {
				continue
			}
			if hasHdr && len(amounts) > hdr.n || !hasHdr && len(amounts) >= 3 {
				amounts = dropNoteRefs(amounts)
			}
			if !tableRow {
				// In a sentence take only amounts before the sentence ends.
				cut := sentenceEnd.FindStringIndex(masked[end:])
				var keep []amountSpan
				for _, a := range amounts {
					if (cut == nil || a.Start < end+cut[0]) && a.Start-end < 90 {
						keep = append(keep, a)
					}
				}
				amounts = keep
				if len(amounts) == 0 {
					continue
				}
			}
			pick, conf := 0, lab.conf
			switch {
			case hasHdr && tableRow && lineTo == i && hdr.counts && !lab.count:
				// A money row under count columns: the header is not
				// this row's.
				conf -= 0.1
			case hasHdr && tableRow && lineTo == i:
				if k, ok := matchColumn(l, amounts, hdr); ok {
					pick = k
				} else {
					conf -= 0.1
				}
			case !hasHdr && tableRow && hasLast && len(amounts) == last.n && last.current >= 0 && !lab.count:
				pick = last.current
			case !hasHdr && tableRow && prevFirst && len(amounts) == 2 && !lab.count:
				pick = 1
			case !tableRow:
				conf -= 0.05
			}
			if lab.key == casefile.FieldMembersTotal && hasHdr && hdr.counts && len(hdr.eligible) > 0 && len(amounts) == hdr.n && lineTo == i {
				sum := 0.0
				for _, k := range hdr.eligible {
					sum += math.Abs(amounts[k].Value)
				}
				add(casefile.FieldMembersEligible, d.evidence(sum, hdr.line, i, conf-0.05))
			}
			a := amounts[pick]
			v := a.Value
			if a.Paren && prevParen && !tableRow {
				// "(8 300)" after the figure is last year's; the figure is the first.
				continue
			}
			if a.Paren && prevParen && tableRow && pick == 0 && len(amounts) > 1 && !amounts[1].Paren {
				a, v = amounts[1], amounts[1].Value
			}
			if a.Paren && prevParen {
				v = math.Abs(v)
			}
			if lab.count && (v != math.Trunc(v) || a.Unit || a.Paren || !hasHdr && !memberPage[l.page]) {
				continue
			}
			if tkrPage[l.page] && !a.Unit && !lab.count && (!tkrCarried[l.page] || math.Abs(v) < 100000) {
				v *= 1000
			}
			switch lab.sign {
			case signNegative:
				v = -math.Abs(v)
			case signPositive, signAbs:
				v = math.Abs(v)
			}
			seen[lab.key] = true
			add(lab.key, d.evidence(v, i, lineTo, conf))
		}
	}
}

// krHeader finds a statement that amounts are printed in kronor.
var krHeader = regexp.MustCompile(`(?i)(belopp|alla\s+belopp|samtliga\s+belopp|siffror|uppgifter)\s+(anges\s+|redovisas\s+|är\s+)?i\s+(kr|kronor|sek|hela\s+kronor)([^\p{L}]|$)|\(\s*(kr|sek|kronor)\s*\)|^\s*(kr|sek)\s*$|^\s*(kr|sek)\s{2,}`)

// unitPages says which pages print amounts in thousands. A unit stated
// once ("Belopp i tkr", "(tkr)", a "Tkr" column) holds for the pages after
// it too, until a page states kronor; carried marks those later pages.
func unitPages(d *docText) (tkr, carried map[int]bool) {
	tkr, carried = map[int]bool{}, map[int]bool{}
	statedTkr, statedKr := map[int]bool{}, map[int]bool{}
	for _, l := range d.lines {
		switch {
		case tkrHeader.MatchString(l.text):
			statedTkr[l.page] = true
		case krHeader.MatchString(l.text):
			statedKr[l.page] = true
		}
	}
	on := false
	for _, p := range d.pageNumbers() {
		switch {
		case statedTkr[p]:
			on = true
			tkr[p] = true
		case statedKr[p]:
			on = false
		case on:
			tkr[p], carried[p] = true, true
		}
	}
	return tkr, carried
}

// fiscalEndYear returns the year the document's fiscal year ends, 0 when
// the document does not say.
func fiscalEndYear(d *docText) int {
	var cs []casefile.Candidate
	findFiscalYear(d, func(key string, c casefile.Candidate) {
		if key == casefile.FieldFiscalYearEnd {
			cs = append(cs, c)
		}
	})
	if len(cs) == 0 {
		return 0
	}
	v, _ := choose(cs).Value.(string)
	if len(v) < 4 {
		return 0
	}
	return atoi(v[:4])
}

// orderPrevFirst and orderCurrentFirst find a document's own statement of
// its column order ("föregående år, innevarande år").
var (
	orderPrevFirst    = regexp.MustCompile(`(?i)(föregående|fjolårets|förra)\s+(år|års|räkenskapsår|period)\p{L}*[^\n]{0,80}?(innevarande|detta\s+år|aktuellt|i\s+år)`)
	orderCurrentFirst = regexp.MustCompile(`(?i)(innevarande|detta|aktuellt)\s+(år|räkenskapsår|period)\p{L}*[^\n]{0,80}?(föregående|fjolårets|förra)`)
)

// statedPreviousFirst reports whether the document says that the previous
// year's figures stand first.
func statedPreviousFirst(d *docText) bool {
	for _, l := range d.lines {
		if len(findAmounts(maskYears(l.text))) > 0 {
			continue
		}
		p, c := orderPrevFirst.FindStringIndex(l.text), orderCurrentFirst.FindStringIndex(l.text)
		switch {
		case p != nil && (c == nil || p[0] < c[0]):
			return true
		case c != nil:
			return false
		}
	}
	return false
}

// leadSkip keeps notFigurePrefix looking at the text before the label word.
func leadSkip(s string, at int) int {
	if at < len(s) && !isLetterByte(s[at]) {
		return 1
	}
	return 0
}

func isLetterByte(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80 }

// amountsAfter returns the amounts in masked after offset from.
func amountsAfter(masked string, from int) []amountSpan {
	var out []amountSpan
	for _, a := range findAmounts(masked) {
		if a.Start >= from {
			out = append(out, a)
		}
	}
	return out
}

// onlyAmounts reports whether a line holds amounts and nothing else.
var onlyAmountsRe = regexp.MustCompile(`^[\s\d().,:\-−–+kKrRtTsSeEsSkK]*$`)

func onlyAmounts(s string) bool {
	return onlyAmountsRe.MatchString(s) && len(findAmounts(maskYears(s))) > 0
}

// dropNoteRefs removes a leading note number ("Not 3", a lone small integer
// before the figures).
func dropNoteRefs(as []amountSpan) []amountSpan {
	if len(as) >= 2 && !as[0].Unit && !as[0].Paren && as[0].Value == math.Trunc(as[0].Value) && as[0].Value > 0 && as[0].Value < 30 && !strings.Contains(as[0].Text, " ") {
		return as[1:]
	}
	return as
}

// matchColumn picks the amount standing under the header's current column.
func matchColumn(l *textLine, as []amountSpan, h columns) (int, bool) {
	if h.current < 0 {
		return 0, false
	}
	if len(as) == h.n {
		return h.current, true
	}
	best, bestD := -1, math.Inf(1)
	for k, a := range as {
		x0, x1 := l.span(a.Start, a.End)
		// Distance between centres, compared to the other columns.
		c := (x0 + x1) / 2
		nearest, nd := -1, math.Inf(1)
		for j := range h.n {
			hc := (h.x0[j] + h.x1[j]) / 2
			dd := math.Min(math.Abs(c-hc), math.Abs(x1-h.x1[j]))
			if dd < nd {
				nearest, nd = j, dd
			}
		}
		if nearest == h.current && nd < bestD {
			best, bestD = k, nd
		}
	}
	if best < 0 {
		return 0, false
	}
	return best, true
}

var (
	prevColumn    = regexp.MustCompile(`föregående|fg\.?\s*år|föreg|fjol|förra`)
	currentColumn = regexp.MustCompile(`innevarande|detta\s+år|i\s+år|aktuellt|utfall`)
	digitsRun     = regexp.MustCompile(`\d+`)
)
