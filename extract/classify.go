package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"arsflow/extract/casefile"
	"arsflow/extract/layout"
	"arsflow/extract/lexicon"
)

// part is a run of a document's lines that one heading names: a
// verksamhetsberättelse, a resultaträkning, minutes, an invitation.
type part struct {
	typ      string
	strong   bool // the heading names the type without doubt
	from, to int  // lines [from, to) of the document
	title    *layout.Line
}

// typeOrder is the order document types are listed in.
var typeOrder = []string{casefile.TypeActivityReport, casefile.TypeAnnualAccounts, casefile.TypeAuditReport, casefile.TypeAGMMinutes, casefile.TypeMembershipReport}

// classify splits a document into parts by the headings that name them
// (in Swedish or English), and types each part by its heading, checked
// against its content: minutes must record decisions, an audit report must
// speak as an auditor. A document whose headings say nothing is typed by its
// content alone; one that cannot be placed is "other".
func classify(d *layout.Doc, lex *lexicon.Lexicon) []part {
	if len(d.Lines) == 0 {
		return nil
	}
	titles := findTitles(d, lex)
	var parts []part
	for i, t := range titles {
		from := t.line.N
		if i == 0 {
			from = 0 // a letterhead before the first heading belongs to it
		}
		to := len(d.Lines)
		if i+1 < len(titles) {
			to = titles[i+1].line.N
		}
		if len(parts) > 0 && parts[len(parts)-1].typ == t.typ {
			parts[len(parts)-1].to = to
			continue
		}
		parts = append(parts, part{typ: t.typ, from: from, to: to, title: t.line, strong: t.weight >= 1})
	}
	// A part whose content does not bear out its heading, or a plan or
	// budget heading inside minutes, is a section of the part before it.
	var merged []part
	minutes := false
	for _, p := range parts {
		typ := confirm(d, lex, p)
		n := len(merged)
		switch {
		case n > 0 && (typ == casefile.TypeOther && p.typ != casefile.TypeOther || typ == casefile.TypeOther && minutes && !invites(d, lex, p)):
			merged[n-1].to = p.to
			continue
		case n > 0 && merged[n-1].typ == typ:
			merged[n-1].to = p.to
			continue
		}
		p.typ = typ
		minutes = minutes || typ == casefile.TypeAGMMinutes
		merged = append(merged, p)
	}
	parts = merged
	known := false
	for _, p := range parts {
		known = known || p.typ != casefile.TypeOther
	}
	if !known {
		typ := byContent(d, lex, 0, len(d.Lines), len(titles) == 0)
		parts = []part{{typ: typ, from: 0, to: len(d.Lines)}}
	}
	return parts
}

// partTypes lists the types a document's parts hold, "other" only when no
// known type is found or an unrecognised part of some length stands beside
// them.
func partTypes(parts []part) []string {
	seen := map[string]bool{}
	other := false
	for _, p := range parts {
		if p.typ == casefile.TypeOther {
			other = other || p.to-p.from >= 3
			continue
		}
		seen[p.typ] = true
	}
	var out []string
	for _, t := range typeOrder {
		if seen[t] {
			out = append(out, t)
		}
	}
	if other || len(out) == 0 {
		out = append(out, casefile.TypeOther)
	}
	return out
}

type title struct {
	line   *layout.Line
	typ    string
	weight float64
}

// findTitles returns the lines that read as headings naming a document
// type: short lines that start with a capital, not sentences or agenda
// items, standing at the top of a page or apart (a gap above, larger type,
// capitals), whose words name the type at their start (a strong title may
// follow a few words, as in "GWU Sweden 2022 Audit").
func findTitles(d *layout.Doc, lex *lexicon.Lexicon) []title {
	size := medianSize(d)
	numberedLines := 0
	for _, l := range d.Lines {
		if layout.StartsItem(l) {
			numberedLines++
		}
	}
	var out []title
	onPage, page := 0, 0
	for _, l := range d.Lines {
		if l.Page != page {
			page, onPage = l.Page, 0
		}
		onPage++
		toks := l.Tokens
		if len(toks) == 0 || len(toks) > 12 {
			continue
		}
		text := strings.TrimSpace(l.Text)
		if r, _ := utf8.DecodeRuneInString(text); !unicode.IsUpper(r) && !unicode.IsDigit(r) && r != '§' {
			continue
		}
		numbered := layout.StartsItem(l)
		if numbered && (numberedLines >= 4 || itemLength(d, l) < 8) {
			// An agenda item names a topic; only a few numbered parts
			// with long texts are parts of a document.
			continue
		}
		body := text
		if numbered {
			body = strings.TrimLeft(text, "§0123456789.:) \t")
		}
		if strings.HasSuffix(body, ".") && len(toks) > 6 || strings.Contains(body, ". ") {
			continue
		}
		if hasFigures(l) || verb(lex, l) {
			continue // a sentence, not a heading
		}
		heading := onPage <= 3 || l.Size >= 1.12*size || l.Gap >= 1.2 || upper(text)
		if !heading {
			continue
		}
		// Skip the item's number ("2.", "1 b.").
		first := 0
		for numbered && first < len(toks) && first < 2 && (atoi(toks[first].Norm) >= 0 || len(toks[first].Norm) == 1) {
			first++
		}
		best := lexicon.Match{}
		for _, m := range lex.Find(toks, "title", l.OCR) {
			if m.From < first || m.Weight < 1 && m.From > first || m.From > first+4 || !namePrefix(l.Text, toks[first:m.From]) {
				continue
			}
			if best.Entry == nil || m.Weight > best.Weight {
				best = m
			}
		}
		if best.Entry == nil {
			continue
		}
		out = append(out, title{line: l, typ: best.Key, weight: best.Weight})
	}
	return out
}

// hasFigures reports whether a line holds a figure other than a year or a
// date.
func hasFigures(l *layout.Line) bool {
	for _, a := range layout.Amounts(l.Text) {
		if !a.Year && a.Value >= 10 {
			return true
		}
	}
	return false
}

func upper(s string) bool {
	letters, up := 0, 0
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127 {
			letters++
			if strings.ToUpper(string(r)) == string(r) {
				up++
			}
		}
	}
	return letters >= 4 && up == letters
}

func medianSize(d *layout.Doc) float64 {
	var s []float64
	for _, l := range d.Lines {
		s = append(s, l.Size)
	}
	sort.Float64s(s)
	return s[len(s)/2]
}

// cues counts, per cue, the phrases in lines [from, to) that speak for it,
// and the distinct agenda topics of an annual meeting ("agm_topic").
func cues(d *layout.Doc, lex *lexicon.Lexicon, from, to int) map[string]int {
	seen := map[string]bool{}
	out := map[string]int{}
	for _, l := range d.Lines[from:to] {
		for _, m := range l.Find("cue") {
			out[m.Key]++
		}
		for _, m := range l.Find("topic") {
			if k := "topic|" + m.Key; !seen[k] && m.Key != "election" {
				seen[k] = true
				out["agm_topic"]++
			}
		}
	}
	return out
}

// confirm checks a part's heading against its content and returns its
// type: minutes must record decisions on the annual meeting's business and
// not invite to it; an audit report must speak as an auditor; anything
// that fails is "other".
func confirm(d *layout.Doc, lex *lexicon.Lexicon, p part) string {
	body := p.from
	if p.title != nil {
		body = p.title.N + 1 // the heading's own words do not confirm it
	}
	c := cues(d, lex, min(body, p.to), p.to)
	n := p.to - p.from
	switch p.typ {
	case casefile.TypeAGMMinutes:
		// The meeting's business follows its heading, over any sections.
		c := cues(d, lex, p.from, len(d.Lines))
		if c["minutes"] >= c["invitation"] && (c["minutes"] >= 2 && c["agm_topic"] >= 1 || p.strong) {
			return p.typ
		}
		return casefile.TypeOther
	case casefile.TypeAuditReport:
		if c["audit"] >= 1 && n >= 2 {
			return p.typ
		}
		return casefile.TypeOther
	case casefile.TypeActivityReport:
		if n >= 2 {
			return p.typ
		}
		return casefile.TypeOther
	case casefile.TypeOther:
		// An invitation or agenda stays other; minutes under a heading
		// the lexicon does not know as minutes (a "konstituerande möte")
		// stay other too.
		return p.typ
	}
	return p.typ
}

// byContent types a document without a usable heading by what it says. A
// report on the year's activity is told by its content only when the
// document has no heading at all ("Verksamhetsåret 2023" over a story of the
// year): a plan or an invitation names itself, and reads much the same.
func byContent(d *layout.Doc, lex *lexicon.Lexicon, from, to int, untitled bool) string {
	c := cues(d, lex, from, to)
	switch {
	case c["minutes"] >= 3 && c["agm_topic"] >= 1 && c["minutes"] > c["invitation"]:
		return casefile.TypeAGMMinutes
	case c["audit"] >= 2:
		return casefile.TypeAuditReport
	case statementRows(d, lex, from, to) >= 2:
		return casefile.TypeAnnualAccounts
	case untitled && c["activity"] >= 2 && c["invitation"] == 0 && c["minutes"] == 0:
		return casefile.TypeActivityReport
	}
	return casefile.TypeOther
}

// statementRows counts the lines that hold a statement label with figures.
func statementRows(d *layout.Doc, lex *lexicon.Lexicon, from, to int) int {
	n := 0
	for _, l := range d.Lines[from:to] {
		if !hasFigures(l) {
			continue
		}
		for _, m := range l.Find("field") {
			switch m.Key {
			case casefile.FieldIncomeTotal, casefile.FieldCostsTotal, casefile.FieldResult, casefile.FieldTotalAssets, casefile.FieldEquity, "_equity_and_liabilities":
				if !m.Has("prose") {
					n++
				}
			}
		}
	}
	return n
}

// itemLength counts the lines from a numbered line to the next one.
func itemLength(d *layout.Doc, l *layout.Line) int {
	n := 1
	for _, o := range d.Lines[l.N+1:] {
		if layout.StartsItem(o) {
			break
		}
		n++
	}
	return n
}

// invites reports whether a part invites to a meeting.
func invites(d *layout.Doc, lex *lexicon.Lexicon, p part) bool {
	return cues(d, lex, p.from, p.to)["invitation"] > 0
}

// verb reports whether a line holds a verb of the minutes or an outcome:
// it is a sentence.
func verb(lex *lexicon.Lexicon, l *layout.Line) bool {
	for _, m := range l.Find("cue") {
		if m.Key == "minutes" {
			return true
		}
	}
	return len(l.Find("outcome")) > 0
}

// namePrefix reports whether the words before a title are a name or a
// year ("GWU Sweden 2022 Audit", "GOV:s Verksamhetsberättelse"), not words
// of a phrase ("Rapport om årsredovisningen").
func namePrefix(text string, toks []lexicon.Token) bool {
	for _, t := range toks {
		r, _ := utf8.DecodeRuneInString(text[t.Start:])
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && t.Norm != "s" {
			return false
		}
	}
	return true
}
