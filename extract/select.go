package extract

import (
	"math"
	"sort"
	"strings"
	"time"

	"arsflow/extract/casefile"
	"arsflow/extract/lexicon"
)

// AssembleCase reads the case's documents together: for each field it
// chooses among every candidate the documents offer, the combination of
// statement figures that agrees with the accounting identities and across
// documents, gives each value a confidence from that agreement and its
// evidence, and raises every check.
func AssembleCase(path string, docs []*casefile.Document) *casefile.Case {
	rs := make([]*reading, len(docs))
	for i, d := range docs {
		rs[i] = read(d.File, d.Text)
	}
	return assemble(path, docs, rs)
}

func assemble(path string, docs []*casefile.Document, rs []*reading) *casefile.Case {
	c := &casefile.Case{Path: path, Documents: docs, Fields: map[string]casefile.Field{}, Checks: []casefile.Check{}}
	if c.Documents == nil {
		c.Documents = []*casefile.Document{}
	}
	sel := choose(rs)
	for _, k := range casefile.FieldKeys() {
		if f, ok := sel.fields[k]; ok {
			c.Fields[k] = f
		}
	}
	c.Checks = runChecks(c, rs, sel)
	return c
}

// placed is a candidate with the document it was read in.
type placed struct {
	cand
	doc  int
	file string
	eff  float64 // score weighed by the document part it stands in
}

// group is the candidates of one field that give one value.
type group struct {
	key   string
	value any
	best  placed
	all   []placed
	score float64
}

// selection is the outcome of choosing: each field's value with its
// evidence, and the groups behind it for the checks.
type selection struct {
	fields map[string]casefile.Field
	groups map[string][]*group // per key, best first
	chosen map[string]*group
	// identity records, per statement, whether the chosen figures satisfy
	// its identity: "income" (intäkter − kostnader = resultat), "balance"
	// (tillgångar = eget kapital + skulder).
	identity map[string]bool
	rs       []*reading
}

// choose picks each field's value from the candidates of all documents.
func choose(rs []*reading) *selection {
	sel := &selection{fields: map[string]casefile.Field{}, groups: map[string][]*group{}, chosen: map[string]*group{}, identity: map[string]bool{}, rs: rs}
	full := fullNames(rs)
	byKey := map[string][]placed{}
	for i, r := range rs {
		for _, c := range r.cands {
			if s, ok := c.value.(string); ok && strings.HasPrefix(s, firstNameMark) {
				v, ok := resolveFirst(strings.TrimPrefix(s, firstNameMark), full)
				if !ok {
					continue
				}
				c.value = v
			}
			byKey[c.key] = append(byKey[c.key], placed{cand: c, doc: i, file: r.file, eff: c.score * typeWeight(c.key, c.typ)})
		}
	}
	for key, ps := range byKey {
		sel.groups[key] = groupsOf(key, ps)
	}
	for key, gs := range sel.groups {
		if len(gs) > 0 && !financeKey(key) && (gs[0].score >= minScore || gs[0].best.missing) {
			sel.chosen[key] = gs[0]
		}
	}
	chooseFiscalYear(sel)
	chooseFinance(sel)
	for key, g := range sel.chosen {
		if strings.HasPrefix(key, "_") {
			continue
		}
		sel.fields[key] = fieldOf(sel, key, g)
	}
	return sel
}

// minScore is the least evidence a value needs to be reported at all.
const minScore = 0.4

// groupsOf groups candidates by value and orders the groups by score: the
// strongest evidence, raised a little by each further place that agrees,
// more when another document agrees.
func groupsOf(key string, ps []placed) []*group {
	idx := map[string]*group{}
	var out []*group
	for _, p := range ps {
		k := groupKey(key, p.value)
		g, ok := idx[k]
		if !ok {
			g = &group{key: key, value: p.value}
			idx[k] = g
			out = append(out, g)
		}
		g.all = append(g.all, p)
		if p.eff > g.best.eff || g.best.lines == nil {
			g.best = p
			g.value = p.value
		}
	}
	for _, g := range out {
		sort.SliceStable(g.all, func(i, j int) bool { return g.all[i].eff > g.all[j].eff })
		// The name as printed in mixed case reads better than in capitals.
		if s, ok := g.value.(string); ok && upper(s) {
			for _, p := range g.all {
				if ps, ok := p.value.(string); ok && !upper(ps) && p.eff >= g.best.eff-0.15 {
					g.value = ps
					break
				}
			}
		}
		g.score = g.best.eff
		places, docs := map[int]bool{}, map[int]bool{g.best.doc: true}
		places[g.best.lines[0].N*1000+g.best.doc] = true
		for _, p := range g.all[1:] {
			at := p.lines[0].N*1000 + p.doc
			if places[at] || p.missing {
				continue
			}
			places[at] = true
			bonus := 0.03
			if !docs[p.doc] {
				bonus = 0.06
				docs[p.doc] = true
			}
			g.score += bonus * min(1, p.eff/0.5)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].score != out[j].score {
			return out[i].score > out[j].score
		}
		return out[i].best.doc < out[j].best.doc
	})
	return out
}

// groupKey is the value a group stands for: names compare without case,
// punctuation or a genitive s; amounts to the öre.
func groupKey(key string, v any) string {
	if s, ok := v.(string); ok && (key == casefile.FieldAssociationName) {
		return normalizeName(stripGenitive(s))
	}
	return valueKey(v)
}

// typeWeight weighs a candidate by the document part it was read in, per
// field: figures count most in the accounts, people in a report of the
// year, decisions in the minutes.
func typeWeight(key, typ string) float64 {
	var w map[string]float64
	switch key {
	case casefile.FieldIncomeTotal, casefile.FieldCostsTotal, casefile.FieldResult, casefile.FieldTotalAssets, casefile.FieldEquity, casefile.FieldMunicipalGrants,
		keyLiabilities, keyShortLiabilities, keyLongLiabilities, keyProvisions, keyEquityLiabilities:
		w = map[string]float64{casefile.TypeAnnualAccounts: 1, casefile.TypeActivityReport: 0.92, casefile.TypeAGMMinutes: 0.9, casefile.TypeAuditReport: 0.85, casefile.TypeOther: 0.75}
	case casefile.FieldMembersTotal, casefile.FieldMembersEligible:
		// Minutes count those present or invited more often than members.
		w = map[string]float64{casefile.TypeMembershipReport: 1, casefile.TypeActivityReport: 1, casefile.TypeAnnualAccounts: 0.95, casefile.TypeAGMMinutes: 0.6, casefile.TypeOther: 0.75}
	case casefile.FieldChair, casefile.FieldTreasurer:
		w = map[string]float64{casefile.TypeActivityReport: 1, casefile.TypeAnnualAccounts: 0.97, casefile.TypeAGMMinutes: 0.93, casefile.TypeAuditReport: 0.9, casefile.TypeOther: 0.85}
	case casefile.FieldAuditor:
		w = map[string]float64{casefile.TypeAuditReport: 1, casefile.TypeActivityReport: 0.97, casefile.TypeAGMMinutes: 0.95, casefile.TypeAnnualAccounts: 0.95, casefile.TypeOther: 0.8}
	case casefile.FieldFiscalYearStart, casefile.FieldFiscalYearEnd:
		w = map[string]float64{casefile.TypeActivityReport: 1, casefile.TypeAnnualAccounts: 1, casefile.TypeAuditReport: 1, casefile.TypeAGMMinutes: 0.9, casefile.TypeOther: 0.8}
	case casefile.FieldAnnualMeetingDate:
		w = map[string]float64{casefile.TypeAGMMinutes: 1, casefile.TypeOther: 0.9}
	default:
		return 1
	}
	if v, ok := w[typ]; ok {
		return v
	}
	return 0.8
}

func financeKey(key string) bool { return moneyKeys[key] }

// chooseFiscalYear chooses the fiscal year's end and the start read with
// it, so that the two are one period.
func chooseFiscalYear(sel *selection) {
	end := afterMeeting(sel)
	if end == nil {
		delete(sel.chosen, casefile.FieldFiscalYearStart)
		return
	}
	te, _ := time.Parse(time.DateOnly, end.value.(string))
	for _, g := range sel.groups[casefile.FieldFiscalYearStart] {
		ts, err := time.Parse(time.DateOnly, g.value.(string))
		if err != nil {
			continue
		}
		if d := te.Sub(ts).Hours() / 24; d >= 150 && d <= 560 {
			sel.chosen[casefile.FieldFiscalYearStart] = g
			return
		}
	}
	delete(sel.chosen, casefile.FieldFiscalYearStart)
}

// afterMeeting returns the chosen end of the fiscal year, unless it falls
// after the annual meeting that reports on it ("medlemsavgiften för
// verksamhetsåret 2013" in minutes of April 2013 speaks of the coming year):
// then the best end that the meeting could report on, within 18 months
// before it, is chosen instead when there is one.
func afterMeeting(sel *selection) *group {
	end, meeting := sel.chosen[casefile.FieldFiscalYearEnd], sel.chosen[casefile.FieldAnnualMeetingDate]
	if end == nil || meeting == nil {
		return end
	}
	tm, err := time.Parse(time.DateOnly, meeting.value.(string))
	if te, err2 := time.Parse(time.DateOnly, end.value.(string)); err != nil || err2 != nil || !te.After(tm) {
		return end
	}
	for _, g := range sel.groups[casefile.FieldFiscalYearEnd] {
		te, err := time.Parse(time.DateOnly, g.value.(string))
		if err == nil && !te.After(tm) && tm.Sub(te).Hours()/24 <= 550 && g.score >= minScore {
			sel.chosen[casefile.FieldFiscalYearEnd] = g
			return g
		}
	}
	return end
}

// tolerance is how far a sum may be off: rounding in öre, or in thousands
// when the figures are printed in tkr.
func tolerance(vs ...float64) float64 {
	for _, v := range vs {
		if math.Mod(math.Abs(v), 1000) != 0 || v == 0 {
			return 1.5
		}
	}
	return 1000
}

func num(g *group) float64 {
	if g == nil {
		return 0
	}
	v, _ := g.value.(float64)
	return v
}

// top returns up to n groups of key, and nil for "not read", to combine.
func top(sel *selection, key string, n int) []*group {
	gs := sel.groups[key]
	if len(gs) > n {
		gs = gs[:n]
	}
	return append(append([]*group(nil), gs...), nil)
}

func scoreOf(g *group) float64 {
	if g == nil {
		return 0
	}
	return g.score
}

// chooseFinance chooses the statement figures together: among the
// strongest candidates of income, costs and result, the combination that
// satisfies intäkter − kostnader = resultat wins over stronger single
// figures that do not; likewise tillgångar = eget kapital + skulder.
func chooseFinance(sel *selection) {
	bestScore, found := -1.0, false
	var bi, bc, br *group
	results := top(sel, casefile.FieldResult, 3)
	// A result of exactly zero beside a non-zero one is the unbooked
	// "Årets resultat 0,00" of a bookkeeping program's balance report,
	// whose real result stands elsewhere ("Beräknat resultat").
	resultScore := func(r *group) float64 { return scoreOf(r) }
	zero, computed := false, false
	for _, g := range sel.groups[casefile.FieldResult] {
		zero = zero || num(g) == 0
		for _, l := range g.best.lines {
			computed = computed || strings.Contains(lexicon.Fold(l.Text), "beraknat resultat")
		}
	}
	for _, r := range results {
		if r != nil && num(r) != 0 {
			resultScore = func(r *group) float64 {
				if r != nil && num(r) == 0 {
					return scoreOf(r) - 0.3
				}
				return scoreOf(r)
			}
			break
		}
	}
	for _, i := range top(sel, casefile.FieldIncomeTotal, 3) {
		for _, c := range top(sel, casefile.FieldCostsTotal, 3) {
			for _, r := range results {
				s := scoreOf(i) + scoreOf(c) + resultScore(r)
				ok := i != nil && c != nil && r != nil && sel.incomeHolds(i, c, r)
				if ok {
					s += 0.6
				}
				if s > bestScore {
					bestScore, bi, bc, br, found = s, i, c, r, ok
				}
			}
		}
	}
	// The identity holds for the operating result; the year's result
	// comes after financial items, under a stronger label.
	if found && len(results) > 1 && results[0] != nil && results[0] != br && results[0].best.score >= 0.9 && br.best.score < 0.9 {
		br = results[0]
	}
	set := func(key string, g *group) {
		if g != nil {
			sel.chosen[key] = g
		}
	}
	set(casefile.FieldIncomeTotal, bi)
	set(casefile.FieldCostsTotal, bc)
	set(casefile.FieldResult, br)
	if bi != nil && bc != nil && br != nil {
		sel.identity["income"] = found
	}
	// The balance sheet.
	bestScore, found = -1.0, false
	var ba, be, bl, bel *group
	for _, a := range top(sel, casefile.FieldTotalAssets, 3) {
		for _, e := range top(sel, casefile.FieldEquity, 3) {
			for _, el := range top(sel, keyEquityLiabilities, 2) {
				for _, l := range top(sel, keyLiabilities, 2) {
					s := scoreOf(a) + scoreOf(e) + scoreOf(el) + scoreOf(l)
					ok := false
					switch {
					case a != nil && el != nil:
						// Bookkeeping programs print credit balances
						// negative, and their preliminary reports leave
						// the year's result unbooked ("Årets resultat
						// 0,00", "Beräknat resultat"): the sides then
						// differ by exactly the result. In a final
						// report that difference is an error.
						d := math.Abs(num(a)) - math.Abs(num(el))
						ok = math.Abs(d) <= tolerance(num(a), num(el)) ||
							(zero || computed) && br != nil && num(br) != 0 && math.Abs(d-num(br)) <= tolerance(num(a), num(el), num(br))
						if e != nil && l != nil {
							ok = ok && math.Abs(num(el)-num(e)-num(l)) <= tolerance(num(e), num(l))
						}
					case a != nil && e != nil && l != nil:
						ok = math.Abs(num(a)-num(e)-num(l)) <= tolerance(num(a), num(e), num(l))
					}
					if ok {
						s += 0.6
					}
					if s > bestScore {
						bestScore, ba, be, bel, bl, found = s, a, e, el, l, ok
					}
				}
			}
		}
	}
	set(casefile.FieldTotalAssets, ba)
	set(casefile.FieldEquity, be)
	set(keyEquityLiabilities, bel)
	set(keyLiabilities, bl)
	if ba != nil && (bel != nil || be != nil && bl != nil) {
		sel.identity["balance"] = found
	}
	for _, k := range []string{casefile.FieldMunicipalGrants, keyShortLiabilities, keyLongLiabilities, keyProvisions} {
		if gs := sel.groups[k]; len(gs) > 0 {
			sel.chosen[k] = gs[0]
		}
	}
}

// fieldOf turns a chosen group into a field: the best evidence, a
// confidence, and the other values when there are several.
func fieldOf(sel *selection, key string, g *group) casefile.Field {
	conf := confidence(sel, key, g)
	f := casefile.Field{Candidate: g.best.evidence(g.best.file, conf)}
	f.Value = g.value
	gs := sel.groups[key]
	if len(gs) > 1 {
		for i, o := range gs {
			if i >= maxCandidates {
				break
			}
			oc := confidence(sel, key, o)
			if o != g {
				oc = min(oc, round2(o.score))
			}
			cand := o.best.evidence(o.best.file, oc)
			cand.Value = o.value
			f.Candidates = append(f.Candidates, cand)
		}
	}
	return f
}

// maxCandidates bounds the alternatives kept per field.
const maxCandidates = 8

// confidence is how sure a chosen value is: its evidence, raised when an
// accounting identity or another document confirms it, lowered when
// another value is nearly as well supported.
func confidence(sel *selection, key string, g *group) float64 {
	conf := g.score
	switch key {
	case casefile.FieldIncomeTotal, casefile.FieldCostsTotal, casefile.FieldResult:
		if ok, tested := sel.identity["income"]; tested {
			if ok {
				conf = max(conf, 0.97)
			} else {
				conf = min(conf, 0.7)
			}
		}
	case casefile.FieldTotalAssets, casefile.FieldEquity:
		if ok, tested := sel.identity["balance"]; tested {
			if ok {
				conf = max(conf, 0.97)
			} else {
				conf = min(conf, 0.7)
			}
		}
	}
	// A rival value close behind makes the choice uncertain.
	for _, o := range sel.groups[key] {
		if o == g || o.best.missing {
			continue
		}
		if d := g.score - o.score; d < 0.08 {
			conf -= 0.15
		} else if d < 0.15 {
			conf -= 0.05
		}
		break
	}
	return round2(max(0.05, min(conf, 0.99)))
}

// fullNames returns the full names of persons the documents print.
func fullNames(rs []*reading) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range rs {
		for _, l := range r.doc.Lines {
			for ci := range l.Cells {
				for _, n := range names(l.CellText(ci), false) {
					if !seen[n.Text] {
						seen[n.Text] = true
						out = append(out, n.Text)
					}
				}
			}
		}
	}
	return out
}

// resolveFirst replaces a first name by the one full name the case prints
// with it.
func resolveFirst(first string, full []string) (string, bool) {
	f := lexicon.Fold(first)
	var found string
	for _, n := range full {
		w := strings.Fields(n)
		if lexicon.Fold(w[0]) != f {
			continue
		}
		if found != "" && normalizeName(found) != normalizeName(n) {
			return "", false // two persons share the first name
		}
		found = n
	}
	return found, found != ""
}

// incomeHolds reports whether income − costs = result, directly or with
// the rows that stand between the costs and the result in the statement
// (financial items, appropriations, tax).
func (sel *selection) incomeHolds(i, c, r *group) bool {
	diff := num(r) - (num(i) - num(c))
	tol := tolerance(num(i), num(c))
	if math.Abs(diff) <= tol {
		return true
	}
	cb, rb := c.best, r.best
	if cb.doc != rb.doc {
		return false
	}
	rd := sel.rs[cb.doc]
	from, to := cb.lines[len(cb.lines)-1].N, rb.lines[0].N
	if to <= from+1 || to-from > 15 {
		return false
	}
	var items, sums float64
	for _, l := range rd.doc.Lines[from+1 : to] {
		row := rd.grid.Rows[l]
		if row == nil || row.Label == "" {
			continue
		}
		v, _ := row.Current(rd.grid.PreviousFirst)
		val := v.Value * row.Scale(v)
		low := lexicon.Fold(row.Label)
		switch {
		case strings.Contains(low, "resultat") || strings.Contains(low, "overskott") || strings.Contains(low, "underskott"):
			// a subtotal of the result
		case strings.HasPrefix(low, "summa"):
			sums += val
		default:
			items += val
		}
	}
	return math.Abs(diff-items) <= tol || sums != 0 && math.Abs(diff-sums) <= tol
}
