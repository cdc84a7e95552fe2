package extract

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"arsflow/extract/casefile"
	"arsflow/extract/layout"
	"arsflow/extract/lexicon"
)

// readHeader adds the candidates for what a document says about itself:
// organisation number, association name and meeting date (the fiscal year
// is read first, by fiscalEndYear).
func readHeader(r *reading) {
	readOrgNumbers(r)
	readAssociationName(r)
	readMeetingDate(r)
}

// orgShape is the printed shape of an organisation number.
var orgShape = lazyRegexp(`(?:^|[^\d+-])((?:16)?\d{6}\s?[-–]\s?\d{4}|\d{10})(?:[^\d]|$)`)

// readOrgNumbers reads organisation numbers: labelled ones ("Org.nr",
// "Organisationsnummer:", "Organization number") whatever their check
// digit, so that a wrong one is flagged; unlabelled ones only when valid.
func readOrgNumbers(r *reading) {
	for i, l := range r.doc.Lines {
		// orgShape needs six digits in a row: the figures of a table
		// (ten digits, in groups of three) are passed over without it.
		if digitCount(l.Text) < 10 || !digitRun(l.Text, 6) {
			continue
		}
		for _, m := range orgShape().FindAllStringSubmatchIndex(l.Text, -1) {
			n, ok := casefile.NormalizeOrgNumber(strings.NewReplacer("–", "-", " ", "").Replace(l.Text[m[2]:m[3]]))
			if !ok {
				continue
			}
			labelled := false
			for _, f := range l.Find("field") {
				if f.Key == casefile.FieldOrgNumber && l.Tokens[f.From].Start < m[2] {
					labelled = true
				}
			}
			if !labelled && i > 0 && strings.TrimSpace(l.Text[:m[2]]) == "" {
				for _, f := range r.matches(r.doc.Lines[i-1].Tokens, "field", l.OCR) {
					labelled = labelled || f.Key == casefile.FieldOrgNumber
				}
			}
			valid := casefile.ValidOrgNumber(n)
			switch {
			case labelled && valid:
				r.add(casefile.FieldOrgNumber, n, 0.97, []*layout.Line{l}, m[2], m[3])
			case labelled:
				r.add(casefile.FieldOrgNumber, n, 0.9, []*layout.Line{l}, m[2], m[3])
			case valid:
				r.add(casefile.FieldOrgNumber, n, 0.8, []*layout.Line{l}, m[2], m[3])
			}
		}
	}
}

// fiscalEndYear reads the fiscal year's candidates and returns the year
// the best of them ends, 0 when the document does not say.
func fiscalEndYear(r *reading) int {
	readFiscalYear(r)
	best, year := 0.0, 0
	for _, c := range r.cands {
		if c.key == casefile.FieldFiscalYearEnd && c.score > best {
			s, _ := c.value.(string)
			best, year = c.score, atoi(s[:4])
		}
	}
	return year
}

// rangeSep is what may stand between the two dates of a period.
var rangeSep = lazyRegexp(`(?i)^[\s,]*(?:[-–—−]+|till|to|until|t\.?\s*o\.?\s*m\.?|tom)?[\s,]*$`)

// readFiscalYear reads periods ("2024-01-01–2024-12-31", "1 juli 2023 – 30
// juni 2024", "1 januari 31 december 2012", "May 22nd 2022 — May 21st
// 2023") and years named as the fiscal year ("Räkenskapsåret 2021",
// "Verksamhetsberättelse 2021", "ansvarsfrihet för verksamhetsåret 2022").
// A year in a sentence about fees, budgets or plans is the coming year,
// not the one reported on.
func readFiscalYear(r *reading) {
	for _, b := range r.doc.Blocks() {
		readPeriods(r, b)
		for _, s := range layout.Sentences(b) {
			readFiscalYearWords(r, s)
		}
	}
	readTitleYears(r)
}

func readPeriods(r *reading, b *layout.Text) {
	text := b.S
	// A period holds two dates: two years, or one and a month's name, or
	// two dates written without separators ("20230101–20231231", "Räkenskapsår
	// 2301–2312").
	compact := digitDash(text) && digitRun(text, 4)
	if y := layout.Years(text); (y == 0 || y == 1 && !layout.HasMonth(text)) && !compact {
		return
	}
	dates := layout.Dates(text)
	add := func(start, end string, s, e int, labelled bool) {
		ta, _ := time.Parse(time.DateOnly, start)
		tb, _ := time.Parse(time.DateOnly, end)
		if days := tb.Sub(ta).Hours() / 24; days < 150 || days > 560 {
			return
		}
		score := 0.8
		if labelled {
			score = 0.95
		}
		lines := b.Within(s, e)
		r.add(casefile.FieldFiscalYearStart, start, score, lines, 0, 0)
		r.add(casefile.FieldFiscalYearEnd, end, score, lines, 0, 0)
	}
	labelledBefore := func(at int) bool {
		lo := max(0, at-90)
		toks := lexicon.Tokens(text[lo:at])
		for _, m := range r.matches(toks, "field", r.doc.OCR) {
			if m.Key == "_fiscal_year" {
				return true
			}
		}
		for _, m := range r.matches(toks, "title", r.doc.OCR) {
			if m.Key != casefile.TypeOther && m.Key != casefile.TypeAGMMinutes {
				return true
			}
		}
		return false
	}
	for i := 0; i+1 < len(dates); i++ {
		a, b2 := dates[i], dates[i+1]
		if b2.Start-a.End > 10 || !rangeSep().MatchString(text[a.End:b2.Start]) {
			continue
		}
		add(a.ISO, b2.ISO, a.Start, b2.End, labelledBefore(a.Start))
	}
	if compact {
		// Right after a fiscal-year label only ("Räkenskapsår: 2307-2406"):
		// elsewhere such digits are account or giro numbers.
		for _, p := range compactPeriods(text) {
			toks := lexicon.Tokens(text[max(0, p.s-40):p.s])
			for _, m := range r.matches(toks, "field", r.doc.OCR) {
				if m.Key == "_fiscal_year" && m.To == len(toks) {
					add(p.start, p.end, p.s, p.e, true)
					break
				}
			}
		}
	}
	// A day and month before a full date: "1 januari 31 december 2012".
	for _, dm := range layout.DayMonths(text) {
		for _, b2 := range dates {
			if b2.Start < dm.End || b2.Start-dm.End > 10 || !rangeSep().MatchString(text[dm.End:b2.Start]) {
				continue
			}
			end, _ := time.Parse(time.DateOnly, b2.ISO)
			y := end.Year()
			if dm.Month > int(end.Month()) || dm.Month == int(end.Month()) && dm.Day > end.Day() {
				y--
			}
			if start, ok := casefile.ISODate(y, dm.Month, dm.Day); ok {
				add(start, b2.ISO, dm.Start, b2.End, labelledBefore(dm.Start))
			}
		}
	}
}

// compactPeriod is a period written in digits alone: "230101-231231"
// (YYMMDD) or "2301-2312" (YYMM, whole months), at text[s:e].
type compactPeriod struct {
	start, end string
	s, e       int
}

// compactPeriods finds the periods of two runs of six or four digits joined
// by a dash; a bookkeeping program's report header prints the fiscal year
// so. The caller takes only those after a fiscal-year label.
func compactPeriods(text string) []compactPeriod {
	var out []compactPeriod
	run := func(i int) int {
		j := i
		for j < len(text) && text[j] >= '0' && text[j] <= '9' {
			j++
		}
		return j - i
	}
	for i := 0; i < len(text); i++ {
		if i > 0 && text[i-1] >= '0' && text[i-1] <= '9' {
			continue
		}
		n := run(i)
		if n != 6 && n != 4 {
			i += n
			continue
		}
		j := i + n
		for _, sep := range []string{" - ", " – ", "-", "–", "—"} {
			if strings.HasPrefix(text[j:], sep) {
				k := j + len(sep)
				if run(k) != n {
					break
				}
				a, b := text[i:j], text[k:k+n]
				if n == 4 && a[:2] == "20" && b[:2] == "20" {
					break // "2001-2012": years, not months
				}
				y1, m1, y2, m2 := 2000+atoi(a[:2]), atoi(a[2:4]), 2000+atoi(b[:2]), atoi(b[2:4])
				d1, d2 := 1, 0
				if n == 6 {
					d1, d2 = atoi(a[4:6]), atoi(b[4:6])
				} else if m2 >= 1 && m2 <= 12 {
					d2 = time.Date(y2, time.Month(m2)+1, 0, 0, 0, 0, 0, time.UTC).Day() // the month's last day
				}
				start, ok1 := casefile.ISODate(y1, m1, d1)
				end, ok2 := casefile.ISODate(y2, m2, d2)
				if ok1 && ok2 {
					out = append(out, compactPeriod{start, end, i, k + n})
				}
				break
			}
		}
		i = j
	}
	return out
}

// digitDash reports whether text joins two digits with a dash ("1-2",
// "1–2", "1 - 2"), as a period in digits alone does.
func digitDash(s string) bool {
	for i := 1; i < len(s); i++ {
		if s[i-1] < '0' || s[i-1] > '9' {
			continue
		}
		rest := strings.TrimPrefix(s[i:], " ")
		for _, d := range []string{"-", "–", "—"} {
			if after, ok := strings.CutPrefix(rest, d); ok {
				after = strings.TrimPrefix(after, " ")
				if after != "" && after[0] >= '0' && after[0] <= '9' {
					return true
				}
			}
		}
	}
	return false
}

// futureWords mark a sentence about the coming year.
var futureWords = map[string]bool{"budget": true, "verksamhetsplan": true, "verksamhetsplanen": true, "kommande": true, "nasta": true, "nastkommande": true, "plan": true, "planen": true, "arbetsplan": true, "innevarande": true, "coming": true, "next": true}

// readFiscalYearWords reads a year named as the year reported on in a
// sentence: after a fiscal year label, or after "ansvarsfrihet för",
// "verksamhetsberättelse för", "för 2022 års förvaltning".
func readFiscalYearWords(r *reading, s layout.Span) {
	toks := s.Tokens()
	if len(toks) == 0 {
		return
	}
	for _, t := range toks {
		if futureWords[t.Norm] {
			return
		}
	}
	years := map[int]bool{}
	for _, t := range toks {
		if y := atoi(t.Norm); len(t.Norm) == 4 && y >= 1990 && y <= 2099 {
			years[y] = true
		}
	}
	if len(years) != 1 {
		return // no year, or a heading of year columns, or a comparison
	}
	for _, m := range r.matches(toks, "topic", r.doc.OCR) {
		if m.Key == "fee" || m.Key == "election" {
			return
		}
	}
	labels := r.matches(toks, "field", r.doc.OCR)
	topics := r.matches(toks, "topic", r.doc.OCR)
	titles := r.matches(toks, "title", r.doc.OCR)
	for i, t := range toks {
		y := atoi(t.Norm)
		if len(t.Norm) != 4 || y < 1990 || y > 2099 {
			continue
		}
		// A broken year "2012-2013" or "2023/24": only with a period.
		if i+1 < len(toks) && toks[i+1].Start-t.End <= 2 && len(toks[i+1].Norm) >= 2 && atoi(toks[i+1].Norm) >= 0 && strings.ContainsAny(s.T.S[t.End:toks[i+1].Start], "/-–") {
			continue
		}
		score := 0.0
		near := func(ms []lexicon.Match, keys ...string) bool {
			for _, m := range ms {
				if m.To <= i && i-m.To <= 3 && contains(keys, m.Key) {
					return true
				}
			}
			return false
		}
		switch {
		case near(labels, "_fiscal_year"):
			score = 0.75
		case near(titles, casefile.TypeActivityReport, casefile.TypeAnnualAccounts, casefile.TypeAuditReport):
			score = 0.7
		case near(topics, "discharge", "accounts", "audit_report"):
			score = 0.6
		case i+2 < len(toks) && toks[i+1].Norm == "ars" && (strings.HasPrefix(toks[i+2].Norm, "forvaltning") || strings.HasPrefix(toks[i+2].Norm, "verksamhet") || strings.HasPrefix(toks[i+2].Norm, "rakenskap")):
			score = 0.6
		case i >= 2 && toks[i-1].Norm == "year" && toks[i-2].Norm == "the":
			score = 0.5
		}
		if score == 0 {
			continue
		}
		lines := s.Lines()
		st, _ := casefile.ISODate(y, 1, 1)
		en, _ := casefile.ISODate(y, 12, 31)
		r.add(casefile.FieldFiscalYearStart, st, score, lines, 0, 0)
		r.add(casefile.FieldFiscalYearEnd, en, score, lines, 0, 0)
	}
}

// readTitleYears reads the year in a document's title ("Verksamhetsberättelse
// 2021", "Årsredovisning för X 2021") and a year standing alone under
// "Räkenskapsåret".
func readTitleYears(r *reading) {
	for i, l := range r.doc.Lines {
		if l.Page > 2 || len(l.Tokens) > 12 {
			continue
		}
		var typ string
		for _, m := range l.Find("title") {
			if m.Key == casefile.TypeActivityReport || m.Key == casefile.TypeAnnualAccounts || m.Key == casefile.TypeAuditReport {
				typ = m.Key
			}
		}
		label := false
		for _, m := range l.Find("field") {
			label = label || m.Key == "_fiscal_year"
		}
		if typ == "" && !label {
			continue
		}
		lines := []*layout.Line{l}
		years := yearsIn(l.Text)
		if len(years) == 0 && label && i+1 < len(r.doc.Lines) {
			// "Räkenskapsåret" with the year on the next line.
			next := r.doc.Lines[i+1]
			if strings.TrimSpace(next.Text) != "" && len(next.Tokens) == 1 {
				years, lines = yearsIn(next.Text), []*layout.Line{l, next}
			}
		}
		if len(years) != 1 {
			continue
		}
		st, _ := casefile.ISODate(years[0], 1, 1)
		en, _ := casefile.ISODate(years[0], 12, 31)
		r.add(casefile.FieldFiscalYearStart, st, 0.7, lines, 0, 0)
		r.add(casefile.FieldFiscalYearEnd, en, 0.7, lines, 0, 0)
	}
}

// yearsIn returns the years printed alone in s, not inside dates or
// broken years.
func yearsIn(s string) []int {
	var out []int
	for _, a := range layout.Amounts(s) {
		if a.Year && !strings.ContainsAny(s[max(0, a.Start-1):min(len(s), a.End+1)], "/") {
			out = append(out, int(a.Value))
		}
	}
	return out
}

// readMeetingDate reads the date of the annual meeting: in minutes, the
// date near their heading ("Datum: 2025-03-14", "Protokoll fört vid årsmöte
// den 24 mars 2022"); without minutes, the date an invitation names for the
// meeting ("Den 1 mars kl. 10:00", "will be held Sunday, May 21st, 2023").
func readMeetingDate(r *reading) {
	for _, p := range r.parts {
		switch p.typ {
		case casefile.TypeAGMMinutes:
			meetingDateIn(r, p, 0.9)
		case casefile.TypeOther:
			if c := cues(r.doc, r.lex, p.from, p.to); c["invitation"] > 0 || agenda(p) {
				meetingDateIn(r, p, 0.55)
			}
		}
	}
}

// agenda reports whether a part is headed as the agenda of a meeting
// ("Dagordning vid årsmötet 2018"), which names the meeting's time.
func agenda(p part) bool {
	if p.title == nil {
		return false
	}
	for _, t := range p.title.Tokens {
		if strings.HasPrefix(t.Norm, "dagordning") || strings.HasPrefix(t.Norm, "foredragningslista") || t.Norm == "agenda" {
			return true
		}
	}
	return false
}

// meetingWords are words near the meeting's date.
var meetingWords = map[string]bool{"datum": true, "date": true, "tid": true, "time": true, "den": true, "protokoll": true, "held": true, "arsmote": true, "arsmotet": true, "arsstamma": true, "kl": true, "klockan": true, "at": true, "meeting": true, "stamma": true, "karstamma": true, "motet": true}

func meetingDateIn(r *reading, p part, base float64) {
	lines := r.doc.Lines[p.from:p.to]
	year := 0 // a year in the heading, for a date printed without one
	if p.title != nil {
		if ys := yearsIn(p.title.Text); len(ys) > 0 {
			year = ys[0]
		}
	}
	for i, l := range lines {
		if i >= 12 {
			break
		}
		decay := 0.01 * float64(i)
		label := false
		for _, t := range l.Tokens {
			label = label || meetingWords[t.Norm]
		}
		if i > 0 && !label {
			for _, t := range lines[i-1].Tokens {
				label = label || t.Norm == "datum" || t.Norm == "date"
			}
		}
		if year == 0 {
			if ys := yearsIn(l.Text); len(ys) == 1 {
				year = ys[0]
			}
		}
		dates := layout.Dates(l.Text)
		if len(dates) >= 2 {
			continue // a period, not a day
		}
		for _, d := range dates {
			score := base - decay
			if !label {
				score -= 0.15
			}
			if base < 0.6 && !timeAfter(l.Text[d.End:]) && !label {
				score = 0.3 // the date of a letter, not of the meeting
			}
			r.add(casefile.FieldAnnualMeetingDate, d.ISO, score, []*layout.Line{l}, d.Start, d.End)
		}
		if len(dates) == 0 && year > 0 && base < 0.6 {
			for _, dm := range layout.DayMonths(l.Text) {
				if !timeAfter(l.Text[dm.End:]) {
					continue
				}
				if iso, ok := casefile.ISODate(year, dm.Month, dm.Day); ok {
					r.add(casefile.FieldAnnualMeetingDate, iso, base-decay-0.05, []*layout.Line{l}, dm.Start, dm.End)
				}
			}
		}
	}
}

// timeAfter reports whether a clock time follows ("kl. 10:00", "at 16:00").
func timeAfter(s string) bool {
	f := strings.Fields(strings.ToLower(s))
	for i, w := range f {
		if i > 3 {
			break
		}
		w = strings.Trim(w, ".,")
		if w == "kl" || w == "klockan" || w == "at" {
			return true
		}
	}
	return false
}

// readAssociationName reads the association's name: labelled ("Föreningens
// namn:", "Organization name:"), after a title ("Verksamhetsberättelse för
// X", "Till årsmötet i X", "Protokoll fört vid X:s årsmöte", "X's Annual
// General Meeting"), beside a title or an org number on one line, or
// standing alone in the letterhead.
func readAssociationName(r *reading) {
	for i, l := range r.doc.Lines {
		top := l.Page == 1 && i < 8
		for ci := range l.Cells {
			cell := l.CellText(ci)
			start := l.Cells[ci].Start
			toks := lexicon.Tokens(cell)
			if len(toks) == 0 {
				continue
			}
			// Labelled.
			for _, m := range r.matches(toks, "field", l.OCR) {
				if m.Key == casefile.FieldAssociationName && m.From == 0 {
					if name, s, e := nameAt(cell, toks[m.To-1].End); name != "" {
						r.add(casefile.FieldAssociationName, name, 0.9, []*layout.Line{l}, start+s, start+e)
					}
				}
			}
			// After words that introduce it: "Till årsmötet i X".
			for _, m := range r.matches(toks, "name", l.OCR) {
				name, s, e := nameAt(cell, toks[m.To-1].End)
				if name == "" {
					continue
				}
				name, lines := nameGoesOn(r, i, ci, cell, name, e)
				r.add(casefile.FieldAssociationName, name, nameScore(name, 0.8*m.Weight, l), lines, start+s, start+e)
			}
			if len(toks) > 16 && !top {
				continue
			}
			titles := r.matches(toks, "title", l.OCR)
			if verb(r.lex, l) {
				titles = nil // a sentence that mentions a report, not a title
			}
			for _, m := range titles {
				// After the title and a preposition.
				if m.To < len(toks) && prepositions[toks[m.To].Norm] {
					if name, s, e := nameAt(cell, toks[m.To].End); name != "" {
						name, lines := nameGoesOn(r, i, ci, cell, name, e)
						r.add(casefile.FieldAssociationName, name, nameScore(name, 0.8, l), lines, start+s, start+e)
					}
				}
				// "Protokoll fört vid X:s årsmöte", "X's Annual General Meeting".
				if m.From > 0 {
					before := cell[:toks[m.From].Start]
					if name, s, e := genitiveBefore(before); name != "" {
						r.add(casefile.FieldAssociationName, name, nameScore(name, 0.75, l), []*layout.Line{l}, start+s, start+e)
					}
				}
			}
			// A short line of a title (or an org number) and a name, or a
			// name alone in the letterhead.
			if top && len(toks) <= 8 && !hasRole(r, l) {
				rest, s := cell, 0
				if len(titles) > 0 {
					rest, s = withoutTitles(cell, toks, titles)
				}
				rest, s2 := withoutOrg(r, rest, l.OCR)
				s += s2
				rest = strings.TrimSpace(parenthesis().ReplaceAllString(rest, ""))
				rest = strings.TrimSuffix(strings.TrimSuffix(trailingYear().ReplaceAllString(rest, ""), " år"), " year")
				name, ns, ne := nameAt(rest, 0)
				letterhead := len(titles) == 0 && (i <= 3 || i <= 6 && assocName(name)) && (assocName(name) || i+1 < len(r.doc.Lines) && titleLine(r, r.doc.Lines[i+1]))
				if name != "" && wholeName(rest, name) && (len(titles) > 0 || letterhead) && (len(strings.Fields(name)) > 1 || assocName(name)) {
					score := 0.65
					if len(titles) > 0 {
						score = 0.7
					}
					r.add(casefile.FieldAssociationName, name, nameScore(name, score-0.01*float64(i), l), []*layout.Line{l}, start+s+ns, start+s+ne)
				}
			}
		}
	}
}

// nameGoesOn continues a name that ends line i (in its last cell, at byte
// e) with the name that starts the next line: "Revisionsberättelse för
// Studentkören / Cantabile".
func nameGoesOn(r *reading, i, ci int, cell, name string, e int) (string, []*layout.Line) {
	l := r.doc.Lines[i]
	lines := []*layout.Line{l}
	if strings.TrimSpace(cell[e:]) != "" || ci != len(l.Cells)-1 || i+1 >= len(r.doc.Lines) || r.doc.Lines[i+1].Page != l.Page {
		return name, lines
	}
	next := r.doc.Lines[i+1]
	// Only a short line goes on with the name: "Styrelsen har under året"
	// starts a sentence.
	if more, ms, _ := nameAt(next.Text, 0); more != "" && ms == 0 && !hasRole(r, next) && !titleLine(r, next) && len(next.Find("field")) == 0 &&
		(wholeName(strings.TrimSpace(next.Text), more) || len(strings.Fields(next.Text)) <= 3) &&
		!strings.Contains(normalizeName(more), normalizeName(name)) && !strings.Contains(normalizeName(name), normalizeName(more)) {
		// (A letterhead that repeats the name on its own line is no continuation.)
		return stripGenitive(name + " " + more), append(lines, next)
	}
	return name, lines
}

// hasRole reports whether a line names a role: "Ordförande Göran Engström"
// names a person, not the association.
func hasRole(r *reading, l *layout.Line) bool {
	return len(l.Find("role")) > 0
}

// titleLine reports whether a line starts with a document's title.
func titleLine(r *reading, l *layout.Line) bool {
	for _, m := range l.Find("title") {
		if m.From == 0 {
			return true
		}
	}
	return false
}

// assocName reports whether a name holds a word that names an
// association ("förening", "klubb", "IK").
func assocName(name string) bool {
	for _, w := range lexicon.Tokens(name) {
		for _, a := range assocWords {
			if len(a) > 2 && strings.Contains(w.Norm, a) || w.Norm == a {
				return true
			}
		}
	}
	return false
}

// trailingYear is the year a letterhead line ends with: "Gråbo Ridklubb år
// 2021", "Korpen Idre 2021", "Kören 2025/2026".
var trailingYear = lazyRegexp(`\s+(?:(?:år|year)\s+)?(?:19|20)\d\d(?:\s*[/–-]\s*(?:19|20)?\d\d)?$`)

// parenthesis is a remark in parentheses after a name.
var parenthesis = lazyRegexp(`\s*\([^)]*\)?\s*$`)

// prepositions join a title to the name of the association.
var prepositions = map[string]bool{"for": true, "i": true, "vid": true, "med": true, "over": true, "hos": true, "of": true, "to": true, "fran": true}

// assocWords are words that names of associations are built from.
var assocWords = []string{"forening", "klubb", "sallskap", "forbund", "kar", "gille", "kor", "orkester", "ensemble", "lag", "nation", "byalag", "sektion", "akademi", "allians", "korpen", "scout", "idrott", "if", "ik", "bk", "ff", "sk", "fk", "society", "club", "association", "union", "chapter", "makerspace"}

// nameScore adjusts a name's score for what it looks like: a word like
// "förening" or "klubb" speaks for it, capitals throughout and a late page
// against it.
func nameScore(name string, base float64, l *layout.Line) float64 {
	s := base
	for _, w := range lexicon.Tokens(name) {
		for _, a := range assocWords {
			if strings.Contains(w.Norm, a) && (len(a) > 2 || w.Norm == a) {
				s += 0.08
				goto kind
			}
		}
	}
kind:
	if upper(name) {
		s -= 0.1
	}
	if l.Page > 1 {
		s -= 0.15
	}
	return s
}

// nameWords that may stand inside a name in lower case.
var nameJoiners = map[string]bool{"för": true, "av": true, "i": true, "och": true, "&": true, "de": true, "the": true, "of": true, "på": true, "vid": true, "von": true, "af": true}

// nameStops end a name: words that follow it in titles.
var nameStops = map[string]bool{"arsmote": true, "arsmotet": true, "arsstamma": true, "ordinarie": true, "extra": true, "org": true, "orgnr": true, "organisationsnummer": true, "ar": true, "protokoll": true, "verksamhetsar": true, "verksamhetsaret": true, "rakenskapsaret": true, "annual": true, "general": true, "meeting": true, "for": true, "den": true}

// nameAt reads a name starting at byte from of s: capitalised words (and
// joiners between them), up to a year, a date, an org number, a
// parenthesis or a word in lower case.
func nameAt(s string, from int) (string, int, int) {
	rest := s[from:]
	lead := len(rest) - len(strings.TrimLeft(rest, " :–-,"))
	start := from + lead
	words := strings.Fields(s[start:])
	for len(words) > 0 && nameJoiners[words[0]] {
		start += len(words[0])
		start += len(s[start:]) - len(strings.TrimLeft(s[start:], " "))
		words = words[1:]
	}
	var keep []string
	for k, w := range words {
		clean := strings.TrimRight(w, ",.:;")
		if clean == "" || strings.ContainsAny(clean, "(/") {
			break
		}
		r, _ := utf8.DecodeRuneInString(clean)
		f := lexicon.Fold(clean)
		if len(keep) > 0 && (nameStops[f] && !(f == "for" && nameGoesOnAfter(words, k+1)) || titleWord(clean)) || unicode.IsDigit(r) {
			break
		}
		if !unicode.IsUpper(r) && !nameJoiners[clean] && !(len(keep) > 0 && (isGenitivePart(clean) || assocName(clean))) {
			break
		}
		keep = append(keep, clean)
		if clean != w {
			break // a comma or full stop ends the name
		}
		if len(keep) == 8 {
			break
		}
	}
	for len(keep) > 0 && nameJoiners[keep[len(keep)-1]] {
		keep = keep[:len(keep)-1]
	}
	if len(keep) == 0 || len(keep) == 1 && len([]rune(keep[0])) < 3 {
		return "", 0, 0
	}
	name := strings.Join(keep, " ")
	name = stripGenitive(name)
	return name, start, start + len(strings.Join(keep, " "))
}

func isGenitivePart(w string) bool { return w == "s" }

// nameGoesOnAfter reports whether words[k] goes on with a name after "för"
// ("Sällskapet för Livslångt Kamratskap"), rather than a title or a period
// ("Gråbo Ridklubb för verksamhetsåret 2021").
func nameGoesOnAfter(words []string, k int) bool {
	if k >= len(words) {
		return false
	}
	next := strings.TrimRight(words[k], ",.:;")
	r, _ := utf8.DecodeRuneInString(next)
	return unicode.IsUpper(r) && !titleWord(next) && !nameStops[lexicon.Fold(next)]
}

// stripGenitive turns "Aksel Lindström Sällskapets" into "Aksel Lindström
// Sällskapet" and "GWU Sweden's" into "GWU Sweden".
func stripGenitive(name string) string {
	for _, suf := range []string{"'s", "’s", ":s"} {
		if strings.HasSuffix(name, suf) {
			return strings.TrimSuffix(name, suf)
		}
	}
	f := strings.Fields(name)
	last := f[len(f)-1]
	low := lexicon.Fold(last)
	for _, a := range genitiveEnds {
		if strings.HasSuffix(low, a) && len(f) > 1 {
			f[len(f)-1] = strings.TrimSuffix(last, "s")
			return strings.Join(f, " ")
		}
	}
	// "Rundbanas", not "Västerås" (an å is no genitive's a).
	if len(f) > 1 && len(last) > 4 && strings.HasSuffix(last, "as") && !strings.ContainsRune("aeiouyåäö", rune(low[len(low)-3])) {
		f[len(f)-1] = strings.TrimSuffix(last, "s")
		return strings.Join(f, " ")
	}
	return name
}

// genitiveEnds end the last word of a name in the genitive, folded:
// "Sällskapets", "Körens", "Byalags", "Ridklubbs", "Förbunds".
var genitiveEnds = []string{"ets", "ens", "ns", "ags", "klubbs", "forbunds", "sallskaps", "gilles"}

// genitiveBefore reads "vid X:s" or "X's" ending the text before a title.
func genitiveBefore(before string) (string, int, int) {
	t := strings.TrimRight(before, " ")
	if !(strings.HasSuffix(t, "s") || strings.HasSuffix(t, "’s") || strings.HasSuffix(t, "'s")) {
		return "", 0, 0
	}
	f := strings.Fields(t)
	// Take the capitalised words at the end.
	i := len(f)
	for i > 0 {
		w := strings.Trim(f[i-1], ",")
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !nameJoiners[w] || notNameWords[lexicon.Fold(stripGenitive(w))] || notNameWords[lexicon.Fold(strings.TrimSuffix(w, "s"))] {
			break
		}
		i--
	}
	if i == len(f) {
		return "", 0, 0
	}
	for i < len(f) && nameJoiners[f[i]] {
		i++
	}
	name := strings.Join(f[i:], " ")
	if !strings.HasSuffix(name, "s") || len(f)-i > 6 {
		return "", 0, 0
	}
	start := strings.LastIndex(t, f[i])
	name = genitiveBase(name)
	if len(strings.Fields(name)) < 2 && !assocName(name) {
		return "", 0, 0
	}
	return name, start, len(t)
}

// withoutTitles blanks the title phrases and years of a cell, leaving what
// may be a name, and returns where it starts.
func withoutTitles(cell string, toks []lexicon.Token, titles []lexicon.Match) (string, int) {
	b := []byte(cell)
	for _, m := range titles {
		for i := toks[m.From].Start; i < toks[m.To-1].End; i++ {
			b[i] = ' '
		}
	}
	for _, d := range layout.Dates(cell) {
		for i := d.Start; i < d.End; i++ {
			b[i] = ' '
		}
	}
	for _, a := range layout.Amounts(cell) {
		if a.Year {
			for i := a.Start; i < a.End; i++ {
				b[i] = ' '
			}
		}
	}
	s := string(b)
	trimmed := strings.TrimLeft(s, " ")
	return strings.TrimRight(trimmed, " "), len(s) - len(trimmed)
}

// withoutOrg cuts an org number label and what follows from a cell.
func withoutOrg(r *reading, cell string, ocr bool) (string, int) {
	toks := lexicon.Tokens(cell)
	for _, m := range r.matches(toks, "field", ocr) {
		if m.Key == casefile.FieldOrgNumber {
			return strings.TrimSpace(cell[:toks[m.From].Start]), 0
		}
	}
	if digitCount(cell) >= 10 {
		if m := orgShape().FindStringSubmatchIndex(cell); m != nil {
			return strings.TrimSpace(cell[:m[2]]), 0
		}
	}
	return cell, 0
}

// wholeName reports whether the name is all that a letterhead line says.
func wholeName(rest, name string) bool {
	return normalizeName(rest) == normalizeName(name) || normalizeName(stripGenitive(rest)) == normalizeName(name)
}

// genitiveBase drops the genitive s of a name standing before a noun
// ("MCHK Rundbanas årsmöte"): after a vowel or a consonant a name may end
// in, not after s, x or z, which take none.
func genitiveBase(name string) string {
	if g := stripGenitive(name); g != name {
		return g
	}
	r := []rune(name)
	if len(r) < 3 || r[len(r)-1] != 's' {
		return name
	}
	switch unicode.ToLower(r[len(r)-2]) {
	case 's', 'x', 'z':
		return name
	}
	return string(r[:len(r)-1])
}

// titleWord reports whether a word starts a document's title ("KALLELSE",
// "Verksamhetsberättelse"): a name ends before it.
func titleWord(w string) bool {
	return len(lexicon.Default().Find(lexicon.Tokens(w), "title", false)) > 0
}

// digitRun reports whether s has n ASCII digits in a row.
func digitRun(s string, n int) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			run = 0
			continue
		}
		if run++; run >= n {
			return true
		}
	}
	return false
}

func digitCount(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}
