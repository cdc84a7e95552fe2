package extract

import (
	"math"
	"strings"

	"arsflow/extract/casefile"
	"arsflow/extract/layout"
	"arsflow/extract/lexicon"
)

// readMembers reads the number of members (from rows, member tables and
// sentences), the members in a grant age band, and the membership fee the
// annual meeting decided.
func readMembers(r *reading) {
	readMemberRows(r)
	for _, b := range r.doc.Blocks() {
		for _, s := range layout.Sentences(b) {
			readMemberSentence(r, s)
			readEligible(r, s)
		}
	}
	readFees(r)
}

// memberWord reports whether a folded word speaks of members.
func memberWord(w string) bool {
	return strings.HasPrefix(w, "medlem") || strings.HasPrefix(w, "member") || w == "medlemsantal" || w == "medlemsantalet"
}

// countHeads are the column headings of a member table.
var countHeads = map[string]bool{"kvinnor": true, "man": true, "flickor": true, "pojkar": true, "tjejer": true, "killar": true, "damer": true, "herrar": true, "ovriga": true, "totalt": true, "summa": true, "total": true, "alla": true, "samtliga": true, "antal": true, "ar": true, "aldre": true, "och": true, "over": true, "under": true, "women": true, "men": true}

// countHeader reads a member table's header ("Kvinnor  Män  Totalt", "0–6
// år  7–25 år  Totalt"): the columns' x positions, which is the total and
// which are grant age bands.
type countHeader struct {
	x0, x1   []float64
	total    int
	eligible []int
}

func readCountHeader(l *layout.Line) (countHeader, bool) {
	h := countHeader{total: -1}
	if len(l.Cells) < 2 {
		return h, false
	}
	head := false
	for _, t := range l.Tokens {
		head = head || countHeads[t.Norm]
	}
	if !head {
		return h, false
	}
	for ci := range l.Cells {
		cell := l.CellText(ci)
		toks := lexicon.Tokens(cell)
		band, isBand := ageBand(cell)
		ok := isBand
		for _, t := range toks {
			ok = ok || countHeads[t.Norm]
			if !countHeads[t.Norm] && !isBand && atoi(t.Norm) < 0 {
				ok = false
				break
			}
		}
		if !ok {
			if len(h.x0) > 0 {
				return countHeader{}, false
			}
			continue
		}
		h.x0, h.x1 = append(h.x0, l.Cells[ci].X0), append(h.x1, l.Cells[ci].X1)
		if len(toks) > 0 && (toks[0].Norm == "totalt" || toks[0].Norm == "summa" || toks[0].Norm == "total" || toks[0].Norm == "alla" || toks[0].Norm == "samtliga") {
			h.total = len(h.x0) - 1
		}
		if isBand && band {
			h.eligible = append(h.eligible, len(h.x0)-1)
		}
	}
	return h, len(h.x0) >= 2 && h.total >= 0
}

// bandRe is an age band: "7–25 år", "(7-20 år)", "under 26 år", "65 år och
// äldre", "mellan 7 och 25 år", "25 år eller yngre", "fyllt 7 men inte 21
// år", "har fyllt 65 år", "aged 7-25", "7 to 25 years", "65 years and older".
var bandRe = lazyRegexp(`(?i)(?:(\d{1,2})\s*(?:[-–—]|till|och)\s*(\d{1,2})\s*år|under\s+(\d{1,2})\s*år|(\d{1,2})\s*år\s+(?:(?:och|eller)\s+)?(?:äldre|uppåt|över)|över\s+(\d{1,2})\s*år|(\d{1,2})\s*år\s+(?:och|eller)\s+yngre|fyllt\s+(\d{1,2})\s*(?:år\s+)?men\s+inte\s+(\d{1,2})\s*år|fyllt\s+(\d{1,2})\s*år|(?:aged|ages)\s+(\d{1,2})\s*(?:[-–—]|to)\s*(\d{1,2})|(\d{1,2})\s*(?:[-–—]|to)\s*(\d{1,2})\s*years|(\d{1,2})\s*years?\s+(?:and|or)\s+(?:older|over|above))`)

// mentionsYears reports whether s holds "år" (or "aged", "years"), as every
// age band does.
func mentionsYears(s string) bool {
	return strings.Contains(s, "år") || strings.Contains(s, "ÅR") || strings.Contains(s, "År") ||
		strings.Contains(s, "aged") || strings.Contains(s, "ages") || strings.Contains(s, "years")
}

// ageBand reports whether s names an age band, and whether the band is one
// that grants count (ages 3–7 up to 20 or 25; 65 and older).
func ageBand(s string) (eligible, found bool) {
	if !mentionsYears(s) {
		return false, false
	}
	m := bandRe().FindStringSubmatch(s)
	if m == nil {
		return false, false
	}
	switch {
	case m[1] != "":
		lo, hi := atoi(m[1]), atoi(m[2])
		return lo >= 3 && lo <= 7 && (hi == 20 || hi == 25), true
	case m[3] != "":
		n := atoi(m[3])
		return n == 21 || n == 26, true
	case m[4] != "":
		return atoi(m[4]) == 65, true
	case m[5] != "":
		return atoi(m[5]) == 64, true
	case m[6] != "":
		n := atoi(m[6])
		return n == 20 || n == 25, true
	case m[7] != "":
		lo, hi := atoi(m[7]), atoi(m[8])-1
		return lo >= 3 && lo <= 7 && (hi == 20 || hi == 25), true
	case m[9] != "":
		return atoi(m[9]) == 65, true
	case m[10] != "" || m[12] != "":
		lo, hi := atoi(m[10]+m[12]), atoi(m[11]+m[13])
		return lo >= 3 && lo <= 7 && (hi == 20 || hi == 25), true
	case m[14] != "":
		return atoi(m[14]) == 65, true
	}
	return false, true
}

// readMemberRows reads member counts from rows: a labelled row ("Antal
// medlemmar 48"), the total column of a member table, the "Totalt" row
// under a heading about members, and grant age bands.
func readMemberRows(r *reading) {
	var head countHeader
	headPage, memberPage := 0, map[int]bool{}
	// The age bands of a member table so far: they add up to its total.
	bandSum, bands := 0.0, 0
	for _, l := range r.doc.Lines {
		for _, t := range l.Tokens {
			if memberWord(t.Norm) {
				memberPage[l.Page] = true
			}
		}
	}
	for i, l := range r.doc.Lines {
		if h, ok := readCountHeader(l); ok {
			head, headPage = h, l.Page
			bandSum, bands = 0, 0
			continue
		}
		if headPage != l.Page {
			head.x0 = nil
		}
		label, lines, row := rowLabel(r, i)
		if row == nil || !memberPage[l.Page] {
			continue
		}
		var counts []layout.Value
		all := 0
		for _, v := range row.Values {
			if v.Year {
				continue // "Medlemmar 2024: 145"
			}
			all++
			if v.Whole() {
				counts = append(counts, v)
			}
		}
		if len(counts) == 0 || len(counts) != all {
			continue
		}
		toks := lexicon.Tokens(label)
		q := rowQualifier(r, label, toks, l.OCR)
		if q == "start" || q == "change" || q == "part" {
			continue // "Medlemmar 1 januari", "Nya medlemmar", "Utträden"
		}
		labelled := false
		for _, m := range r.matches(toks, "field", l.OCR) {
			switch m.Key {
			case casefile.FieldMembersTotal:
				labelled = labelIsPhrase(toks, m)
			case casefile.FieldMembersEligible:
				if labelIsPhrase(toks, m) || m.From == 0 {
					r.add(casefile.FieldMembersEligible, counts[0].Value, 0.9, lines, counts[0].Start, counts[0].End)
				}
			}
		}
		totalWord := len(toks) == 1 && (toks[0].Norm == "totalt" || toks[0].Norm == "summa" || toks[0].Norm == "total" || toks[0].Norm == "alla" || toks[0].Norm == "samtliga")
		if head.x0 != nil && len(counts) == len(head.x0) {
			if bandOnly(label) {
				bandSum += counts[head.total].Value
				bands++
			}
			if labelled || totalWord || len(toks) <= 2 && !bandOnly(label) {
				v := counts[head.total]
				score := 0.9
				if bands >= 2 && math.Abs(bandSum-v.Value) < 0.5 {
					score = 0.97 // the bands add up to it
				} else if bands >= 2 && (labelled || totalWord) {
					score = 0.75
					r.bandMiss = append(r.bandMiss, bandMiss{sum: bandSum, total: v.Value, page: l.Page})
				}
				r.add(casefile.FieldMembersTotal, v.Value, score, lines, v.Start, v.End)
				bandSum, bands = 0, 0
			}
			if len(head.eligible) > 0 && (labelled || totalWord || len(toks) <= 2 && !bandOnly(label)) {
				sum := 0.0
				for _, k := range head.eligible {
					sum += counts[k].Value
				}
				r.add(casefile.FieldMembersEligible, sum, 0.8, lines, 0, 0)
			}
			if ok, band := ageBand(label); band && ok && head.total >= 0 {
				v := counts[head.total]
				r.add(casefile.FieldMembersEligible, v.Value, 0.85, lines, v.Start, v.End)
			}
			continue
		}
		v, colConf := row.Current(r.grid.PreviousFirst)
		if v.Year {
			v, colConf = counts[0], 0.9
		}
		if q == "subset" {
			colConf *= 0.75 // "Aktiva medlemmar 143"
		}
		switch {
		case labelled:
			r.add(casefile.FieldMembersTotal, v.Value, 0.95*colConf, lines, v.Start, v.End)
		case totalWord:
			score := 0.8
			if r.typeAt(l) == casefile.TypeMembershipReport {
				score = 0.95 // the sum of a member list
			}
			r.add(casefile.FieldMembersTotal, v.Value, score*colConf, lines, v.Start, v.End)
		}
		if ok, band := ageBand(label); band && ok {
			r.add(casefile.FieldMembersEligible, v.Value, 0.8*colConf, lines, v.Start, v.End)
		}
	}
}

// bandOnly reports whether a row label names ages only: a band ("7–25 år")
// or an open one ("65 år –", "65+ år"), not a total.
func bandOnly(label string) bool {
	if _, found := ageBand(label); found {
		return true
	}
	toks := lexicon.Tokens(label)
	years, ages := false, false
	for _, t := range toks {
		switch n := atoi(t.Norm); {
		case t.Norm == "ar" || t.Norm == "years":
			years = true
		case n >= 0 && n < 120:
			ages = true
		default:
			return false
		}
	}
	return years && ages
}

// Words around a count that say it is not the membership: a rule, a goal,
// a change, those present at a meeting, a part of the whole.
var (
	notCountBefore = map[string]bool{"minst": true, "varav": true, "dessa": true, "over": true, "mer": true, "fler": true, "mindre": true, "med": true, "fran": true, "from": true, "ha": true, "least": true, "ytterligare": true}
	notCountNear   = map[string]bool{"narvarande": true, "narvaro": true, "narvarade": true, "deltog": true, "deltagare": true, "deltagande": true, "rostlangd": true, "rostberattigade": true, "present": true, "utskick": true, "mailutskick": true, "kallelse": true, "kallelsen": true, "skickades": true, "inbjudna": true, "mal": true, "malet": true, "siktar": true, "goal": true, "target": true, "grupp": true, "gruppen": true, "group": true, "facebook": true}
	countUnits     = map[string]bool{"medlemmar": true, "members": true, "st": true, "stycken": true, "personer": true, "medlemsfamiljer": true}
)

// readMemberSentence reads the number of members from a sentence that
// speaks of members: the count followed by "medlemmar" or "st", or after
// "till"/"to" where the membership changed; a count of the previous year
// or of those present at a meeting is left out.
func readMemberSentence(r *reading, s layout.Span) {
	if ls := s.Lines(); len(ls) == 1 && r.grid.Rows[ls[0]] != nil && len(ls[0].Cells) > 1 {
		return // a row of a table, read as such
	}
	text := s.String()
	toks := lexicon.Tokens(text)
	about := false
	for _, t := range toks {
		about = about || memberWord(t.Norm)
	}
	if !about {
		return
	}
	for _, t := range toks {
		if notCountNear[t.Norm] {
			return
		}
	}
	for _, a := range layout.Amounts(text) {
		if !a.Whole() || a.Year || a.Value < 2 {
			continue
		}
		i := tokenAt(toks, a.Start)
		j := tokenAfter(toks, a.End)
		before := ""
		if i > 0 {
			before = toks[i-1].Norm
		}
		after := ""
		if j >= 0 && j < len(toks) {
			after = toks[j].Norm
		}
		if notCountBefore[before] || before == "av" && i > 1 && toks[i-2].Norm == "varav" {
			continue
		}
		score := 0.0
		switch {
		case labelBefore(r, text, toks, i):
			score = 0.85
		case countUnits[after] && (after != "st" || j+1 < len(toks) && memberWord(toks[j+1].Norm) || j+2 < len(toks) && memberWord(toks[j+2].Norm) || sentenceAbout(toks, "medlemsantal", "medlemsantalet", "antalet", "members", "membership")):
			score = 0.85
			if after == "personer" || after == "medlemsfamiljer" {
				score = 0.6 // people, or households: perhaps not the members
			}
		case paying(r, toks, j):
			score = 0.8 // "130 betalande medlemmar"
		case (before == "till" || before == "to") && sentenceAbout(toks, "medlemsantalet", "medlemsantal", "antalet", "membership", "uppgick", "vaxte", "okade", "minskade"):
			score = 0.85
		case before == "dvs" || before == "now" || i >= 3 && toks[i-3].Norm == "d" && toks[i-2].Norm == "v" && before == "s":
			score = 0.7
		case i > 0 && isMemberLabel(toks[:i]):
			score = 0.8
		}
		if score == 0 {
			continue
		}
		if y := yearAfter(text, toks, j); y > 0 && r.fy > 0 && y < r.fy {
			continue // "105 medlemmar i slutet av 2022" in the report on 2023
		} else if y > 0 && y == r.fy {
			score += 0.05 // "95 medlemmar vid slutet av 2023"
		}
		if y := yearBefore(toks, i); y > 0 && r.fy > 0 && y < r.fy {
			continue // "Antal medlemmar 2024: 118" in the report on 2025
		} else if y > 0 && y == r.fy {
			score += 0.05
		}
		switch countQualifier(r, toks, i, j) {
		case "start", "change", "part", "average":
			continue // "vid årets början 118", "20 nya medlemmar", "sektionen hade 45"
		case "subset":
			score -= 0.2 // "143 medlemmar är aktiva": the total only if nothing else is said
		case "end":
			score += 0.05
		}
		if approx(toks, i) {
			score -= 0.15
		}
		if j >= 0 && j+2 < len(toks) && (toks[j+1].Norm == "i" || toks[j+1].Norm == "in") && (strings.HasPrefix(toks[j+2].Norm, "styrelse") || toks[j+2].Norm == "the") {
			continue // "4 st medlemmar i styrelsen": the board
		}
		if previousYear(toks, i) {
			continue // "föregående år då det var 4 033 medlemmar"
		}
		r.add(casefile.FieldMembersTotal, a.Value, score, s.Lines(), 0, 0)
	}
}

// countQualifier returns what the words nearest a count (tokens [i, j))
// say of it within its clause, between the counts before and after it:
// "start" (of the year), "end", "change" (new members, resignations),
// "average", "subset" (active or supporting members), else "part" (a
// section's or the board's count) when a part is named nearer than the
// association itself, or "". Words after the count
// qualify it only right beside it ("118 medlemmar vid årets början", "20
// nya medlemmar").
func countQualifier(r *reading, toks []lexicon.Token, i, j int) string {
	lo, hi := 0, len(toks)
	for k := i - 1; k >= 0; k-- {
		if isCount(toks[k]) {
			lo = k + 1
			break
		}
	}
	for k := max(j, i+1); k < len(toks); k++ {
		if isCount(toks[k]) {
			hi = k
			break
		}
	}
	// When and what change, and whose: the nearest of each.
	var best [2]string
	dist := [2]int{len(toks), len(toks)}
	for _, m := range r.matches(toks, "qualifier", r.doc.OCR) {
		whose := 0
		if m.Key == "part" || m.Key == "whole" {
			whose = 1
		}
		d := -1
		switch {
		case m.To <= i && m.From >= lo:
			d = i - m.To
		case j >= 0 && m.From >= j && m.To <= hi && whose == 0:
			if d = m.From - j; m.Key == "change" && d > 1 || d > 3 {
				d = -1
			}
		}
		if d >= 0 && d < dist[whose] {
			best[whose], dist[whose] = m.Key, d
		}
	}
	if best[0] != "" && best[0] != "paying" {
		return best[0]
	}
	return best[1]
}

// paying reports whether tokens from j say "paying members", "registered
// members": the count is of members, with a word between.
func paying(r *reading, toks []lexicon.Token, j int) bool {
	if j < 0 || j+1 >= len(toks) || !memberWord(toks[j+1].Norm) {
		return false
	}
	for _, m := range r.matches(toks, "qualifier", r.doc.OCR) {
		if m.Key == "paying" && m.From == j && m.To == j+1 {
			return true
		}
	}
	return false
}

// rowQualifier is countQualifier for the label of a table row: a date on
// the first of a month marks the count at the start.
func rowQualifier(r *reading, label string, toks []lexicon.Token, ocr bool) string {
	for _, dm := range layout.DayMonths(label) {
		if dm.Day == 1 {
			return "start"
		}
	}
	for _, d := range layout.Dates(label) {
		if strings.HasSuffix(d.ISO, "-01") {
			return "start"
		}
	}
	for _, m := range r.matches(toks, "qualifier", ocr) {
		return m.Key
	}
	return ""
}

// isCount reports whether a token is a number other than a year.
func isCount(t lexicon.Token) bool {
	n := atoi(t.Norm)
	return n >= 0 && !(len(t.Norm) == 4 && n >= 1900 && n < 2100)
}

// isMemberLabel reports whether the words before a count name it
// ("Antal medlemmar:", "Medlemsantal").
func isMemberLabel(before []lexicon.Token) bool {
	n := len(before)
	return n > 0 && (before[n-1].Norm == "medlemsantal" || before[n-1].Norm == "medlemsantalet" || n > 1 && before[n-2].Norm == "antal" && memberWord(before[n-1].Norm))
}

func sentenceAbout(toks []lexicon.Token, words ...string) bool {
	for _, t := range toks {
		if contains(words, t.Norm) {
			return true
		}
	}
	return false
}

// yearAfter returns a year within the few words after token j of text, 0
// if none.
func yearAfter(text string, toks []lexicon.Token, j int) int {
	for k := j; k >= 0 && k < len(toks) && k < j+6; k++ {
		if y := atoi(toks[k].Norm); len(toks[k].Norm) == 4 && y >= 1990 && y < 2100 {
			if k == j || strings.HasSuffix(strings.TrimSpace(text[:toks[k].Start]), "(") {
				return 0 // "130 (2024: 118)", "130 medlemmar (2024: 118)": the year of the next count
			}
			return y
		}
		if toks[k].Norm == "och" || toks[k].Norm == "and" || isCount(toks[k]) {
			return 0
		}
	}
	return 0
}

// yearBefore returns the year printed right before a count ("Antal
// medlemmar 2024: 118"), 0 if none.
func yearBefore(toks []lexicon.Token, i int) int {
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		if y := atoi(toks[k].Norm); len(toks[k].Norm) == 4 && y >= 1990 && y < 2100 {
			return y
		}
	}
	return 0
}

// approx reports whether the count is said to be approximate.
func approx(toks []lexicon.Token, i int) bool {
	for k := max(0, i-3); k < i; k++ {
		switch toks[k].Norm {
		case "ca", "cirka", "runt", "omkring", "uppskattningsvis", "ungefar", "about", "around", "approximately", "drygt", "knappt":
			return true
		}
	}
	return false
}

func tokenAt(toks []lexicon.Token, off int) int {
	for i, t := range toks {
		if t.Start >= off {
			return i
		}
	}
	return len(toks)
}

func tokenAfter(toks []lexicon.Token, off int) int {
	for i, t := range toks {
		if t.Start >= off {
			return i
		}
	}
	return -1
}

// readEligible reads members in a grant age band from a sentence about
// members: a count followed closely by an age band ("varav 95 i åldern
// 7–20 år", "Av dem var 61 mellan 7 och 25 år", "190 är 65 år och äldre").
// A band outside the grant ages ("under 7 år", "0–20 år") is not read.
func readEligible(r *reading, s layout.Span) {
	text := s.String()
	toks := lexicon.Tokens(text)
	about := false
	for i, t := range toks {
		about = about || memberWord(t.Norm) || i < 3 && (t.Norm == "varav" || t.Norm == "av" && i+1 < len(toks) && (toks[i+1].Norm == "dem" || toks[i+1].Norm == "dessa" || toks[i+1].Norm == "vilka" || memberWord(toks[i+1].Norm)))
		if notCountNear[t.Norm] {
			return
		}
	}
	if !about {
		return
	}
	var bands [][]int
	if mentionsYears(text) {
		bands = bandRe().FindAllStringIndex(text, -1)
	}
	amounts := layout.Amounts(text)
	// "Antalet bidragsberättigade medlemmar (7–25 år) var 64."
	for _, m := range r.matches(toks, "field", r.doc.OCR) {
		if m.Key != casefile.FieldMembersEligible {
			continue
		}
		for _, a := range amounts {
			inBand := false
			for _, b := range bands {
				inBand = inBand || a.Start >= b[0] && a.End <= b[1]
			}
			if a.Start > toks[m.To-1].End && !inBand && a.Whole() && !a.Year && wordsBetween(toks, toks[m.To-1].End, a.Start) <= 6 {
				r.add(casefile.FieldMembersEligible, a.Value, 0.85, s.Lines(), 0, 0)
				break
			}
		}
	}
	for k, a := range amounts {
		if !a.Whole() || a.Year {
			continue
		}
		inBand := false
		for _, b := range bands {
			inBand = inBand || a.Start >= b[0] && a.End <= b[1]
		}
		if inBand {
			continue
		}
		for _, b := range bands {
			if b[0] < a.End || wordsBetween(toks, a.End, b[0]) > 6 || k+1 < len(amounts) && amounts[k+1].End <= b[0] || s.T.LineAt(s.Start+a.Start) != s.T.LineAt(s.Start+b[0]) && strings.TrimSpace(text[a.End:b[0]]) != "" && !bandLinked(toks, b[0]) {
				continue
			}
			if ok, _ := ageBand(text[b[0]:b[1]]); ok {
				r.add(casefile.FieldMembersEligible, a.Value, 0.8, s.Lines(), 0, 0)
			}
			break
		}
	}
}

// bandLinks are words that lead a sentence on to an age band, even over a
// line break: "224 av medlemmarna var i åldern / 7–25 år".
var bandLinks = map[string]bool{"aldern": true, "alder": true, "aldrarna": true, "aldersgruppen": true, "mellan": true, "var": true, "age": true, "aged": true, "ages": true}

// bandLinked reports whether the word before byte off of a sentence leads on
// to the age band starting there.
func bandLinked(toks []lexicon.Token, off int) bool {
	k := tokenAt(toks, off) - 1
	return k >= 0 && bandLinks[toks[k].Norm]
}

// feeQualifiers name who pays a fee other than the ordinary member's.
var feeQualifiers = map[string]bool{"stodmedlem": true, "stodmedlemmar": true, "stodmedlemskap": true, "familj": true, "familjer": true, "familjemedlem": true, "familjemedlemmar": true, "ungdom": true, "ungdomar": true, "junior": true, "juniorer": true, "barn": true, "student": true, "studenter": true, "pensionar": true, "pensionarer": true, "forsakringsavgift": true, "forsakringsavgiften": true, "intradesavgift": true, "intradesavgiften": true, "serviceavgift": true, "hyra": true, "lokalhyra": true, "termin": true, "dygn": true}

// feeSkips may stand between an amount and the payer it names ("200 kr
// för stödmedlemmar").
var feeSkips = map[string]bool{"st": true, "kr": true, "kronor": true, "sek": true, "per": true, "for": true, "ar": true, "om": true, "i": true, "arligen": true}

// readFees reads the membership fee the annual meeting decided: in the
// minutes, the amount in a sentence about the fee (or under an agenda item
// named for it), the ordinary member's when several fees are listed, the
// new one when it changed. A plan or proposal for the meeting may state the
// fee in a sentence ("Medlemsavgiften för 2025 är fortsatt 600 kr."): read
// with less weight, for when no minutes say it. A report on the past year
// states the fee that was, not the one decided.
func readFees(r *reading) {
	units, stated := feeUnits(r)
	for _, u := range units {
		text := u.String()
		toks := lexicon.Tokens(text)
		start, inSentence := 0, false
		for _, m := range r.matches(toks, "topic", r.doc.OCR) {
			if m.Key == "fee" && (!stated || singularFee(toks[m.From].Norm)) {
				start, inSentence = toks[m.From].Start, true
				break
			}
		}
		if !inSentence && !u.extra["fee"] || !inSentence && otherFee(toks) {
			continue
		}
		best, bestScore := layout.Amount{}, 0.0
		for _, a := range layout.Amounts(text) {
			if a.Start < start || a.Year || !a.Currency && a.Value != 0 {
				continue
			}
			score := 0.85 - 0.01*float64(wordsBetween(toks, start, a.Start))
			if !inSentence {
				score -= 0.15
			}
			i, j := tokenAt(toks, a.Start), tokenAfter(toks, a.End)
			if i > 0 && feeQualifiers[toks[i-1].Norm] {
				score -= 0.3
			}
			for j >= 0 && j < len(toks) && feeSkips[toks[j].Norm] {
				j++
			}
			if j >= 0 && j < len(toks) && feeQualifiers[toks[j].Norm] {
				score -= 0.3
			}
			// "från 300 kr till 350 kr", "(tidigare 350 kr)": the new fee.
			if i > 0 && (toks[i-1].Norm == "fran" || toks[i-1].Norm == "tidigare" || toks[i-1].Norm == "from") {
				score -= 0.4
			}
			if score > bestScore {
				best, bestScore = a, score
			}
		}
		if stated {
			bestScore -= 0.25
			if best.Value > 5000 {
				bestScore = 0 // a sum of fees, not one member's
			}
		}
		if bestScore > 0 {
			r.add(casefile.FieldMembershipFee, math.Abs(best.Value), bestScore, u.Lines(), 0, 0)
		}
	}
}

// feeUnits returns where readFees looks: the decisions of the minutes, or,
// in a document without minutes, the sentences of its parts that are no
// report or statement of the past year (stated is then true).
func feeUnits(r *reading) (units []unit, stated bool) {
	if r.has(casefile.TypeAGMMinutes) {
		for _, u := range decisionUnits(r) {
			if r.typeAt(u.Lines()[0]) != casefile.TypeAuditReport {
				units = append(units, u)
			}
		}
		return units, false
	}
	for _, b := range r.doc.Blocks() {
		if r.typeAt(b.Lines[0]) != casefile.TypeOther {
			continue
		}
		if len(b.Lines) == 1 && r.grid.Rows[b.Lines[0]] != nil && len(b.Lines[0].Cells) > 1 {
			continue // a row of a statement: the fees of all members
		}
		for _, s := range layout.Sentences(b) {
			units = append(units, unit{Span: s})
		}
	}
	return units, true
}

// singularFee reports whether a word names one member's fee
// ("medlemsavgiften"), not the year's takings ("medlemsavgifter").
func singularFee(w string) bool {
	return !strings.HasSuffix(w, "avgifter") && !strings.HasSuffix(w, "avgifterna") && !strings.HasSuffix(w, "fees")
}

// otherFee reports whether a sentence names a fee or rent that is not the
// membership fee ("Kanothyran", "Serviceavgift", "försäkringsavgiften").
func otherFee(toks []lexicon.Token) bool {
	for _, t := range toks {
		w := t.Norm
		if strings.HasPrefix(w, "medlemsavgift") || strings.HasPrefix(w, "arsavgift") {
			continue
		}
		for _, suf := range []string{"hyra", "hyran", "avgift", "avgiften", "avgifter"} {
			if strings.HasSuffix(w, suf) && w != suf {
				return true
			}
		}
	}
	return false
}

// previousYear reports whether the words shortly before token i speak of
// the year before.
func previousYear(toks []lexicon.Token, i int) bool {
	for k := max(0, i-8); k+1 < i; k++ {
		a, b := toks[k].Norm, toks[k+1].Norm
		if (a == "foregaende" || a == "forra" || a == "previous" || a == "last" || a == "prior") && (strings.HasPrefix(b, "ar") || b == "year") || strings.HasPrefix(a, "fjol") {
			// "föregående år då det var 4 033": the count is that year's.
			for _, t := range toks[k+2 : i] {
				switch t.Norm {
				case "da", "var", "hade", "was", "had", "when":
					return true
				}
			}
		}
	}
	return false
}

// labelBefore reports whether a label of the member count ("antalet
// medlemmar", "medlemsantalet", "number of members") stands within a few
// words before token i, with no other number between.
func labelBefore(r *reading, text string, toks []lexicon.Token, i int) bool {
	dates := layout.Dates(text)
	inDate := func(t lexicon.Token) bool {
		for _, d := range dates {
			if t.Start >= d.Start && t.End <= d.End {
				return true
			}
		}
		return false
	}
	for _, m := range r.matches(toks, "field", r.doc.OCR) {
		if m.Key != casefile.FieldMembersTotal || m.Weight < 1 || m.To > i || i-m.To > 6 {
			continue
		}
		for _, t := range toks[m.To:i] {
			// A year or a date may stand between ("Medlemsantal
			// 2023-12-31: 87"); another number may not.
			if atoi(t.Norm) >= 0 && len(t.Norm) != 4 && !inDate(t) {
				return false
			}
		}
		return true
	}
	return false
}
