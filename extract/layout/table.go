package layout

import (
	"math"
	"sort"
	"strings"

	"arsflow/extract/lexicon"
)

// Column is a column of figures in a table, as its heading names it.
type Column struct {
	X0, X1 float64
	Year   int    // the year the heading names (the later of two), 0 when none
	Kind   string // the lexicon's column key: "closing", "current", "previous", "budget", "note", or ""
	Unit   float64
}

// Table is a run of lines whose figures stand in columns under a header.
type Table struct {
	Header  *Line
	Columns []Column
	// Current is the index of the column of the year reported on, -1 when
	// the header does not tell.
	Current int
	// Unit multiplies the table's figures (1000 for tkr); 1 by default.
	Unit float64
	// stated is set when the table (or a line just above it) states its
	// unit.
	stated bool
	rows   []*Row
}

// Value is a figure of a row with the column it stands in (-1 unknown).
type Value struct {
	Amount
	Col int
}

// Row is a line that holds figures: the label before them and the
// figures.
type Row struct {
	Line *Line
	// Label is the text before the first figure, without an account or
	// note number.
	Label      string
	LabelStart int // byte offset of Label in Line.Text
	Values     []Value
	Table      *Table // nil when no header stands above the row
}

// Current returns the figure of the year reported on and how sure that
// choice is: 1 when the header names the column, less when the position
// decides.
func (r *Row) Current(previousFirst bool) (Value, float64) {
	if len(r.Values) == 0 {
		return Value{}, 0
	}
	if t := r.Table; t != nil && t.Current >= 0 {
		for _, v := range r.Values {
			if v.Col == t.Current {
				return v, 1
			}
		}
		return r.Values[0], 0.5
	}
	if len(r.Values) == 1 {
		return r.Values[0], 0.9
	}
	if previousFirst {
		return r.Values[len(r.Values)-1], 0.8
	}
	return r.Values[0], 0.75
}

// Grid is the tables and rows of a document.
type Grid struct {
	Tables []*Table
	Rows   map[*Line]*Row
	// PreviousFirst is set when the document says that the previous year's
	// figures stand first.
	PreviousFirst bool
}

// Grid finds the document's tables. fy is the year the fiscal year ends
// (0 unknown): the column of that year is the current one even when a
// budget or an earlier year stands first.
func (d *Doc) Grid(fy int) *Grid {
	g := &Grid{Rows: map[*Line]*Row{}}
	lex := lexicon.Default()
	docUnit, pendingUnit := 1.0, 0.0
	var cur *Table
	for _, l := range d.Lines {
		if u, wide, ok := unitStatement(lex, l); ok {
			if wide {
				docUnit = u
			} else {
				pendingUnit = u
			}
		}
		if t, ok := header(lex, l, fy); ok {
			t.stated = t.Unit != 0 || pendingUnit != 0
			if t.Unit == 0 {
				t.Unit = docUnit
				if pendingUnit != 0 {
					t.Unit = pendingUnit
				}
			}
			pendingUnit = 0
			cur = t
			g.Tables = append(g.Tables, t)
			continue
		}
		row := rowOf(l)
		if row == nil {
			continue
		}
		if cur != nil && (cur.Header.Page == l.Page || len(row.Values) == len(cur.Columns)) {
			row.Table = cur
			cur.rows = append(cur.rows, row)
			place(row, cur)
		} else if cur != nil {
			cur = nil
		}
		if row.Table == nil && (pendingUnit != 0 || docUnit != 1) {
			// A unit stated above figures without a header.
			u := docUnit
			if pendingUnit != 0 {
				u = pendingUnit
			}
			row.Table = &Table{Current: -1, Unit: u}
		}
		g.Rows[l] = row
	}
	g.PreviousFirst = previousFirst(lex, d)
	inheritUnits(g.Tables)
	return g
}

// inheritUnits lets a table that states no unit take the unit of the
// table before it that stated one ("Belopp i tkr" above the income
// statement also holds for the balance sheet), but only when its figures
// are of the same size: a statement in kronor after an overview in tkr
// keeps kronor.
func inheritUnits(ts []*Table) {
	var last *Table
	for _, t := range ts {
		if t.stated {
			if t.Unit != 1 {
				last = t
			} else {
				last = nil
			}
			continue
		}
		if last == nil || t.Unit != 1 {
			continue
		}
		a, b := medianFigure(last), medianFigure(t)
		if a > 0 && b > 0 && b/a < 30 && a/b < 30 {
			t.Unit = last.Unit
		}
	}
}

// medianFigure is the median size of a table's figures.
func medianFigure(t *Table) float64 {
	var vs []float64
	for _, r := range t.rows {
		for _, v := range r.Values {
			if !v.Year && v.Value != 0 {
				vs = append(vs, math.Abs(v.Value))
			}
		}
	}
	if len(vs) == 0 {
		return 0
	}
	sort.Float64s(vs)
	return vs[len(vs)/2]
}

// Scale returns the multiplier for a row's figures.
func (r *Row) Scale(v Value) float64 {
	if v.Scaled || v.Currency {
		return 1
	}
	if t := r.Table; t != nil {
		if v.Col >= 0 && v.Col < len(t.Columns) && t.Columns[v.Col].Unit != 0 {
			return t.Columns[v.Col].Unit
		}
		if t.Unit != 0 {
			return t.Unit
		}
	}
	return 1
}

// rowOf returns the figures of a line that ends in figures standing in
// their own cells, or nil.
func rowOf(l *Line) *Row {
	if len(l.Cells) == 0 {
		return nil
	}
	r := &Row{Line: l}
	first := -1
	for ci := range l.Cells {
		text := l.CellText(ci)
		as := Amounts(text)
		if !cellOfFigures(text, as) {
			if first >= 0 {
				// Text after figures: a note, not a row of a statement.
				if len(strings.Fields(text)) > 3 {
					return nil
				}
				continue
			}
			continue
		}
		if first < 0 {
			first = ci
		}
		for _, a := range as {
			a.Start += l.Cells[ci].Start
			a.End += l.Cells[ci].Start
			r.Values = append(r.Values, Value{Amount: a, Col: -1})
		}
	}
	if first < 0 {
		return nil
	}
	// A label with figures in one cell: "Summa intäkter 12 500".
	if first == 0 {
		cell := l.CellText(0)
		as := Amounts(cell)
		if len(as) == 0 || strings.TrimSpace(cell[:as[0].Start]) == "" {
			r.Label, r.LabelStart = "", 0
		} else {
			r.Label, r.LabelStart = strings.TrimSpace(cell[:as[0].Start]), 0
		}
	} else {
		r.Label = strings.TrimSpace(l.Text[:l.Cells[first].Start])
	}
	r.Label, r.LabelStart = dropAccount(r.Label, r.LabelStart)
	if r.Label == "" && first == 0 && len(l.Cells) == 1 {
		return r // a line of figures alone; its label may be the line above
	}
	return r
}

// cellOfFigures reports whether a cell holds figures and (nearly) nothing
// else, or a label followed by figures.
func cellOfFigures(text string, as []Amount) bool {
	if len(as) == 0 {
		return false
	}
	rest := text[as[len(as)-1].End:]
	if strings.Trim(rest, " )%") != "" {
		return false
	}
	for i := 1; i < len(as); i++ {
		if strings.Trim(text[as[i-1].End:as[i].Start], " :;") != "" {
			return false // words between figures: running text
		}
	}
	for _, a := range as {
		if a.Year && len(as) > 0 && !a.Currency {
			// "2024" alone is a heading, not a figure.
			if len(as) == 1 && strings.TrimSpace(text[:a.Start]) == "" {
				return false
			}
		}
	}
	return true
}

// dropAccount removes an account or note number before a label ("3000
// Försäljning") .
func dropAccount(label string, start int) (string, int) {
	f := strings.Fields(label)
	if len(f) > 1 && len(f[0]) == 4 && allDigits(f[0]) {
		i := strings.Index(label, f[1])
		return label[i:], start + i
	}
	return label, start
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// header reads a line of column headings: two or more cells that each name
// a year, a date or a column word, and no other figures.
func header(lex *lexicon.Lexicon, l *Line, fy int) (*Table, bool) {
	if len(l.Cells) < 2 && len(Amounts(l.Text)) < 2 {
		return nil, false
	}
	t := &Table{Header: l, Current: -1}
	cells := l.Cells
	for ci, c := range cells {
		text := l.Text[c.Start:c.End]
		col, ok := columnHead(lex, text)
		if !ok {
			if len(t.Columns) > 0 {
				return nil, false // a heading stands only before the columns
			}
			if len(Amounts(text)) > 0 && !onlyYears(text) {
				return nil, false
			}
			continue
		}
		_ = ci
		if col.Year == 0 && col.Kind == "" {
			t.Unit = col.Unit // "Tkr", "(tkr)": the unit, not a column
			continue
		}
		col.X0, col.X1 = c.X0, c.X1
		t.Columns = append(t.Columns, col)
	}
	if len(t.Columns) < 2 && !(len(t.Columns) == 1 && t.Columns[0].Year > 0 && (t.Columns[0].Kind != "" || statementTitle(lex, l))) {
		return nil, false
	}
	t.Current = currentColumn(t.Columns, fy)
	for _, c := range t.Columns {
		if c.Unit != 0 {
			t.Unit = c.Unit
		}
	}
	if t.Unit == 0 {
		// A unit in the title cell: "Resultaträkning (tkr)", "(kr)".
		for _, m := range lex.Find(l.Tokens, "unit", false) {
			t.Unit = unitValue(m.Key)
		}
	}
	return t, true
}

// columnHead reads one heading cell: "2024", "2023-12-31", "2023/24",
// "Utfall 2024", "Budget", "Föregående år", "Utg balans", "Tkr".
func columnHead(lex *lexicon.Lexicon, text string) (Column, bool) {
	var c Column
	toks := lexicon.Tokens(text)
	words := 0
	for _, m := range lex.Find(toks, "column", false) {
		if c.Kind == "" || rank(m.Key) > rank(c.Kind) {
			c.Kind = m.Key
		}
		words += m.To - m.From
	}
	for _, m := range lex.Find(toks, "unit", false) {
		if u := unitValue(m.Key); u != 1 {
			c.Unit = u
		}
		words += m.To - m.From
	}
	for _, d := range Dates(text) {
		c.Year = max(c.Year, d.Year())
	}
	years := 0
	for _, a := range Amounts(text) {
		if a.Year || a.Value >= 1900 && a.Value < 2100 && a.Value == math.Trunc(a.Value) && len(strings.TrimSpace(a.Text)) == 4 {
			c.Year = max(c.Year, int(a.Value))
			years++
		} else if !inDate(Dates(text), a.Start, a.End) && !(a.Value < 100 && yearRange(text)) {
			return Column{}, false
		}
	}
	if y := laterYearOfRange(text); y > 0 {
		c.Year = max(c.Year, y)
	}
	// Anything else in the cell must be short filler ("kr", "Not", "(tkr)").
	other := -words
	for _, t := range toks {
		if atoi(t.Norm) < 0 {
			other++ // a word, not a year or a date's digits
		}
	}
	other = max(other, 0)
	_ = years
	if c.Year == 0 && c.Kind == "" && c.Unit == 0 {
		return Column{}, false
	}
	if other > 2 || other > 0 && c.Kind == "" && c.Unit == 0 && !titledYear(lex, toks) {
		return Column{}, false
	}
	return c, true
}

func onlyYears(text string) bool {
	for _, a := range Amounts(text) {
		if !a.Year {
			return false
		}
	}
	return true
}

// yearRange reports whether text holds a broken year like "2023/24".
func yearRange(text string) bool { return laterYearOfRange(text) > 0 }

// laterYearOfRange returns the later year of "2023/24", "2023/2024" or
// "2023–2024", 0 when text holds none.
func laterYearOfRange(text string) int {
	f := strings.FieldsFunc(text, func(r rune) bool { return r == '/' || r == '–' || r == '-' || r == ' ' })
	for i := 0; i+1 < len(f); i++ {
		a, b := atoi(f[i]), atoi(f[i+1])
		if a < 1900 || a > 2099 || b < 0 {
			continue
		}
		if b < 100 {
			b += a / 100 * 100
		}
		if b == a+1 {
			return b
		}
	}
	return 0
}

// rank orders column kinds by how much they speak for the reported year.
func rank(kind string) int {
	switch kind {
	case "closing":
		return 4
	case "current":
		return 3
	case "note":
		return 1
	case "previous", "budget":
		return 2
	}
	return 0
}

// currentColumn chooses the column of the reported year: the fiscal
// year's column; else the closing balance or the current period; else the
// latest year that is not a budget; else the first figure column.
func currentColumn(cols []Column, fy int) int {
	best, bestScore := -1, -1<<30
	for i, c := range cols {
		score := c.Year * 10
		switch c.Kind {
		case "closing":
			score += 1 << 22
		case "current":
			score += 1 << 21
		case "previous":
			score = -1
		case "budget":
			score = -2
		case "note":
			score = -3
		}
		if fy > 0 && c.Year == fy && c.Kind != "budget" && c.Kind != "previous" {
			score += 1 << 24
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	if bestScore < 0 {
		return -1
	}
	return best
}

// place puts each figure of a row into the column it stands under: by its
// right edge (figures are right-aligned) or its centre, whichever is
// closer; when the row has as many figures as the table has columns, by
// order.
func place(r *Row, t *Table) {
	notes := 0
	for _, c := range t.Columns {
		if c.Kind == "note" {
			notes++
		}
	}
	if len(r.Values) == len(t.Columns) || len(r.Values) == len(t.Columns)-notes && notes > 0 {
		k := 0
		for i := range r.Values {
			for len(r.Values) < len(t.Columns) && t.Columns[k].Kind == "note" {
				k++
			}
			r.Values[i].Col = k
			k++
		}
		return
	}
	for i := range r.Values {
		x0, x1 := r.Line.Span(r.Values[i].Start, r.Values[i].End)
		best, bestD := -1, math.Inf(1)
		for k, c := range t.Columns {
			d := math.Min(math.Abs(x1-c.X1), math.Abs((x0+x1)/2-(c.X0+c.X1)/2))
			if d < bestD {
				best, bestD = k, d
			}
		}
		if best >= 0 && bestD < 60 {
			r.Values[i].Col = best
		}
	}
}

// unitStatement reads a line that states the unit of the figures: "Belopp
// i tkr", "(tkr)", "Alla belopp anges i tusentals kronor". wide is set when
// it holds for the whole document.
func unitStatement(lex *lexicon.Lexicon, l *Line) (unit float64, wide, ok bool) {
	toks := l.Tokens
	if len(toks) > 12 || len(Amounts(l.Text)) > 0 && !onlyYears(l.Text) {
		return 0, false, false
	}
	ms := lex.Find(toks, "unit", false)
	if len(ms) == 0 {
		return 0, false, false
	}
	m := ms[0]
	// A bare "kr" or "SEK" in a line of words is not a statement, unless
	// in parentheses: "Balansräkning (kr)".
	paren := strings.Contains(l.Text[max(0, toks[m.From].Start-2):toks[m.From].Start], "(")
	if m.To-m.From == 1 && len(toks) > 2 && !paren && !(m.Key != "1" && len(toks) <= 4) {
		return 0, false, false
	}
	for _, t := range toks {
		switch t.Norm {
		case "alla", "samtliga", "annat", "all":
			wide = true
		}
	}
	return unitValue(m.Key), wide, true
}

func unitValue(key string) float64 {
	switch key {
	case "1000":
		return 1000
	case "1000000":
		return 1e6
	}
	return 1
}

// previousFirst reports whether the document says that the previous
// year's figures stand first ("föregående år, innevarande år").
func previousFirst(lex *lexicon.Lexicon, d *Doc) bool {
	for _, l := range d.Lines {
		ms := lex.Find(l.Tokens, "column", false)
		var kinds []string
		for _, m := range ms {
			if m.Key == "previous" || m.Key == "current" {
				kinds = append(kinds, m.Key)
			}
		}
		if len(kinds) >= 2 && len(Amounts(l.Text)) == 0 && len(l.Cells) == 1 {
			return kinds[0] == "previous"
		}
	}
	return false
}

// statementTitle reports whether a line starts with the title of a
// statement ("Balansräkning (kr)   2025").
func statementTitle(lex *lexicon.Lexicon, l *Line) bool {
	for _, m := range l.Find("title") {
		if m.From == 0 && m.Key == "annual_accounts" {
			return true
		}
	}
	return false
}

// titledYear reports whether a heading cell is a statement's title joined
// to the first year column: "Resultaträkning 2024".
func titledYear(lex *lexicon.Lexicon, toks []lexicon.Token) bool {
	n := len(toks)
	if n < 2 || atoi(toks[n-1].Norm) < 1900 {
		return false
	}
	for _, m := range lex.Find(toks[:n-1], "title", false) {
		if m.From == 0 && m.To == n-1 {
			return true
		}
	}
	return false
}
