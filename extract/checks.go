package extract

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"arsflow/extract/casefile"
)

// runChecks raises the case's checks.
func runChecks(c *casefile.Case, docs []*casefile.Document, merged map[string]casefile.Field) []casefile.Check {
	var out []casefile.Check
	add := func(code, sev, msg, file string, page int) {
		out = append(out, casefile.Check{Code: code, Severity: sev, Message: msg, File: file, Page: page})
	}
	texts := make([]*docText, len(docs))
	for i, d := range docs {
		texts[i] = newDocText(d.File, d.Text)
	}
	readable := 0
	for _, d := range docs {
		if d.Error != "" && len(d.Text) == 0 {
			add(casefile.CheckDocumentUnreadable, casefile.SeverityError, fmt.Sprintf("Filen %s kunde inte läsas: %s", d.File, d.Error), d.File, 0)
			continue
		}
		readable++
	}
	checkMissing(docs, texts, add)
	checkOrgNumber(docs, merged, add)
	checkFiscalYear(docs, add)
	checkSums(docs, merged, add)
	checkMembers(docs, merged, add)
	checkDecisions(docs, merged, add)
	checkAuditorOnBoard(texts, merged, add)
	checkUnsigned(docs, texts, add)
	checkText(docs, texts, add)
	checkConflicts(docs, add)
	return out
}

type addFunc func(code, sev, msg, file string, page int)

// where formats "fil.pdf, sida 2".
func where(file string, page int) string {
	if page > 0 {
		return fmt.Sprintf("%s, sida %d", file, page)
	}
	return file
}

func checkMissing(docs []*casefile.Document, texts []*docText, add addFunc) {
	has := map[string]bool{}
	for _, d := range docs {
		for _, t := range d.Types {
			has[t] = true
		}
	}
	if !has[casefile.TypeActivityReport] {
		add(casefile.CheckMissingActivityReport, casefile.SeverityError, "Verksamhetsberättelse saknas bland handlingarna.", "", 0)
	}
	if !has[casefile.TypeAnnualAccounts] {
		add(casefile.CheckMissingAnnualAccounts, casefile.SeverityError, "Årsredovisning eller ekonomisk berättelse (resultat- och balansräkning) saknas bland handlingarna.", "", 0)
	} else {
		income, balance := false, false
		var file string
		for i, d := range docs {
			if hasType(d.Types, casefile.TypeAnnualAccounts) {
				file = d.File
				income = income || hasIncomeStatement(texts[i])
				balance = balance || hasBalanceSheet(texts[i])
			}
		}
		if !income {
			add(casefile.CheckMissingIncomeStatement, casefile.SeverityError, fmt.Sprintf("Resultaträkning saknas i den ekonomiska redovisningen (%s).", file), file, 0)
		}
		if !balance {
			add(casefile.CheckMissingBalanceSheet, casefile.SeverityError, fmt.Sprintf("Balansräkning saknas i den ekonomiska redovisningen (%s).", file), file, 0)
		}
	}
	if !has[casefile.TypeAuditReport] {
		add(casefile.CheckMissingAuditReport, casefile.SeverityError, "Revisionsberättelse saknas bland handlingarna.", "", 0)
	}
	if !has[casefile.TypeAGMMinutes] {
		add(casefile.CheckMissingAGMMinutes, casefile.SeverityError, "Årsmötesprotokoll saknas bland handlingarna.", "", 0)
	}
}

// docValues returns each document's own best value of key with at least
// the given confidence.
func docValues(docs []*casefile.Document, key string, minConf float64) []casefile.Candidate {
	var out []casefile.Candidate
	for _, d := range docs {
		if f, ok := d.Fields[key]; ok && f.Confidence >= minConf {
			out = append(out, f.Candidate)
		}
	}
	return out
}

// distinct groups candidates by value.
func distinct(cs []casefile.Candidate) []casefile.Candidate {
	seen := map[string]bool{}
	var out []casefile.Candidate
	for _, c := range cs {
		if k := valueKey(c.Value); !seen[k] {
			seen[k] = true
			out = append(out, c)
		}
	}
	return out
}

// listValues formats "802412-3456 (a.pdf, sida 1) och 802412-3464 (b.pdf, sida 2)".
func listValues(cs []casefile.Candidate) string {
	var parts []string
	for _, c := range cs {
		parts = append(parts, fmt.Sprintf("%s (%s)", formatValue(c.Value), where(c.File, c.Page)))
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
	default:
		return fmt.Sprint(x)
	}
}

func checkOrgNumber(docs []*casefile.Document, merged map[string]casefile.Field, add addFunc) {
	if f, ok := merged[casefile.FieldOrgNumber]; ok {
		if s, _ := f.Value.(string); !casefile.ValidOrgNumber(s) {
			add(casefile.CheckOrgNumberInvalid, casefile.SeverityError, fmt.Sprintf("Organisationsnumret %s (%s) är inte giltigt: kontrollsiffran stämmer inte.", s, where(f.File, f.Page)), f.File, f.Page)
		}
	}
	vals := distinct(docValues(docs, casefile.FieldOrgNumber, 0.9))
	if len(vals) > 1 {
		add(casefile.CheckOrgNumberMismatch, casefile.SeverityError, "Handlingarna anger olika organisationsnummer: "+listValues(vals)+".", vals[1].File, vals[1].Page)
	}
}

func checkFiscalYear(docs []*casefile.Document, add addFunc) {
	var ends []casefile.Candidate
	for _, d := range docs {
		if f, ok := d.Fields[casefile.FieldFiscalYearEnd]; ok && f.Confidence >= 0.4 {
			ends = append(ends, f.Candidate)
		}
	}
	if len(ends) < 2 {
		return
	}
	for i := 1; i < len(ends); i++ {
		a, b := ends[0], ends[i]
		as, _ := a.Value.(string)
		bs, _ := b.Value.(string)
		if as == bs {
			continue
		}
		// A bare year ("verksamhetsåret 2024") only says which year it ends in.
		if (a.Confidence < 0.8 || b.Confidence < 0.8) && len(as) >= 4 && len(bs) >= 4 && as[:4] == bs[:4] {
			continue
		}
		add(casefile.CheckFiscalYearMismatch, casefile.SeverityWarning, fmt.Sprintf("Handlingarna avser olika räkenskapsår: år som slutar %s (%s) och %s (%s).", as, where(a.File, a.Page), bs, where(b.File, b.Page)), b.File, b.Page)
		return
	}
}

// tolerance allows rounding in amounts printed in thousands.
func tolerance(vs ...float64) float64 {
	for _, v := range vs {
		if math.Mod(math.Abs(v), 1000) != 0 || v == 0 {
			return 1.5
		}
	}
	return 1000
}

func num(f casefile.Field) (float64, bool) {
	v, ok := f.Value.(float64)
	return v, ok
}

func checkSums(docs []*casefile.Document, merged map[string]casefile.Field, add addFunc) {
	// Income and costs against the result, within the document that holds them.
	for _, d := range docs {
		inc, ok1 := d.Fields[casefile.FieldIncomeTotal]
		cost, ok2 := d.Fields[casefile.FieldCostsTotal]
		res, ok3 := d.Fields[casefile.FieldResult]
		if !ok1 || !ok2 || !ok3 {
			continue
		}
		i, _ := num(inc)
		k, _ := num(cost)
		tol := tolerance(i, k)
		matched := false
		results := res.Candidates
		if len(results) == 0 {
			results = []casefile.Candidate{res.Candidate}
		}
		for _, r := range results {
			if v, ok := r.Value.(float64); ok && math.Abs(i-k-v) <= tol {
				matched = true
			}
		}
		if !matched {
			r, _ := num(res)
			add(casefile.CheckIncomeStatementMismatch, casefile.SeverityWarning, fmt.Sprintf("Resultaträkningen går inte ihop: intäkter %s minus kostnader %s blir %s, men årets resultat anges till %s (%s).", casefile.FormatNumber(i), casefile.FormatNumber(k), casefile.FormatNumber(i-k), casefile.FormatNumber(r), where(res.File, res.Page)), res.File, res.Page)
		}
	}
	for _, d := range docs {
		assets, ok := d.Fields[casefile.FieldTotalAssets]
		if !ok {
			continue
		}
		a, _ := num(assets)
		if el, ok := d.Fields[keyEquityLiabilities]; ok {
			v, _ := num(el)
			if math.Abs(a-v) > tolerance(a, v) {
				add(casefile.CheckBalanceSheetMismatch, casefile.SeverityWarning, fmt.Sprintf("Balansräkningen balanserar inte: summa tillgångar %s men summa eget kapital och skulder %s (%s).", casefile.FormatNumber(a), casefile.FormatNumber(v), where(el.File, el.Page)), el.File, el.Page)
			}
			continue
		}
		eq, ok := d.Fields[casefile.FieldEquity]
		if !ok {
			continue
		}
		e, _ := num(eq)
		var liab float64
		found := false
		if l, ok := d.Fields[keyLiabilities]; ok {
			liab, _ = num(l)
			found = true
		} else {
			for _, k := range []string{keyShortLiabilities, keyLongLiabilities, keyProvisions} {
				if l, ok := d.Fields[k]; ok {
					v, _ := num(l)
					liab += v
					found = true
				}
			}
		}
		if found && math.Abs(a-(e+liab)) > tolerance(a, e, liab) {
			add(casefile.CheckBalanceSheetMismatch, casefile.SeverityWarning, fmt.Sprintf("Balansräkningen balanserar inte: summa tillgångar %s men eget kapital %s plus skulder %s är %s (%s).", casefile.FormatNumber(a), casefile.FormatNumber(e), casefile.FormatNumber(liab), casefile.FormatNumber(e+liab), where(assets.File, assets.Page)), assets.File, assets.Page)
		}
	}
}

func checkMembers(docs []*casefile.Document, merged map[string]casefile.Field, add addFunc) {
	vals := distinct(docValues(docs, casefile.FieldMembersTotal, 0.6))
	if len(vals) > 1 {
		add(casefile.CheckMembersMismatch, casefile.SeverityWarning, "Handlingarna anger olika antal medlemmar: "+listValues(vals)+".", vals[1].File, vals[1].Page)
		return
	}
	t, ok1 := merged[casefile.FieldMembersTotal]
	e, ok2 := merged[casefile.FieldMembersEligible]
	if ok1 && ok2 {
		tv, _ := num(t)
		ev, _ := num(e)
		if ev > tv {
			add(casefile.CheckMembersMismatch, casefile.SeverityWarning, fmt.Sprintf("Antalet bidragsberättigade medlemmar (%s, %s) är större än det totala antalet medlemmar (%s, %s).", casefile.FormatNumber(ev), where(e.File, e.Page), casefile.FormatNumber(tv), where(t.File, t.Page)), e.File, e.Page)
		}
	}
}

func checkDecisions(docs []*casefile.Document, merged map[string]casefile.Field, add addFunc) {
	hasAudit, hasMinutes := false, false
	var auditDoc *casefile.Document
	for _, d := range docs {
		if hasType(d.Types, casefile.TypeAuditReport) {
			hasAudit = true
			if auditDoc == nil {
				auditDoc = d
			}
		}
		hasMinutes = hasMinutes || hasType(d.Types, casefile.TypeAGMMinutes)
	}
	if f, ok := merged[casefile.FieldDischargeRecommended]; ok {
		if v, _ := f.Value.(bool); !v {
			add(casefile.CheckDischargeNotRecommended, casefile.SeverityError, fmt.Sprintf("Revisorn tillstyrker inte ansvarsfrihet för styrelsen (%s): ”%s”.", where(f.File, f.Page), shorten(f.Quote)), f.File, f.Page)
		}
	} else if hasAudit {
		add(casefile.CheckDischargeStatementMissing, casefile.SeverityWarning, fmt.Sprintf("Revisionsberättelsen (%s) säger ingenting om ansvarsfrihet för styrelsen.", auditDoc.File), auditDoc.File, 0)
	}
	if !hasMinutes {
		return
	}
	names := map[string]string{
		casefile.FieldAccountsAdopted:      "att resultat- och balansräkningen fastställts",
		casefile.FieldAuditReportPresented: "att revisionsberättelsen behandlats",
		casefile.FieldDischargeGranted:     "att styrelsen beviljats ansvarsfrihet",
		casefile.FieldFeeDecided:           "beslut om medlemsavgift",
	}
	for _, k := range []string{casefile.FieldAccountsAdopted, casefile.FieldAuditReportPresented, casefile.FieldDischargeGranted, casefile.FieldFeeDecided} {
		f, ok := merged[k]
		if ok {
			if v, _ := f.Value.(bool); v {
				continue
			}
			if k == casefile.FieldDischargeGranted && dischargeRefused(f.Quote) {
				// A refused discharge is a decision; the auditor's
				// statement and the field itself report it.
				continue
			}
		}
		msg := fmt.Sprintf("Årsmötesprotokollet visar inte %s.", names[k])
		if ok && !strings.HasPrefix(f.Quote, "(beslutet saknas") {
			msg = fmt.Sprintf("Årsmötesprotokollet visar inte %s (%s): ”%s”.", names[k], where(f.File, f.Page), shorten(f.Quote))
		}
		add(casefile.CheckAGMDecisionMissing, casefile.SeverityWarning, msg, f.File, f.Page)
	}
}

// dischargeRefused reports whether the minutes' quote records that the
// meeting refused discharge, not that it said nothing or postponed it.
func dischargeRefused(quote string) bool {
	return !strings.HasPrefix(quote, "(beslutet saknas") && !postponed.MatchString(quote)
}

var postponed = regexp.MustCompile(`(?i)bordla|bordlä|sköts\s+upp|uppsköts|återremitt`)

func shorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 160 {
		return string(r[:157]) + "…"
	}
	return s
}

var boardRole = regexp.MustCompile(`(?i)(ordförande|ordf\.|kassör|sekreterare|ledamot|ledamöter|styrelseledamot|styrelsen)`)

func checkAuditorOnBoard(texts []*docText, merged map[string]casefile.Field, add addFunc) {
	a, ok := merged[casefile.FieldAuditor]
	if !ok {
		return
	}
	name, _ := a.Value.(string)
	if name == "" {
		return
	}
	for _, k := range []string{casefile.FieldChair, casefile.FieldTreasurer} {
		if f, ok := merged[k]; ok && valueKey(f.Value) == valueKey(name) {
			add(casefile.CheckAuditorOnBoard, casefile.SeverityWarning, fmt.Sprintf("Revisorn %s sitter också i styrelsen som %s (%s).", name, casefile.FieldName(k), where(f.File, f.Page)), f.File, f.Page)
			return
		}
	}
	low := strings.ToLower(name)
	for _, d := range texts {
		for i, l := range d.lines {
			t := strings.ToLower(l.text)
			at := strings.Index(t, low)
			if at < 0 && d.ocr {
				at = fuzzyIndex(t, low) // OCR may get one letter of a name wrong
			}
			if at < 0 {
				continue
			}
			// The segment of the line that holds the name, and the role next to it.
			seg := t
			for _, s := range splitColumns(l.text) {
				if s[0] <= at && at < s[1] {
					seg = t[s[0]:s[1]]
				}
			}
			if strings.Contains(seg, "revisor") || meetingChairCtx.MatchString(seg) || strings.Contains(seg, "suppleant") || strings.Contains(seg, "valberedning") {
				continue
			}
			if boardRole.MatchString(seg) || underBoardHeading(d.lines, i) {
				add(casefile.CheckAuditorOnBoard, casefile.SeverityWarning, fmt.Sprintf("Revisorn %s nämns också som styrelseledamot (%s): ”%s”.", name, where(d.file, l.page), shorten(l.text)), d.file, l.page)
				return
			}
		}
	}
}

// underBoardHeading reports whether line i stands in a list under a heading
// that names the board ("Styrelse", "Ledamöter:"), within the few lines
// above it on the same page, with no auditors' heading in between.
func underBoardHeading(lines []textLine, i int) bool {
	for j := i - 1; j >= 0 && j >= i-6 && lines[j].page == lines[i].page; j-- {
		h := strings.ToLower(strings.TrimSpace(lines[j].text))
		switch {
		case strings.Contains(h, "revisor") || strings.Contains(h, "valberedning") || strings.Contains(h, "suppleant"):
			return false
		case len([]rune(h)) <= 40 && boardHeading.MatchString(h):
			return true
		}
	}
	return false
}

// boardHeading is a short line that heads a list of board members.
var boardHeading = regexp.MustCompile(`^(styrelse|styrelsen|styrelsens sammansättning|styrelseledamöter|ledamöter|övriga ledamöter|styrelsen har bestått av)\b[:.]?`)

// fuzzyIndex finds name in t allowing one wrong, missing or extra letter in
// each word of five letters or more, and returns its byte offset or -1.
func fuzzyIndex(t, name string) int {
	want := strings.Fields(name)
	words := wordSpans(t)
	for i := 0; i+len(want) <= len(words); i++ {
		ok := true
		for k, w := range want {
			got := t[words[i+k][0]:words[i+k][1]]
			if got != w && (len([]rune(w)) < 5 || !editDistance1(got, w)) {
				ok = false
				break
			}
		}
		if ok {
			return words[i][0]
		}
	}
	return -1
}

// wordSpans returns the byte spans of the letter runs of t.
func wordSpans(t string) [][2]int {
	var out [][2]int
	start := -1
	for i, r := range t {
		letter := unicode.IsLetter(r) || r == '-'
		switch {
		case letter && start < 0:
			start = i
		case !letter && start >= 0:
			out = append(out, [2]int{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(t)})
	}
	return out
}

var (
	unsignedMarker = regexp.MustCompile(`(?i)(ej\s+(under)?signerad|osignerad|ej\s+underskriven|underskrift\s+saknas|inte\s+(under)?signerad|utkast|preliminär(a|t)?\s+(version|årsredovisning|bokslut|protokoll))`)
	esignMarker    = regexp.MustCompile(`(?i)(penneo|scrive|docusign|e-?signerad|elektroniskt\s+(under)?(signerad|tecknad)|signerad\s+(med|via)\s+bankid|bankid|dokumentnyckel|verifikat|signed\s+by|digitalt\s+signerad)`)
	signRole       = regexp.MustCompile(`(?i)^[\p{L}\s.,/-]{0,40}?(^|[^\p{L}])(ordförande|ordf\.?|sekreterare|justerare|justeras|revisor|revisorer|kassör|ledamot|styrelseledamot|mötesordförande|protokollförare|vid\s+protokollet|mötessekreterare|föreningsrevisor|lekmannarevisor|firmatecknare)([^\p{L}]|$)[\p{L}\s.,/-]{0,30}$`)
)

// signedDoc reports whether a document shows signatures: an e-signature
// marker, or a name beside a signature role line.
func signedDoc(d *docText) bool {
	if esignMarker.MatchString(d.full) {
		return true
	}
	for i, l := range d.lines {
		for _, s := range splitColumns(l.text) {
			seg := l.text[s[0]:s[1]]
			if !signRole.MatchString(seg) || len(seg) > 70 || len(strings.Fields(seg)) > 6 {
				continue
			}
			// A name on this segment after a colon, or on an adjacent line.
			if _, after, ok := strings.Cut(seg, ":"); ok {
				if _, ok := cleanName(strings.TrimSpace(after)); ok {
					return true
				}
			}
			for _, j := range []int{i - 1, i + 1, i - 2} {
				if j < 0 || j >= len(d.lines) || d.lines[j].page != l.page {
					continue
				}
				for _, os := range splitColumns(d.lines[j].text) {
					if _, ok := cleanName(d.lines[j].text[os[0]:os[1]]); ok && len(strings.Fields(d.lines[j].text[os[0]:os[1]])) <= 5 {
						return true
					}
				}
			}
		}
	}
	return false
}

func checkUnsigned(docs []*casefile.Document, texts []*docText, add addFunc) {
	for i, d := range docs {
		if len(d.Text) == 0 {
			continue
		}
		if !(hasType(d.Types, casefile.TypeAGMMinutes) || hasType(d.Types, casefile.TypeAuditReport)) {
			continue
		}
		if m := unsignedMarker.FindStringIndex(texts[i].full); m != nil {
			l := texts[i].lines[texts[i].lineAt(m[0])]
			add(casefile.CheckUnsigned, casefile.SeverityWarning, fmt.Sprintf("%s ser inte ut att vara signerad: ”%s” (%s).", d.File, shorten(l.text), where(d.File, l.page)), d.File, l.page)
			continue
		}
		if !signedDoc(texts[i]) {
			add(casefile.CheckUnsigned, casefile.SeverityWarning, fmt.Sprintf("%s ser inte ut att vara signerad: inga namnunderskrifter eller e-signatur hittades.", d.File), d.File, len(d.Text))
		}
	}
}

func checkText(docs []*casefile.Document, texts []*docText, add addFunc) {
	for i, d := range docs {
		for _, p := range d.Text {
			if p.NeedsOCR {
				add(casefile.CheckNeedsOCR, casefile.SeverityWarning, fmt.Sprintf("Sidan saknar textlager och kunde inte tolkas med OCR (%s); den behöver läsas manuellt.", where(d.File, p.Number)), d.File, p.Number)
			}
		}
		dt := texts[i]
		if pd := casefile.FindPersonalData(dt.full); len(pd) > 0 {
			counts := map[string]int{}
			for _, p := range pd {
				counts[p.Kind]++
			}
			first := dt.lines[dt.lineAt(pd[0].Start)].page
			var parts []string
			kinds := []string{casefile.PersonalIDNumber, casefile.PersonalBirth, casefile.PersonalPhone, casefile.PersonalEmail, casefile.PersonalAddress}
			labels := map[string]string{casefile.PersonalIDNumber: "personnummer", casefile.PersonalBirth: "födelsedatum", casefile.PersonalPhone: "telefonnummer", casefile.PersonalEmail: "e-postadresser", casefile.PersonalAddress: "adresser"}
			for _, k := range kinds {
				if counts[k] > 0 {
					parts = append(parts, fmt.Sprintf("%d %s", counts[k], labels[k]))
				}
			}
			sev := casefile.SeverityInfo
			if counts[casefile.PersonalIDNumber] > 0 {
				sev = casefile.SeverityWarning
			}
			add(casefile.CheckPersonalData, sev, fmt.Sprintf("%s innehåller personuppgifter (%s), första på sida %d. De ska inte skickas till en extern språkmodell utan att maskeras.", d.File, strings.Join(parts, ", "), first), d.File, first)
		}
		if spans := casefile.InjectionSpans(dt.full); len(spans) > 0 {
			l := dt.lines[dt.lineAt(spans[0][0])]
			add(casefile.CheckPromptInjection, casefile.SeverityError, fmt.Sprintf("Texten ser ut att ge instruktioner till ett AI-system (misstänkt promptinjektion) (%s): ”%s”. Granska sidan manuellt.", where(d.File, l.page), shorten(dt.full[spans[0][0]:spans[0][1]])), d.File, l.page)
		}
	}
}

// conflictKeys are compared across documents by checkConflicts; the
// others have their own checks.
var conflictKeys = []string{casefile.FieldAssociationName, casefile.FieldIncomeTotal, casefile.FieldCostsTotal, casefile.FieldResult, casefile.FieldTotalAssets, casefile.FieldEquity, casefile.FieldChair, casefile.FieldTreasurer, casefile.FieldAuditor}

func checkConflicts(docs []*casefile.Document, add addFunc) {
	for _, k := range conflictKeys {
		vals := distinct(docValues(docs, k, 0.8))
		if len(vals) < 2 {
			continue
		}
		if k == casefile.FieldAssociationName && namesAgree(vals) {
			continue
		}
		sort.SliceStable(vals, func(i, j int) bool { return vals[i].File < vals[j].File })
		add(casefile.CheckFieldConflict, casefile.SeverityInfo, fmt.Sprintf("Handlingarna anger olika värden för %s: %s.", casefile.FieldName(k), listValues(vals)), vals[1].File, vals[1].Page)
	}
}

// namesAgree treats names as one when one contains the other.
func namesAgree(vals []casefile.Candidate) bool {
	for i := range vals {
		for j := range vals {
			a, _ := vals[i].Value.(string)
			b, _ := vals[j].Value.(string)
			a, b = normalizeName(a), normalizeName(b)
			if !strings.Contains(a, b) && !strings.Contains(b, a) {
				return false
			}
		}
	}
	return true
}
