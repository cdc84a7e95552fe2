package extract

import (
	"fmt"
	"sort"
	"strings"

	"arsflow/extract/casefile"
	"arsflow/extract/layout"
	"arsflow/extract/lexicon"
)

// checker raises a case's checks.
type checker struct {
	c   *casefile.Case
	rs  []*reading
	sel *selection
	out []casefile.Check
}

func (k *checker) add(code, msg, file string, page int) {
	info, _ := casefile.LookupCheck(code)
	k.addSev(code, info.Severity, msg, file, page)
}

func (k *checker) addSev(code, sev, msg, file string, page int) {
	k.out = append(k.out, casefile.Check{Code: code, Severity: sev, Message: msg, File: file, Page: page})
}

// runChecks raises the checks a handläggare would: documents missing,
// figures that do not add up, decisions the minutes do not show, signatures
// missing, personal data and instructions aimed at an AI.
func runChecks(c *casefile.Case, rs []*reading, sel *selection) []casefile.Check {
	k := &checker{c: c, rs: rs, sel: sel}
	for i, d := range c.Documents {
		if d.Error != "" && len(d.Text) == 0 {
			k.add(casefile.CheckDocumentUnreadable, fmt.Sprintf("Filen %s kunde inte läsas: %s", d.File, d.Error), d.File, 0)
		}
		for _, p := range d.Text {
			if p.NeedsOCR {
				k.add(casefile.CheckNeedsOCR, fmt.Sprintf("Sidan saknar textlager och kunde inte tolkas med OCR (%s); den behöver läsas manuellt.", where(d.File, p.Number)), d.File, p.Number)
			}
		}
		_ = i
	}
	k.missing()
	k.orgNumber()
	k.fiscalYear()
	k.sums()
	k.members()
	k.decisions()
	k.auditorOnBoard()
	k.unsigned()
	k.text()
	k.conflicts()
	return k.out
}

// where formats "fil.pdf, sida 2".
func where(file string, page int) string {
	if page > 0 {
		return fmt.Sprintf("%s, sida %d", file, page)
	}
	return file
}

// missingDocs are the documents a case must hold, with their checks.
var missingDocs = []struct{ typ, code, msg string }{
	{casefile.TypeActivityReport, casefile.CheckMissingActivityReport, "Verksamhetsberättelse saknas bland handlingarna."},
	{casefile.TypeAnnualAccounts, casefile.CheckMissingAnnualAccounts, "Årsredovisning eller ekonomisk berättelse (resultat- och balansräkning) saknas bland handlingarna."},
	{casefile.TypeAuditReport, casefile.CheckMissingAuditReport, "Revisionsberättelse saknas bland handlingarna."},
	{casefile.TypeAGMMinutes, casefile.CheckMissingAGMMinutes, "Årsmötesprotokoll saknas bland handlingarna."},
}

// missing raises a check for each required document no file holds. A
// file typed "other" that names the missing document in a heading may be
// it: the check then asks the handläggare to look, as a warning.
func (k *checker) missing() {
	for _, m := range missingDocs {
		found := false
		var maybe string
		for _, r := range k.rs {
			found = found || r.has(m.typ)
			if !found && r.has(casefile.TypeOther) && len(r.types) == 1 && mentionsType(r, m.typ) && maybe == "" {
				maybe = r.file
			}
		}
		switch {
		case found:
		case maybe != "":
			k.addSev(m.code, casefile.SeverityWarning, fmt.Sprintf("%s Filen %s kunde inte typas säkert och kan vara den; kontrollera den.", m.msg, maybe), maybe, 0)
		default:
			k.add(m.code, m.msg, "", 0)
		}
	}
	income, balance := false, false
	var file string
	for _, r := range k.rs {
		if !r.has(casefile.TypeAnnualAccounts) {
			continue
		}
		file = r.file
		i, b := statements(r)
		income, balance = income || i, balance || b
	}
	if file == "" {
		return
	}
	if !income {
		k.add(casefile.CheckMissingIncomeStatement, fmt.Sprintf("Resultaträkning saknas i den ekonomiska redovisningen (%s).", file), file, 0)
	}
	if !balance {
		k.add(casefile.CheckMissingBalanceSheet, fmt.Sprintf("Balansräkning saknas i den ekonomiska redovisningen (%s).", file), file, 0)
	}
}

// mentionsType reports whether a document names a type in a heading.
func mentionsType(r *reading, typ string) bool {
	for _, l := range r.doc.Lines {
		if len(l.Tokens) > 10 {
			continue
		}
		for _, m := range l.Find("title") {
			if m.Key == typ && m.From == 0 {
				return true
			}
		}
	}
	return false
}

// statements reports whether a document's accounts hold an income
// statement and a balance sheet: a heading that names it, or its rows.
func statements(r *reading) (income, balance bool) {
	for _, l := range r.doc.Lines {
		if r.typeAt(l) != casefile.TypeAnnualAccounts {
			continue
		}
		switch statementHeading(r, l) {
		case "income":
			income = true
		case "balance":
			balance = true
		case "both":
			income, balance = true, true
		}
	}
	for _, c := range r.cands {
		if c.typ != casefile.TypeAnnualAccounts || len(c.lines) == 0 || r.grid.Rows[c.lines[0]] == nil {
			continue
		}
		switch c.key {
		case casefile.FieldIncomeTotal, casefile.FieldCostsTotal:
			income = true
		case casefile.FieldTotalAssets, keyEquityLiabilities:
			balance = true
		}
	}
	return income, balance
}

// statementHeading returns which statement a short line names.
func statementHeading(r *reading, l *layout.Line) string {
	if len(l.Tokens) > 8 {
		return ""
	}
	for _, m := range l.Find("title") {
		if m.Key != casefile.TypeAnnualAccounts || m.From > 1 {
			continue
		}
		t := m.Text
		switch {
		case strings.Contains(t, "resultat") && strings.Contains(t, "balans"):
			return "both"
		case strings.HasPrefix(t, "resultat") || strings.HasPrefix(t, "income") || strings.HasPrefix(t, "profit"):
			return "income"
		case strings.HasPrefix(t, "balans") || strings.HasPrefix(t, "balance"):
			return "balance"
		}
	}
	return ""
}

// docBest returns each document's strongest candidate of key with at least
// the given score.
func (k *checker) docBest(key string, minScore float64) []placed {
	var out []placed
	for i, r := range k.rs {
		var best *cand
		for j := range r.cands {
			c := &r.cands[j]
			if c.key == key && c.score >= minScore && (best == nil || c.score > best.score) {
				best = c
			}
		}
		if best != nil {
			out = append(out, placed{cand: *best, doc: i, file: r.file, eff: best.score})
		}
	}
	return out
}

func distinct(ps []placed) []placed {
	seen := map[string]bool{}
	var out []placed
	for _, p := range ps {
		if v := valueKey(p.value); !seen[v] {
			seen[v] = true
			out = append(out, p)
		}
	}
	return out
}

func listValues(ps []placed) string {
	var parts []string
	for _, p := range ps {
		parts = append(parts, fmt.Sprintf("%s (%s)", formatValue(p.value), where(p.file, p.lines[0].Page)))
	}
	return strings.Join(parts, " och ")
}

func formatValue(v any) string {
	switch x := v.(type) {
	case float64:
		return casefile.FormatNumber(x)
	case bool:
		if x {
			return "ja"
		}
		return "nej"
	}
	return fmt.Sprint(v)
}

func (k *checker) orgNumber() {
	if f, ok := k.c.Fields[casefile.FieldOrgNumber]; ok {
		if s, _ := f.Value.(string); !casefile.ValidOrgNumber(s) {
			k.add(casefile.CheckOrgNumberInvalid, fmt.Sprintf("Organisationsnumret %s (%s) är inte giltigt: kontrollsiffran stämmer inte.", s, where(f.File, f.Page)), f.File, f.Page)
		}
	}
	var vals []placed
	all := distinct(k.docBest(casefile.FieldOrgNumber, 0.9))
	for _, p := range all {
		if !ocrSlip(p, all) {
			vals = append(vals, p)
		}
	}
	if len(vals) > 1 {
		k.add(casefile.CheckOrgNumberMismatch, "Handlingarna anger olika organisationsnummer: "+listValues(vals)+".", vals[1].file, vals[1].lines[0].Page)
	}
}

// ocrSlip reports whether an org number read by OCR fails its check digit
// and differs in one digit from a valid number of another document: a
// misread, not another association.
func ocrSlip(p placed, all []placed) bool {
	s, _ := p.value.(string)
	if !p.lines[0].OCR || casefile.ValidOrgNumber(s) {
		return false
	}
	for _, o := range all {
		t, _ := o.value.(string)
		if casefile.ValidOrgNumber(t) && len(t) == len(s) {
			diff := 0
			for i := range s {
				if s[i] != t[i] {
					diff++
				}
			}
			if diff == 1 {
				return true
			}
		}
	}
	return false
}

// fiscalYear compares the years the documents report on: each document's
// own strongest reading of its fiscal year's end.
func (k *checker) fiscalYear() {
	ends := k.docBest(casefile.FieldFiscalYearEnd, 0.55)
	starts := k.docBest(casefile.FieldFiscalYearStart, 0.55)
	startOf := func(p placed) string {
		for _, s := range starts {
			if s.doc == p.doc {
				return s.value.(string)
			}
		}
		return ""
	}
	for i := 1; i < len(ends); i++ {
		a, b := ends[0], ends[i]
		as, bs := a.value.(string), b.value.(string)
		if as[:4] == bs[:4] || as == bs {
			continue
		}
		// A year named alone ("2022 Audit") agrees with a broken fiscal
		// year that starts in it.
		if sa, sb := startOf(a), startOf(b); sa != "" && sb != "" && (sa[:4] == bs[:4] && bs[5:] == "12-31" && sb[5:] == "01-01" || sb[:4] == as[:4] && as[5:] == "12-31" && sa[5:] == "01-01") {
			continue
		}
		k.add(casefile.CheckFiscalYearMismatch, fmt.Sprintf("Handlingarna avser olika räkenskapsår: år som slutar %s (%s) och %s (%s).", as, where(a.file, a.lines[0].Page), bs, where(b.file, b.lines[0].Page)), b.file, b.lines[0].Page)
		return
	}
}

// strong reports whether a chosen figure was read from a statement row
// with a strong label, so that a check on it does not rest on a guess.
func (k *checker) strong(key string) bool {
	g := k.sel.chosen[key]
	return g != nil && g.best.score >= 0.85
}

func (k *checker) sums() {
	ch := k.sel.chosen
	if ok, tested := k.sel.identity["income"]; tested && !ok && k.strong(casefile.FieldIncomeTotal) && k.strong(casefile.FieldCostsTotal) && k.strong(casefile.FieldResult) {
		i, c, r := num(ch[casefile.FieldIncomeTotal]), num(ch[casefile.FieldCostsTotal]), num(ch[casefile.FieldResult])
		res := ch[casefile.FieldResult].best
		k.add(casefile.CheckIncomeStatementMismatch, fmt.Sprintf("Resultaträkningen går inte ihop: intäkter %s minus kostnader %s blir %s, men årets resultat anges till %s (%s).",
			casefile.FormatNumber(i), casefile.FormatNumber(c), casefile.FormatNumber(i-c), casefile.FormatNumber(r), where(res.file, res.lines[0].Page)), res.file, res.lines[0].Page)
	}
	if ok, tested := k.sel.identity["balance"]; tested && !ok && k.strong(casefile.FieldTotalAssets) {
		a := ch[casefile.FieldTotalAssets]
		var other string
		if el := ch[keyEquityLiabilities]; el != nil && el.best.score >= 0.85 {
			other = "summa eget kapital och skulder " + casefile.FormatNumber(num(el))
		} else if ch[casefile.FieldEquity] != nil && ch[keyLiabilities] != nil && k.strong(casefile.FieldEquity) && k.strong(keyLiabilities) {
			other = "eget kapital plus skulder " + casefile.FormatNumber(num(ch[casefile.FieldEquity])+num(ch[keyLiabilities]))
		}
		if other != "" {
			k.add(casefile.CheckBalanceSheetMismatch, fmt.Sprintf("Balansräkningen balanserar inte: summa tillgångar %s men %s (%s).", casefile.FormatNumber(num(a)), other, where(a.best.file, a.best.lines[0].Page)), a.best.file, a.best.lines[0].Page)
		}
	}
}

// members raises a check when the documents give two different year-end
// numbers of members, or more members in a grant age band than in all.
func (k *checker) members() {
	var strong []placed
	for _, g := range k.sel.groups[casefile.FieldMembersTotal] {
		for _, p := range g.all {
			// Reports count the members; minutes and invitations count
			// those present or invited.
			if p.score >= 0.85 && (p.typ == casefile.TypeActivityReport || p.typ == casefile.TypeMembershipReport || p.typ == casefile.TypeAnnualAccounts) {
				strong = append(strong, p)
				break
			}
		}
	}
	if vals := distinct(strong); len(vals) > 1 {
		k.add(casefile.CheckMembersMismatch, "Handlingarna anger olika antal medlemmar: "+listValues(vals)+".", vals[1].file, vals[1].lines[0].Page)
		return
	}
	for _, r := range k.rs {
		if len(r.bandMiss) > 0 {
			m := r.bandMiss[0]
			k.add(casefile.CheckMembersMismatch, fmt.Sprintf("Åldersgrupperna i medlemstabellen i %s summerar till %s medlemmar, men totalen anges till %s.",
				r.file, casefile.FormatNumber(m.sum), casefile.FormatNumber(m.total)), r.file, m.page)
			return
		}
	}
	t, e := k.c.Fields[casefile.FieldMembersTotal], k.c.Fields[casefile.FieldMembersEligible]
	if tv, ok := t.Value.(float64); ok {
		if ev, ok := e.Value.(float64); ok && ev > tv {
			k.add(casefile.CheckMembersMismatch, fmt.Sprintf("Antalet bidragsberättigade medlemmar (%s, %s) är större än det totala antalet medlemmar (%s, %s).", casefile.FormatNumber(ev), where(e.File, e.Page), casefile.FormatNumber(tv), where(t.File, t.Page)), e.File, e.Page)
		}
	}
}

// postponed reports whether a quote says a matter was tabled, sent back
// or struck.
func postponed(quote string) bool {
	for _, m := range lexicon.Default().Find(lexicon.Tokens(quote), "outcome", false) {
		if m.Key == "postpone" {
			return true
		}
	}
	return false
}

func (k *checker) decisions() {
	audit, minutes := "", false
	for _, r := range k.rs {
		if r.has(casefile.TypeAuditReport) && audit == "" {
			audit = r.file
		}
		minutes = minutes || r.has(casefile.TypeAGMMinutes)
	}
	if f, ok := k.c.Fields[casefile.FieldDischargeRecommended]; ok {
		if v, _ := f.Value.(bool); !v {
			k.add(casefile.CheckDischargeNotRecommended, fmt.Sprintf("Revisorn tillstyrker inte ansvarsfrihet för styrelsen (%s): ”%s”.", where(f.File, f.Page), shorten(f.Quote)), f.File, f.Page)
		}
	} else if audit != "" {
		k.add(casefile.CheckDischargeStatementMissing, fmt.Sprintf("Revisionsberättelsen (%s) säger ingenting om ansvarsfrihet för styrelsen.", audit), audit, 0)
	}
	if !minutes {
		return
	}
	names := map[string]string{
		casefile.FieldAccountsAdopted:      "att resultat- och balansräkningen fastställts",
		casefile.FieldAuditReportPresented: "att revisionsberättelsen behandlats",
		casefile.FieldDischargeGranted:     "att styrelsen beviljats ansvarsfrihet",
		casefile.FieldFeeDecided:           "beslut om medlemsavgift",
	}
	for _, d := range decisionTopics {
		f, ok := k.c.Fields[d.key]
		if !ok {
			continue // the minutes are cut short: nothing to say
		}
		if v, _ := f.Value.(bool); v {
			continue
		}
		missing := strings.HasPrefix(f.Quote, missingQuote)
		if d.key == casefile.FieldDischargeGranted && !missing && !postponed(f.Quote) {
			continue // a refused discharge is a decision; the field reports it
		}
		msg := fmt.Sprintf("Årsmötesprotokollet visar inte %s.", names[d.key])
		if !missing {
			msg = fmt.Sprintf("Årsmötesprotokollet visar inte %s (%s): ”%s”.", names[d.key], where(f.File, f.Page), shorten(f.Quote))
		}
		k.add(casefile.CheckAGMDecisionMissing, msg, f.File, f.Page)
	}
}

func shorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 160 {
		return string(r[:157]) + "…"
	}
	return s
}

// auditorOnBoard raises a check when the auditor is also named as a
// member of the board, in any document (on OCR'd pages allowing one wrong
// letter per long word of the name).
func (k *checker) auditorOnBoard() {
	a, ok := k.c.Fields[casefile.FieldAuditor]
	if !ok {
		return
	}
	name, _ := a.Value.(string)
	for _, r := range k.rs {
		for _, c := range r.cands {
			if c.key != keyBoard {
				continue
			}
			v, _ := c.value.(string)
			if sameName(v, name, c.lines[0].OCR) {
				l := c.lines[0]
				k.add(casefile.CheckAuditorOnBoard, fmt.Sprintf("Revisorn %s nämns också som styrelseledamot (%s): ”%s”.", name, where(r.file, l.Page), shorten(l.Text)), r.file, l.Page)
				return
			}
		}
	}
}

// sameName compares two names of persons, with one letter of slack per
// long word when one was read by OCR.
func sameName(a, b string, ocr bool) bool {
	if !ocr {
		return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
	}
	ta, tb := lexicon.Tokens(a), lexicon.Tokens(b)
	if len(ta) != len(tb) || len(ta) == 0 {
		return false
	}
	for i := range ta {
		if !lexicon.Near(ta[i].Norm, tb[i].Norm) {
			return false
		}
	}
	return true
}

var (
	unsignedMarker = lazyRegexp(`(?i)(ej\s+(under)?signerad|osignerad|ej\s+underskriven|underskrift\s+saknas|inte\s+(under)?signerad|utkast|preliminär(a|t)?\s+(version|årsredovisning|bokslut|protokoll))`)
	esignMarker    = lazyRegexp(`(?i)(penneo|scrive|docusign|e-?signera[dt]|elektroniskt\s+(under)?(signera[dt]|tecknad)|signera(d|t|ts|des)\s+(med|via)\s+bankid|bankid|dokumentnyckel|verifikat|signed\s+by|(digitally|electronically)\s+signed|signed\s+(digitally|electronically)|digitalt\s+(under)?signera[dt]|(under)?signera(d|t|ts|des)\s+(digitalt|elektroniskt)|doc\s+id:\s*[0-9a-f]{20,}|(^|\s)/s/\s+\p{Lu})`)
	placeholder    = lazyRegexp(`^[\s_.…·\-–]{4,}$`)
)

// unsignedMarkerIn returns where text says it is unsigned or a draft, or
// nil. Text without a fragment every such marker holds is passed over
// without the pattern.
func unsignedMarkerIn(text string) []int {
	low := strings.ToLower(text)
	if !strings.Contains(low, "signerad") && !strings.Contains(low, "underskri") && !strings.Contains(low, "utkast") && !strings.Contains(low, "preliminär") {
		return nil
	}
	return unsignedMarker().FindStringIndex(text)
}

// unsigned raises a check for minutes and audit reports that show no
// signature: no e-signature, and no signature block with a name that has
// room for a handwritten signature above it. A printed line of underscores
// or dots, or an empty form field ("Date: )"), over or beside a typed name
// is a form nobody signed.
func (k *checker) unsigned() {
	for _, r := range k.rs {
		esigned := esigned(r)
		for _, p := range r.parts {
			if p.typ != casefile.TypeAGMMinutes && p.typ != casefile.TypeAuditReport {
				continue
			}
			lines := r.doc.Lines[p.from:p.to]
			text := joinLines(lines)
			if m := unsignedMarkerIn(text); m != nil {
				k.add(casefile.CheckUnsigned, fmt.Sprintf("%s ser inte ut att vara signerad: ”%s”.", r.file, shorten(text[m[0]:min(len(text), m[1]+60)])), r.file, lines[0].Page)
				break
			}
			// The minutes are signed at their end, which may be the end of
			// the document after sections of their own.
			end := r.doc.Lines[p.from:]
			if p.typ == casefile.TypeAuditReport {
				end = lines
			}
			if esigned || signed(r, end, p.typ == casefile.TypeAuditReport) {
				continue
			}
			k.add(casefile.CheckUnsigned, fmt.Sprintf("%s ser inte ut att vara signerad: inga namnunderskrifter eller e-signatur hittades.", r.file), r.file, lines[len(lines)-1].Page)
			break
		}
	}
}

func joinLines(ls []*layout.Line) string {
	var b strings.Builder
	for _, l := range ls {
		b.WriteString(l.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

// signed reports whether the end of lines holds a signature: a name alone
// in its cell, in a signature block (a role or a place and date next to
// it), with room above it for a handwritten signature (a gap, or what OCR
// makes of ink), not a printed placeholder. A letter (an audit report) may
// be signed by its author's name alone, set apart at its end.
func signed(r *reading, lines []*layout.Line, letter bool) bool {
	from := max(0, len(lines)-20)
	for i := from; i < len(lines); i++ {
		l := lines[i]
		for ci := range l.Cells {
			cell := strings.TrimSpace(l.CellText(ci))
			ns := names(cell, false)
			if len(ns) != 1 || ns[0].Start != 0 || len(strings.Fields(cell)) > 6 || i == 0 || emptyField().MatchString(cell) {
				continue
			}
			above := lines[i-1]
			if above.Page != l.Page || placeholderAbove(above, l.Cells[ci]) {
				continue
			}
			room := l.Gap >= 1.5 || l.OCR && noise(r, above)
			// A letter's author signs with the name set apart at its end,
			// a blank line or so below the text.
			last := letter && i == len(lines)-1
			if room && signatureBlock(r, lines, i) || last && (room || l.Gap >= 1.2) {
				return true
			}
		}
	}
	return false
}

// emptyField is a form field left blank: "(personnummer: , Date: )".
var emptyField = lazyRegexp(`:\s*[,)]`)

// signatureBlock reports whether line i stands in a signature block: a
// role of those who sign, or a place and date, on it or on the lines
// just around it.
func signatureBlock(r *reading, lines []*layout.Line, i int) bool {
	for j := max(0, i-4); j <= i+2 && j < len(lines); j++ {
		l := lines[j]
		for _, m := range l.Find("role") {
			switch m.Key {
			case "chair", "secretary", "treasurer", "auditor", "adjuster", "meeting_chair", "meeting_secretary", "member":
				if len(l.Tokens) <= 8 {
					return true
				}
			}
		}
		if j < i && len(layout.Dates(l.Text)) > 0 && len(l.Tokens) <= 8 {
			return true // "Björkås den 2 mars 2026"
		}
	}
	return false
}

// placeholderAbove reports whether the line above holds a printed
// signature line over the cell.
func placeholderAbove(above *layout.Line, c layout.Cell) bool {
	for oc := range above.Cells {
		if above.Cells[oc].X1 < c.X0-10 || above.Cells[oc].X0 > c.X1+10 {
			continue
		}
		if placeholder().MatchString(above.CellText(oc)) {
			return true
		}
	}
	return placeholder().MatchString(above.Text)
}

// noise reports whether an OCR'd line is what a handwritten signature
// becomes: a few tokens that are neither words the lexicon knows nor a
// name or a date.
func noise(r *reading, l *layout.Line) bool {
	if len(l.Tokens) == 0 || len(l.Tokens) > 4 || len(layout.Dates(l.Text)) > 0 {
		return false
	}
	for _, kind := range []string{"role", "title", "cue", "topic"} {
		if len(r.matches(l.Tokens, kind, true)) > 0 {
			return false
		}
	}
	return len(names(l.Text, false)) == 0 || strings.ContainsAny(l.Text, "/\\|")
}

// personalKinds names the kinds of personal data in Swedish.
var personalKinds = []struct{ kind, label string }{
	{casefile.PersonalIDNumber, "personnummer"}, {casefile.PersonalBirth, "födelsedatum"}, {casefile.PersonalPhone, "telefonnummer"},
	{casefile.PersonalEmail, "e-postadresser"}, {casefile.PersonalAddress, "adresser"},
}

// text raises the checks on what the text says: personal data of private
// persons and instructions aimed at an AI system.
func (k *checker) text() {
	for _, r := range k.rs {
		var pd []casefile.PersonalDatum
		page := 0
		for _, l := range r.doc.Lines {
			for _, p := range casefile.FindPersonalData(l.Text) {
				if private(l, p) {
					pd = append(pd, p)
					if page == 0 {
						page = l.Page
					}
				}
			}
			if strings.Contains(lexicon.Fold(l.Text), "hemma hos") {
				if i := strings.Index(strings.ToLower(l.Text), "hemma hos"); i >= 0 {
					pd = append(pd, casefile.PersonalDatum{Kind: casefile.PersonalAddress, Text: l.Text[i:]})
					if page == 0 {
						page = l.Page
					}
				}
			}
		}
		if len(pd) > 0 {
			counts := map[string]int{}
			for _, p := range pd {
				counts[p.Kind]++
			}
			var parts []string
			for _, pk := range personalKinds {
				if counts[pk.kind] > 0 {
					parts = append(parts, fmt.Sprintf("%d %s", counts[pk.kind], pk.label))
				}
			}
			sev := casefile.SeverityInfo
			if counts[casefile.PersonalIDNumber] > 0 {
				sev = casefile.SeverityWarning
			}
			k.addSev(casefile.CheckPersonalData, sev, fmt.Sprintf("%s innehåller personuppgifter (%s), första på sida %d. De ska inte skickas till en extern språkmodell utan att maskeras.", r.file, strings.Join(parts, ", "), page), r.file, page)
		}
		full := joinLines(r.doc.Lines)
		if spans := casefile.InjectionSpans(full); len(spans) > 0 {
			page := 1
			for _, l := range r.doc.Lines {
				if strings.Contains(full[:spans[0][0]+1], l.Text) {
					page = l.Page
				}
			}
			k.add(casefile.CheckPromptInjection, fmt.Sprintf("Texten ser ut att ge instruktioner till ett AI-system (misstänkt promptinjektion) (%s): ”%s”. Granska sidan manuellt.", where(r.file, page), shorten(full[spans[0][0]:spans[0][1]])), r.file, page)
		}
	}
}

// roleMailboxes are the local parts of e-mail addresses that belong to an
// association's office, not to a person.
var roleMailboxes = map[string]bool{"info": true, "kontakt": true, "kansli": true, "styrelsen": true, "styrelse": true, "ordforande": true, "kassor": true, "kassar": true, "sekreterare": true, "post": true, "hej": true, "hello": true, "contact": true, "board": true, "admin": true, "medlem": true, "medlemmar": true, "kassa": true, "ekonomi": true, "valberedning": true, "valberedningen": true, "revisor": true, "office": true, "mail": true, "epost": true, "support": true, "webmaster": true}

// private reports whether a finding is personal data of a private person:
// not an association's office mailbox, nor the address of the meeting's
// venue or of the association's premises, nor a post box or the address
// of a letterhead or footer that gives the association's org number
// (unless it is "c/o" a person).
func private(l *layout.Line, p casefile.PersonalDatum) bool {
	switch p.Kind {
	case casefile.PersonalEmail:
		local := lexicon.Fold(strings.SplitN(p.Text, "@", 2)[0])
		local = strings.SplitN(strings.SplitN(local, "(", 2)[0], "[", 2)[0]
		return !roleMailboxes[strings.TrimSpace(local)]
	case casefile.PersonalAddress:
		before := lexicon.Fold(l.Text[:p.Start])
		if strings.Contains(before, "hemma hos") {
			return true
		}
		for _, w := range []string{"plats", "lokal", "kansli", "location", "adress", "klubbstuga", "klubbhus"} {
			if strings.Contains(before, w) {
				return false
			}
		}
		// "2022-03-17, Smältaregatan 7, Höganäs": the venue after the
		// meeting's date.
		if len(layout.Dates(l.Text[:p.Start])) > 0 {
			return false
		}
		line := lexicon.Fold(l.Text)
		if strings.Contains(line, "c/o") || strings.Contains(line, "c o ") {
			return true
		}
		if postBox(before) {
			return false // "Box 12, 123 45 Tallby"
		}
		for _, w := range []string{"org nr", "org.nr", "orgnr", "organisationsnummer", "org. nr", "organisation number"} {
			if strings.Contains(line, w) {
				return false
			}
		}
	}
	return true
}

// postBox reports whether folded text ends in a post box ("box 12, "), whose
// postal code follows: an organisation's address.
func postBox(before string) bool {
	f := strings.Fields(strings.TrimRight(before, ", \t"))
	n := len(f)
	return n >= 2 && f[n-2] == "box" && atoi(strings.TrimRight(f[n-1], ",")) >= 0
}

// conflictKeys are compared across documents; the others have their own
// checks.
var conflictKeys = []string{casefile.FieldAssociationName, casefile.FieldIncomeTotal, casefile.FieldCostsTotal, casefile.FieldResult, casefile.FieldTotalAssets, casefile.FieldEquity, casefile.FieldChair, casefile.FieldTreasurer, casefile.FieldAuditor}

// conflicts notes, as information, fields that documents give differently.
func (k *checker) conflicts() {
	for _, key := range conflictKeys {
		all := k.docBest(key, 0.85)
		if key == casefile.FieldChair || key == casefile.FieldTreasurer || key == casefile.FieldAuditor {
			// The minutes elect the officers of the coming year; the
			// reports name those of the year past. They may differ.
			var past []placed
			for _, p := range all {
				if p.typ != casefile.TypeAGMMinutes {
					past = append(past, p)
				}
			}
			all = past
		}
		vals := distinct(all)
		if len(vals) < 2 {
			continue
		}
		if key == casefile.FieldAssociationName && namesAgree(vals) {
			continue
		}
		sort.SliceStable(vals, func(i, j int) bool { return vals[i].file < vals[j].file })
		k.add(casefile.CheckFieldConflict, fmt.Sprintf("Handlingarna anger olika värden för %s: %s.", casefile.FieldName(key), listValues(vals)), vals[1].file, vals[1].lines[0].Page)
	}
}

// namesAgree treats names as one when one contains the other.
func namesAgree(vals []placed) bool {
	for i := range vals {
		for j := range vals {
			a := normalizeName(stripGenitive(vals[i].value.(string)))
			b := normalizeName(stripGenitive(vals[j].value.(string)))
			if !strings.Contains(a, b) && !strings.Contains(b, a) {
				return false
			}
		}
	}
	return true
}

// esignWords are fragments every e-signature marker holds one of.
var esignWords = []string{"penneo", "scrive", "docusign", "signer", "bankid", "dokumentnyckel", "verifikat", "signed", "doc id", "/s/"}

// esigned reports whether a document carries an e-signature marker.
func esigned(r *reading) bool {
	text := joinLines(r.doc.Lines)
	low := strings.ToLower(text)
	for _, w := range esignWords {
		if strings.Contains(low, w) {
			return esignMarker().MatchString(text)
		}
	}
	return false
}
