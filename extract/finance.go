package extract

import (
	"math"
	"sort"
	"strings"

	"arsflow/extract/casefile"
	"arsflow/extract/layout"
	"arsflow/extract/lexicon"
)

// moneyKeys are the statement figures read from rows and sentences.
var moneyKeys = map[string]bool{
	casefile.FieldIncomeTotal: true, casefile.FieldCostsTotal: true, casefile.FieldResult: true,
	casefile.FieldTotalAssets: true, casefile.FieldEquity: true, casefile.FieldMunicipalGrants: true,
	keyLiabilities: true, keyShortLiabilities: true, keyLongLiabilities: true, keyProvisions: true, keyEquityLiabilities: true,
}

// Internal keys: figures the checks use that are not part of a case's
// fields.
const (
	keyLiabilities       = "_liabilities"
	keyShortLiabilities  = "_short_liabilities"
	keyLongLiabilities   = "_long_liabilities"
	keyProvisions        = "_provisions"
	keyEquityLiabilities = "_equity_and_liabilities"
)

// readFinance reads the statement figures: from rows of a table (the
// label from the lexicon, the figure from the column of the year reported
// on, scaled by the unit the table states) and from sentences ("Totala
// intäkter var 3 466 521 kr", "a loss of SEK 281,71").
func readFinance(r *reading) {
	grants := map[int][]cand{}
	for i, l := range r.doc.Lines {
		label, lines, row := rowLabel(r, i)
		if row == nil {
			continue
		}
		toks := lexicon.Tokens(label)
		ms := r.matches(toks, "field", l.OCR)
		for _, m := range ms {
			if !moneyKeys[m.Key] || m.Has("prose") || !labelIsPhrase(toks, m) {
				continue
			}
			v, colConf := row.Current(r.grid.PreviousFirst)
			value := v.Value * row.Scale(v)
			value = withSign(value, m.Entry)
			score := m.Weight * colConf
			if row.Table == nil || row.Table.Header == nil {
				score *= 0.92
			}
			if m.Fuzzy {
				score *= 0.95
			}
			score *= statementFit(r, l, m.Key)
			c := cand{key: m.Key, value: value, score: score, lines: lines, s: v.Start, e: v.End}
			if row.Line != l {
				c.s, c.e = 0, 0
			}
			if m.Key == casefile.FieldMunicipalGrants {
				c.score *= 0.97 // several grant rows may add up to the figure
				grants[l.Page] = append(grants[l.Page], c)
			}
			r.add(c.key, c.value, c.score, c.lines, c.s, c.e)
			break
		}
	}
	sumGrants(r, grants)
	for _, b := range r.doc.Blocks() {
		for _, s := range layout.Sentences(b) {
			readFigureSentence(r, s)
		}
	}
}

// rowLabel returns the label of line i with the row of figures that goes
// with it: on the same line, on the next line (a label standing above its
// figures), or a label that goes on to the next line ("Summa eget kapital,
// avsättningar och" over "skulder").
func rowLabel(r *reading, i int) (string, []*layout.Line, *layout.Row) {
	l := r.doc.Lines[i]
	row := r.grid.Rows[l]
	next := func() *layout.Line {
		if i+1 < len(r.doc.Lines) && r.doc.Lines[i+1].Page == l.Page {
			return r.doc.Lines[i+1]
		}
		return nil
	}
	if row != nil && row.Label != "" {
		label := row.Label
		lines := []*layout.Line{l}
		if n := next(); n != nil && r.grid.Rows[n] == nil && len(n.Tokens) <= 2 && continues(label) {
			label += " " + strings.TrimSpace(n.Text)
			lines = append(lines, n)
		}
		return label, lines, row
	}
	if row == nil && !hasFigures(l) && len(l.Tokens) <= 8 {
		if n := next(); n != nil {
			if nr := r.grid.Rows[n]; nr != nil && nr.Label == "" {
				return strings.TrimSpace(l.Text), []*layout.Line{l, n}, nr
			}
		}
	}
	return "", nil, nil
}

// continues reports whether a label breaks off mid-phrase.
func continues(label string) bool {
	f := strings.Fields(strings.ToLower(label))
	if len(f) == 0 {
		return false
	}
	last := strings.Trim(f[len(f)-1], ",")
	return last == "och" || last == "and" || strings.HasSuffix(label, ",")
}

// labelIsPhrase reports whether a row's label is the lexicon's phrase and
// little else: "Summa eget kapital, avsättningar och skulder" is not "Summa
// eget kapital".
func labelIsPhrase(toks []lexicon.Token, m lexicon.Match) bool {
	if m.From > 1 {
		return false
	}
	var after []lexicon.Token
	for _, t := range toks[m.To:] {
		// The date a figure is for ("Medlemsantal per 2023-12-31",
		// "Summa tillgångar den 31 december") is not more words of the label.
		if atoi(t.Norm) < 0 && !dateWord[t.Norm] {
			after = append(after, t)
		}
	}
	if len(after) > 3 {
		return false
	}
	for _, t := range after {
		switch t.Norm {
		case "och", "and", "samt", "avsattningar", "skulder", "eget":
			return false
		}
	}
	// A phrase of one weak word ("Resultat", "Eget kapital") must be the
	// whole label.
	if m.Weight < 0.7 && (len(after) > 1 || m.From > 0) {
		return false
	}
	return true
}

// dateWord are the words of a date after a label, besides its numbers.
var dateWord = map[string]bool{"per": true, "den": true, "vid": true, "at": true, "as": true, "of": true, "on": true,
	"januari": true, "februari": true, "mars": true, "april": true, "maj": true, "juni": true, "juli": true, "augusti": true,
	"september": true, "oktober": true, "november": true, "december": true, "june": true, "july": true, "march": true,
	"january": true, "february": true, "may": true, "august": true, "october": true}

// withSign applies a label's sign rule: a loss named as such is negative
// however printed, a total is positive.
func withSign(v float64, e *lexicon.Entry) float64 {
	switch {
	case e.Has("neg"):
		return -math.Abs(v)
	case e.Has("pos"), e.Has("abs"):
		return math.Abs(v)
	}
	return v
}

// statementFit weighs a figure by the statement it stands in: a result
// read in a balance sheet is the balance sheet's, not the income
// statement's; income and costs belong in a resultaträkning.
func statementFit(r *reading, l *layout.Line, key string) float64 {
	kind := statementOf(r, l)
	switch {
	case kind == "balance" && (key == casefile.FieldResult || key == casefile.FieldIncomeTotal || key == casefile.FieldCostsTotal):
		return 0.8
	case kind == "income" && (key == casefile.FieldTotalAssets || key == casefile.FieldEquity):
		return 0.85
	}
	return 1
}

// statementOf returns "income" or "balance" for a line under a heading
// that names a resultaträkning or a balansräkning, "" otherwise.
func statementOf(r *reading, l *layout.Line) string {
	for j := l.N; j >= 0; j-- {
		t := r.doc.Lines[j]
		if len(t.Tokens) > 8 {
			continue
		}
		for _, m := range t.Find("title") {
			if m.Key != casefile.TypeAnnualAccounts {
				continue
			}
			switch first := t.Tokens[m.From].Norm; {
			case strings.HasPrefix(first, "resultat"), first == "income", first == "profit":
				if !strings.Contains(m.Text, "balans") {
					return "income"
				}
			case strings.HasPrefix(first, "balans"), first == "balance":
				return "balance"
			}
		}
	}
	return ""
}

// sumGrants adds up several municipal grant rows of one page ("Kommunalt
// aktivitetsbidrag", "Kommunalt lokalbidrag") into one candidate.
func sumGrants(r *reading, byPage map[int][]cand) {
	pages := make([]int, 0, len(byPage))
	for p := range byPage {
		pages = append(pages, p)
	}
	sort.Ints(pages)
	for _, p := range pages {
		cs := byPage[p]
		if len(cs) < 2 || len(cs) > 4 {
			continue
		}
		sum, score := 0.0, 1.0
		var lines []*layout.Line
		for _, c := range cs {
			v, _ := c.value.(float64)
			sum += v
			score = min(score, c.score)
			lines = append(lines, c.lines...)
		}
		r.add(casefile.FieldMunicipalGrants, sum, score+0.02, lines, 0, 0)
	}
}

// readFigureSentence reads a figure named in running text: a phrase of
// the lexicon followed closely by its amount in the same sentence, or an
// amount followed by a phrase that names it ("2169 SEK in expenses").
func readFigureSentence(r *reading, s layout.Span) {
	if ls := s.Lines(); len(ls) == 1 && r.grid.Rows[ls[0]] != nil && len(ls[0].Cells) > 1 {
		return // a statement row, read as such
	}
	text := s.String()
	toks := lexicon.Tokens(text)
	amounts := layout.Amounts(text)
	if len(amounts) == 0 {
		return
	}
	for _, m := range r.matches(toks, "field", r.doc.OCR) {
		if !moneyKeys[m.Key] {
			continue
		}
		prose := m.Has("prose")
		if !prose && m.Weight < 1 {
			continue
		}
		var a *layout.Amount
		if m.Has("before") {
			for k := len(amounts) - 1; k >= 0; k-- {
				if amounts[k].End <= toks[m.From].Start && wordsBetween(toks, amounts[k].End, toks[m.From].Start) <= 1 {
					a = &amounts[k]
					break
				}
			}
		} else {
			end := toks[m.To-1].End
			for k := range amounts {
				if amounts[k].Start >= end && !amounts[k].Year && wordsBetween(toks, end, amounts[k].Start) <= windowFor(m.Key) {
					a = &amounts[k]
					break
				}
			}
		}
		if a == nil || a.Year || !a.Currency && !a.Scaled && a.Value < 100 {
			continue
		}
		score := m.Weight * 0.9
		if !prose {
			score *= 0.85 // a row label in a sentence
		}
		if !a.Currency && !a.Scaled {
			score *= 0.85
		}
		lines := s.Lines()
		r.add(m.Key, withSign(a.Value, m.Entry), score, lines, 0, 0)
	}
}

// windowFor is how many words may stand between a phrase and its amount.
func windowFor(key string) int {
	if key == casefile.FieldMunicipalGrants {
		return 10
	}
	return 5
}

// wordsBetween counts the words between two offsets.
func wordsBetween(toks []lexicon.Token, from, to int) int {
	n := 0
	for _, t := range toks {
		if t.Start >= from && t.End <= to {
			n++
		}
	}
	return n
}
