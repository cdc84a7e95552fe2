package extract

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"arsflow/extract/casefile"
	"arsflow/extract/layout"
	"arsflow/extract/lexicon"
)

// keyBoard holds the names of the board's members, for the check that the
// auditor is not one of them.
const keyBoard = "_board"

// boardRoles are the roles of board members.
var boardRoles = map[string]bool{"chair": true, "vice_chair": true, "treasurer": true, "secretary": true, "member": true}

// roleFields maps the lexicon's roles to the fields they fill.
var roleFields = map[string]string{"chair": casefile.FieldChair, "treasurer": casefile.FieldTreasurer, "auditor": casefile.FieldAuditor}

// personName is a name found in text: [Start, End) of the text.
type personName struct {
	Start, End int
	Text       string
	// First is set for a first name alone ("Linus"), which the case
	// resolves against the full names its documents print.
	First bool
}

// notNameWords are capitalised words that start sentences or name things
// other than persons.
var notNameWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`styrelsen styrelse föreningen föreningens årsmötet årsmöte mötet stämman kåren klubben
		sällskapet till för vid den det de detta dessa under efter enligt som och samt eller med om av på i från hos alla inga
		valdes omvaldes nyvaldes val beslutades beslöts beslöt godkändes fastställdes föredrogs lästes
		närvarande övriga plats datum tid ort justeras justerare bilaga sida punkt summa totalt not
		januari februari mars april maj juni juli augusti september oktober november december
		måndag tisdag onsdag torsdag fredag lördag söndag måndagen tisdagen onsdagen torsdagen fredagen lördagen söndagen
		the a an of and for to in on at by with is was are were be this that board meeting annual general
		report minutes agenda voting result election member members present location time date
		sverige sweden stockholm göteborg malmö kommun kommunen stad staden region ab hb kb aktiebolag byrå
		omval nyval ordinarie extra vice tf ny nya nye avgående kvarstår kvar ställer ej
		mötesordförande ordförande ordf ordföranden kassör kassören sekreterare ledamot ledamöter revisor revisorer
		revisorn suppleant suppleanter ersättare valberedning valberedningen firmatecknare verksamhetschef
		chair chairperson chairman chairwoman treasurer secretary auditor vi jag han hon vår våra vårt
		rapport berättelse uttalanden grund ansvar`) {
		notNameWords[lexicon.Fold(w)] = true
	}
}

// companyWords end the name of a firm, not of a person.
func companyWord(w string) bool {
	f := lexicon.Fold(strings.Trim(w, ".,"))
	return f == "ab" || f == "hb" || f == "kb" || strings.HasSuffix(f, "byra") || f == "aktiebolag" || strings.HasPrefix(f, "konsult") || strings.HasPrefix(f, "redovisning") || f == "inc" || f == "ltd"
}

// nameWord reports whether w can be part of a person's name: capitalised
// (or a capitalised hyphenated name, or an initial "K."), not a common
// word.
func nameWord(w string) bool {
	w = strings.TrimRight(w, ",;:)")
	if len(w) > 2 {
		w = strings.TrimRight(w, ".")
	}
	if w == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return false
	}
	if notNameWords[lexicon.Fold(strings.TrimSuffix(w, "."))] || companyWord(w) || lexiconWord(w) {
		return false
	}
	if len(w) == 2 && strings.HasSuffix(w, ".") {
		return true // an initial: "Anna K."
	}
	rest := []rune(w)[1:]
	upperRun := 0
	for _, c := range rest {
		if !unicode.IsLetter(c) && c != '-' && c != '\'' && c != '’' {
			return false
		}
		if unicode.IsUpper(c) {
			upperRun++
		}
	}
	// "GWU", "IF": capitals throughout are not a person's name.
	return upperRun < len(rest) || len(rest) == 0
}

// particles may stand inside a name in lower case.
var particles = map[string]bool{"von": true, "af": true, "de": true, "van": true, "der": true, "la": true, "du": true}

// names returns the persons' names in s: two to four name words, or a
// first name alone when allowFirst is set.
func names(s string, allowFirst bool) []personName {
	var out []personName
	type word struct {
		s, e int
		t    string
	}
	var ws []word
	start := -1
	for i, r := range s {
		if unicode.IsSpace(r) {
			if start >= 0 {
				ws = append(ws, word{start, i, s[start:i]})
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		ws = append(ws, word{start, len(s), s[start:]})
	}
	for i := 0; i < len(ws); {
		if !nameWord(ws[i].t) || strings.HasSuffix(strings.TrimRight(ws[i].t, ",;:)"), ".") && len(ws[i].t) <= 3 {
			i++
			continue
		}
		j := i + 1
		for j < len(ws) && j-i < 4 {
			prev := ws[j-1].t
			if strings.ContainsAny(prev[len(prev)-1:], ",;:)(") {
				break
			}
			if particles[ws[j].t] && j+1 < len(ws) && nameWord(ws[j+1].t) {
				j += 2
				continue
			}
			if !nameWord(ws[j].t) {
				break
			}
			j++
		}
		// "Anna Berg Berg Revisionsbyrå": the word before a firm's
		// designation names the firm.
		if j < len(ws) && j-i >= 3 && companyWord(ws[j].t) && !strings.ContainsAny(ws[j-2].t, ",;") {
			j--
		}
		text := strings.TrimRight(s[ws[i].s:ws[j-1].e], ",;:)")
		if last := ws[j-1].t; len(strings.TrimRight(last, ",;:).")) > 1 {
			text = strings.TrimRight(text, ".")
		}
		if strings.HasSuffix(text, "’s") || strings.HasSuffix(text, "'s") || strings.HasSuffix(text, ":s") {
			i = j
			continue // "Python Sverige's": an organisation's genitive
		}
		switch {
		case j-i >= 2:
			out = append(out, personName{Start: ws[i].s, End: ws[i].s + len(text), Text: text})
		case allowFirst && utf8.RuneCountInString(text) >= 3 && !strings.HasSuffix(text, "."):
			out = append(out, personName{Start: ws[i].s, End: ws[i].s + len(text), Text: text, First: true})
		}
		i = j
	}
	return out
}

// Gap words that may stand between a role and the name it belongs to.
var (
	// roleThenName: "Ordförande: X", "Till ordförande för ett år omvaldes
	// X", "The chairperson is X", "Kassören X redogjorde".
	roleThenName = map[string]bool{"ar": true, "is": true, "was": true, "var": true, "blev": true, "har": true, "varit": true, "valdes": true, "omvaldes": true, "nyvaldes": true, "utsags": true, "for": true, "pa": true, "ett": true, "tva": true, "1": true, "2": true, "3": true, "ar_": true, "arsmotet": true, "verksamhetsaret": true, "period": true, "perioden": true, "vald": true, "tillika": true, "omval": true, "nyval": true, "av": true, "om": true}
	// nameThenRole: "X, ordförande", "X (kassör)", "välja X till
	// ordförande", "X omvaldes som ordförande", "X is elected as Python
	// Sverige's chairwoman".
	nameThenRole = map[string]bool{"till": true, "som": true, "as": true, "the": true, "is": true, "was": true, "elected": true, "selected": true, "valdes": true, "omvaldes": true, "nyvaldes": true, "utsags": true, "vald": true, "ar": true, "var": true, "vår": true, "our": true, "new": true, "ny": true, "forenings": true}
)

// readPeople reads who holds the chair, the treasury and the audit: a role
// and a name side by side in a line or a sentence (in either order, with a
// colon, a comma, parentheses or an election between them), a role under
// or over a name in a signature block, and the name signing an audit
// report.
func readPeople(r *reading) {
	for _, l := range r.doc.Lines {
		readRoleNames(r, l.Text, 0, []*layout.Line{l}, l.OCR, true)
	}
	for _, b := range r.doc.Blocks() {
		if len(b.Lines) < 2 {
			continue
		}
		for _, s := range layout.Sentences(b) {
			if len(s.Lines()) > 1 {
				readRoleNames(r, s.String(), -1, s.Lines(), r.doc.OCR, false)
			}
		}
	}
	readSignatures(r)
	readBoardLists(r)
	readElectionItems(r)
	readAuditSigner(r)
	readAuditPresenter(r)
}

// readRoleNames pairs roles and names in a text (a cell, or a sentence
// over several lines: off < 0).
func readRoleNames(r *reading, text string, off int, lines []*layout.Line, ocr bool, cell bool) {
	toks := lexicon.Tokens(text)
	roles := r.matches(toks, "role", ocr)
	if len(roles) == 0 {
		return
	}
	ns := names(text, true)
	if len(ns) == 0 {
		return
	}
	typ := r.typeAt(lines[0])
	if electsLater(r, toks) {
		return // an election for a later year names next year's officers
	}
	// A role printed right before a name ("ordförande Siv Lund") claims
	// it, so that in "ordförande Siv Lund, kassör Bo Andersson" the name
	// is not also read as the kassör's.
	claimed := map[int]int{}
	for ri, m := range roles {
		re := toks[m.To-1].End
		for ni, n := range ns {
			if n.Start >= re && strings.TrimSpace(text[re:n.Start]) == "" {
				claimed[ni] = ri
			}
		}
	}
	for ri, m := range roles {
		key, ok := roleFields[m.Key]
		if boardRoles[m.Key] && !ok {
			key, ok = keyBoard, true
		}
		if !ok {
			continue
		}
		rs, re := toks[m.From].Start, toks[m.To-1].End
		var best *personName
		bestScore := 0.0
		for ni := range ns {
			n := &ns[ni]
			if by, ok := claimed[ni]; ok && by != ri {
				continue
			}
			var gap []lexicon.Token
			var allowed map[string]bool
			score := 0.0
			switch {
			case n.Start >= re && noRoleBetween(roles, ri, toks, re, n.Start, 1):
				gap, allowed = tokensIn(toks, re, n.Start), roleThenName
				score = 0.82
				between := text[re:n.Start]
				labelStart := m.From == 0 || strings.TrimSpace(text[:rs]) == "" || strings.HasSuffix(strings.TrimSpace(text[:rs]), "   ")
				switch {
				case strings.Contains(between, ":"):
					score = 0.88
				case strings.Contains(between, ";") && !labelStart, strings.Contains(between, ",") && !labelStart && !plural(toks[m.To-1].Norm):
					continue // "chair; Love Arvidsson": the next item of a list
				case strings.Contains(between, ";") || strings.Contains(between, "   "):
					score = 0.86 // a label and its value in two cells
				}
			case n.End <= rs && noRoleBetween(roles, ri, toks, n.End, rs, -1):
				gap, allowed = tokensIn(toks, n.End, rs), nameThenRole
				score = 0.82
				between := text[n.End:rs]
				if strings.Contains(between, "(") || strings.HasPrefix(strings.TrimSpace(between), ",") {
					score = 0.86
				}
			default:
				continue
			}
			if !gapAllowed(gap, allowed) {
				continue
			}
			if n.Start < rs && strings.Contains(text[n.End:rs], "   ") && len(gap) > 0 {
				continue // a name and a role in different cells with words between
			}
			score -= 0.02 * float64(len(gap))
			if n.First {
				score -= 0.1
			}
			if score > bestScore {
				best, bestScore = n, score
			}
		}
		if best == nil {
			continue
		}
		score := bestScore * roleContext(r, typ, key, text, toks, m, cell)
		if boardRoles[m.Key] && key != keyBoard {
			r.add(keyBoard, best.Text, score, lines, 0, 0)
		}
		s, e := 0, 0
		if off >= 0 {
			s, e = off+best.Start, off+best.End
		}
		value := best.Text
		if best.First {
			value = firstNameMark + value
		}
		r.add(key, value, score, lines, s, e)
	}
}

// firstNameMark prefixes a first name printed alone; the case replaces it
// by the one full name its documents print with that first name. It is
// stored with the document's candidates, so it must be a character that
// PostgreSQL's jsonb takes (not NUL) and that no document prints: one of
// Unicode's private use.
const firstNameMark = "\uE000"

// noRoleBetween reports whether no other role of a field stands between a
// role and a name, so that each name goes with its nearest role.
func noRoleBetween(roles []lexicon.Match, ri int, toks []lexicon.Token, from, to, dir int) bool {
	for k, m := range roles {
		if k == ri {
			continue
		}
		if toks[m.From].Start >= from && toks[m.To-1].End <= to {
			return false
		}
	}
	return true
}

func tokensIn(toks []lexicon.Token, from, to int) []lexicon.Token {
	var out []lexicon.Token
	for _, t := range toks {
		if t.Start >= from && t.End <= to {
			out = append(out, t)
		}
	}
	return out
}

// gapAllowed reports whether the words between a role and a name are few
// and all of the kind that joins them.
func gapAllowed(gap []lexicon.Token, allowed map[string]bool) bool {
	if len(gap) > 8 {
		return false
	}
	unknown, elected := 0, false
	for _, t := range gap {
		switch t.Norm {
		case "as", "som", "elected", "selected", "valdes", "omvaldes", "nyvaldes":
			elected = true
		}
		if !allowed[t.Norm] && atoi(t.Norm) < 0 {
			unknown++
		}
	}
	// "is elected as Python Sverige's chairwoman": a name of the
	// association may stand in an election.
	return unknown == 0 || elected && unknown <= 3
}

// roleContext weighs a role by where it is read: a board list in a report
// names who held the office; an election in the minutes names who holds it
// next; a role in the minutes' signature block may be the meeting's chair.
func roleContext(r *reading, typ, key, text string, toks []lexicon.Token, m lexicon.Match, cell bool) float64 {
	w := 1.0
	for _, t := range toks {
		switch t.Norm {
		case "valdes", "omvaldes", "nyvaldes", "valja", "elected", "selected", "nominates", "nominerar", "omval", "nyval", "kandiderar":
			w = min(w, 0.85)
		case "avgick", "avgar", "lamnar", "lamnade", "avtackning", "avtackades", "tidigare", "former", "relieved", "until":
			w = min(w, 0.75)
		}
		if t.Start > toks[m.To-1].End && t.Start-toks[m.To-1].End < 20 && (t.Norm == "fram" || t.Norm == "t" && strings.Contains(text[toks[m.To-1].End:t.Start+3], "t.o.m")) {
			w = min(w, 0.7)
		}
	}
	switch typ {
	case casefile.TypeActivityReport, casefile.TypeAnnualAccounts:
		w *= 1.05
	case casefile.TypeOther:
		w *= 0.85
	}
	if key == casefile.FieldAuditor && typ == casefile.TypeAuditReport {
		w *= 1.1
	}
	return w
}

// readSignatures pairs a cell that is only a role with the name standing
// right above or below it, in the same column: a signature block.
func readSignatures(r *reading) {
	lines := r.doc.Lines
	for i, l := range lines {
		for ci := range l.Cells {
			cell := strings.TrimSpace(l.CellText(ci))
			toks := lexicon.Tokens(cell)
			ms := r.matches(toks, "role", l.OCR)
			if len(ms) != 1 || ms[0].From != 0 || ms[0].To != len(toks) {
				continue
			}
			key, ok := roleFields[ms[0].Key]
			if !ok {
				continue
			}
			x0, x1 := l.Cells[ci].X0, l.Cells[ci].X1
			for _, j := range []int{i - 1, i + 1, i - 2} {
				if j < 0 || j >= len(lines) || lines[j].Page != l.Page {
					continue
				}
				o := lines[j]
				found := false
				for oc := range o.Cells {
					if o.Cells[oc].X1 < x0-5 || o.Cells[oc].X0 > x1+40 && o.Cells[oc].X0 > x0+40 {
						continue
					}
					ot := strings.TrimSpace(o.CellText(oc))
					ns := names(ot, false)
					if len(ns) != 1 || len(strings.Fields(ot)) > 5 {
						continue
					}
					score := 0.72
					if j != i-1 && j != i+1 {
						score = 0.6
					}
					typ := r.typeAt(l)
					if typ == casefile.TypeAGMMinutes {
						score -= 0.2 // the meeting's officers sign the minutes
					}
					if key == casefile.FieldAuditor && typ == casefile.TypeAuditReport {
						score += 0.15
					}
					from, to := min(i, j), max(i, j)
					r.add(key, ns[0].Text, score, lines[from:to+1], 0, 0)
					found = true
					break
				}
				if found {
					break
				}
			}
		}
	}
}

// readElectionItems reads an agenda item that elects one office ("Val av
// ordförande", "Election of Treasurer") and names one person in it.
func readElectionItems(r *reading) {
	for _, it := range r.doc.Items() {
		title := it.Title()
		ttoks := title.Tokens()
		roles := r.matches(ttoks, "role", r.doc.OCR)
		elect := false
		for _, m := range r.matches(ttoks, "topic", r.doc.OCR) {
			elect = elect || m.Key == "election"
		}
		key, fields := "", 0
		for _, m := range roles {
			if k, ok := roleFields[m.Key]; ok {
				key = k
				fields++
			}
		}
		if fields != 1 || !elect {
			continue
		}
		var ns []personName
		seen := map[string]bool{}
		for _, n := range names(it.T.S, false) {
			if !seen[n.Text] {
				seen[n.Text] = true
				ns = append(ns, n)
			}
		}
		if len(ns) != 1 {
			continue
		}
		r.add(key, ns[0].Text, 0.72, it.All().Lines(), 0, 0)
	}
}

// readAuditSigner reads the auditor from an audit report: the name that
// signs it at its end, or the name its heading gives.
func readAuditSigner(r *reading) {
	for _, p := range r.parts {
		if p.typ != casefile.TypeAuditReport {
			continue
		}
		if p.title != nil {
			if i := strings.Index(p.title.Text, "("); i >= 0 {
				if ns := names(p.title.Text[i:], false); len(ns) == 1 {
					r.add(casefile.FieldAuditor, ns[0].Text, 0.75, []*layout.Line{p.title}, 0, 0)
				}
			}
		}
		for j := p.to - 1; j >= p.from && j >= p.to-4; j-- {
			l := r.doc.Lines[j]
			t := strings.TrimSpace(l.Text)
			ns := names(t, false)
			if len(ns) == 1 && ns[0].Start == 0 && len(strings.Fields(t)) <= 4 {
				r.add(casefile.FieldAuditor, ns[0].Text, 0.7, []*layout.Line{l}, 0, 0)
				break
			}
		}
	}
}

// readBoardLists reads the names listed under a heading that names the
// board ("Styrelse", "Ledamöter:", "Styrelsen har bestått av"), up to a
// heading of another body (auditors, nominating committee).
func readBoardLists(r *reading) {
	lines := r.doc.Lines
	for i, l := range lines {
		if !boardHeading(r, l) {
			continue
		}
		for j := i + 1; j < len(lines) && j <= i+12 && lines[j].Page == l.Page; j++ {
			o := lines[j]
			stop := false
			for _, m := range o.Find("role") {
				if !boardRoles[m.Key] && m.Key != "chair" {
					stop = true
				}
			}
			if stop {
				break
			}
			for _, n := range names(o.Text, false) {
				r.add(keyBoard, n.Text, 0.7, []*layout.Line{o}, n.Start, n.End)
			}
		}
	}
}

// boardHeading reports whether a short line heads a list of the board.
func boardHeading(r *reading, l *layout.Line) bool {
	if len(l.Tokens) == 0 || len(l.Tokens) > 5 {
		return false
	}
	switch l.Tokens[0].Norm {
	case "styrelse", "styrelsen", "ledamoter", "styrelseledamoter", "board":
	default:
		return false
	}
	for _, t := range l.Tokens[1:] {
		switch t.Norm {
		case "har", "bestatt", "av", "bestod", "has", "consisted", "of", "ledamoter":
		default:
			if atoi(t.Norm) < 0 {
				return false
			}
		}
	}
	return true
}

// lexiconWord reports whether a capitalised word is one of the lexicon's
// roles, titles or topics ("Revisorssuppleant", "Verksamhetsberättelse"),
// not part of a person's name.
func lexiconWord(w string) bool {
	lexWordMu.Lock()
	v, ok := lexWords[w]
	lexWordMu.Unlock()
	if ok {
		return v
	}
	v = isLexiconWord(w)
	lexWordMu.Lock()
	if len(lexWords) > 20000 {
		lexWords = map[string]bool{}
	}
	lexWords[w] = v
	lexWordMu.Unlock()
	return v
}

var (
	lexWordMu sync.Mutex
	lexWords  = map[string]bool{}
)

func isLexiconWord(w string) bool {
	toks := lexicon.Tokens(w)
	if len(toks) != 1 || len([]rune(toks[0].Norm)) < 5 {
		return false
	}
	lex := lexicon.Default()
	for _, kind := range []string{"role", "title", "topic"} {
		if ms := lex.Find(toks, kind, false); len(ms) > 0 {
			return true
		}
	}
	return false
}

// readAuditPresenter reads the auditor from minutes that say who presented
// the audit report: "Gullmar Göthensten läste upp revisionsberättelsen",
// "Revisionsberättelsen föredrogs av Ingvar Gustafsson".
func readAuditPresenter(r *reading) {
	if !r.has(casefile.TypeAGMMinutes) {
		return
	}
	for _, u := range decisionUnits(r) {
		toks := u.Tokens()
		audit := false
		for _, m := range r.matches(toks, "topic", r.doc.OCR) {
			audit = audit || m.Key == "audit_report"
		}
		if !audit {
			continue
		}
		text := u.String()
		for _, m := range r.matches(toks, "outcome", r.doc.OCR) {
			if m.Key != "present" {
				continue
			}
			vs, ve := toks[m.From].Start-u.Start, toks[m.To-1].End-u.Start
			for _, n := range names(text, false) {
				subject := n.End <= vs && strings.TrimSpace(text[n.End:vs]) == ""
				agent := n.Start >= ve && (strings.TrimSpace(text[ve:n.Start]) == "av" || strings.TrimSpace(text[ve:n.Start]) == "by")
				if (subject || agent) && !holdsOffice(r, n.Text) {
					r.add(casefile.FieldAuditor, n.Text, 0.82, u.Lines(), 0, 0)
				}
			}
		}
	}
}

// electsLater reports whether a text elects someone for a year after the
// one reported on ("Till kårordförande för verksamhetsåret 2013 valdes").
func electsLater(r *reading, toks []lexicon.Token) bool {
	if r.fy == 0 {
		return false
	}
	elect := false
	for _, t := range toks {
		switch t.Norm {
		case "valdes", "omvaldes", "nyvaldes", "valja", "val", "elected", "election", "utsags":
			elect = true
		}
	}
	if !elect {
		return false
	}
	for _, t := range toks {
		if y := atoi(t.Norm); len(t.Norm) == 4 && y > r.fy && y < 2100 {
			return true
		}
	}
	return false
}

// plural reports whether a role word is plural ("revisorerna, X och Y"):
// its holders follow after a comma.
func plural(w string) bool {
	return strings.HasSuffix(w, "er") || strings.HasSuffix(w, "erna") || strings.HasSuffix(w, "arna") || strings.HasSuffix(w, "orna") || strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss")
}

// holdsOffice reports whether the document names a person as chair or
// treasurer: the chair may present the audit report without being its
// author.
func holdsOffice(r *reading, name string) bool {
	for _, c := range r.cands {
		if c.key == casefile.FieldChair || c.key == casefile.FieldTreasurer {
			if v, _ := c.value.(string); strings.EqualFold(v, name) {
				return true
			}
		}
	}
	return false
}
