package extract

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"arsflow/extract/casefile"
	"arsflow/extract/layout"
	"arsflow/extract/lexicon"
)

// reading is what one document offers: its layout, its parts and their
// types, and every candidate value found in it.
type reading struct {
	file  string
	doc   *layout.Doc
	grid  *layout.Grid
	parts []part
	types []string
	// fy is the year the document's fiscal year ends, 0 when it does not
	// say.
	fy    int
	cands []cand
	// bandMiss is each member table whose age bands do not add up to its
	// total.
	bandMiss []bandMiss
	lex      *lexicon.Lexicon
	// found remembers what the lexicon found in a run of tokens: the
	// same cell, line or sentence is looked up by several readers.
	found map[foundKey][]lexicon.Match
}

// bandMiss is a member table, on page, whose age bands add up to sum, not
// to total.
type bandMiss struct {
	sum, total float64
	page       int
}

type foundKey struct {
	first *lexicon.Token
	n     int
	kind  string
	ocr   bool
}

// cand is one value for a field found in one place, with how strongly the
// place speaks for it.
type cand struct {
	key   string
	value any
	// score is the strength of the evidence, 0..1: the label's weight, the
	// layout (a statement row, a labelled pair, a sentence), the column.
	score float64
	lines []*layout.Line
	// s, e is the byte span in lines[0] that the box covers; e == 0 means
	// the whole lines.
	s, e int
	// typ is the type of the document part it was read in.
	typ string
	// missing marks a decision the minutes do not show.
	missing bool
}

// read builds the reading of a document from its pages.
func read(file string, pages []casefile.Page) *reading {
	r := &reading{file: file, doc: layout.New(file, pages), lex: lexicon.Default()}
	r.parts = classify(r.doc, r.lex)
	r.types = partTypes(r.parts)
	r.fy = fiscalEndYear(r)
	r.grid = r.doc.Grid(r.fy)
	readHeader(r)
	readFinance(r)
	readMembers(r)
	readPeople(r)
	readDecisions(r)
	return r
}

// add records a candidate read from lines.
func (r *reading) add(key string, value any, score float64, lines []*layout.Line, s, e int) {
	if len(lines) == 0 || score <= 0 {
		return
	}
	r.cands = append(r.cands, cand{key: key, value: value, score: min(score, 1), lines: lines, s: s, e: e, typ: r.typeAt(lines[0])})
}

// typeAt returns the type of the part holding a line.
func (r *reading) typeAt(l *layout.Line) string {
	for _, p := range r.parts {
		if l.N >= p.from && l.N < p.to {
			return p.typ
		}
	}
	return casefile.TypeOther
}

// has reports whether the document holds type t.
func (r *reading) has(t string) bool { return contains(r.types, t) }

// evidence turns a candidate into the form a case keeps: file, page, quote,
// box and confidence.
func (c cand) evidence(file string, conf float64) casefile.Candidate {
	first := c.lines[0]
	var quote []string
	box := first.BBox
	if c.e > c.s {
		box = first.Box(c.s, c.e)
	}
	for i, l := range c.lines {
		if l.Page != first.Page {
			break
		}
		quote = append(quote, l.Quote())
		if i > 0 {
			box = box.Union(l.BBox)
		}
	}
	bb := casefile.BBox{X0: round2(box.X0), Y0: round2(box.Y0), X1: round2(box.X1), Y1: round2(box.Y1)}
	q := strings.Join(quote, "\n")
	if c.missing {
		q = missingQuote + q
	}
	return casefile.Candidate{Value: c.value, File: file, Page: first.Page, Quote: q, BBox: &bb, Confidence: round2(conf)}
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// fields returns the document's own reading of each field: the strongest
// candidate, and every value when there are several.
func (r *reading) fields() map[string]casefile.Field {
	byKey := map[string][]cand{}
	for _, c := range r.cands {
		byKey[c.key] = append(byKey[c.key], c)
	}
	out := map[string]casefile.Field{}
	for k, cs := range byKey {
		sort.SliceStable(cs, func(i, j int) bool { return cs[i].score > cs[j].score })
		f := casefile.Field{Candidate: cs[0].evidence(r.file, cs[0].score)}
		seen := map[string]bool{}
		for _, c := range cs {
			if v := valueKey(c.value); !seen[v] {
				seen[v] = true
				f.Candidates = append(f.Candidates, c.evidence(r.file, c.score))
			}
		}
		if len(f.Candidates) == 1 {
			f.Candidates = nil
		}
		out[k] = f
	}
	return out
}

// valueKey is a comparable form of a field value.
func valueKey(v any) string {
	switch x := v.(type) {
	case float64:
		return fmt.Sprintf("%.2f", x)
	case string:
		return normalizeName(x)
	default:
		return fmt.Sprint(x)
	}
}

// normalizeName folds case and punctuation so that spellings of one name
// compare equal.
func normalizeName(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// matches returns the lexicon's phrases of kind in a line, with slack for
// OCR.
func (r *reading) matches(toks []lexicon.Token, kind string, ocr bool) []lexicon.Match {
	if len(toks) == 0 {
		return nil
	}
	k := foundKey{&toks[0], len(toks), kind, ocr}
	if ms, ok := r.found[k]; ok {
		return ms
	}
	if r.found == nil {
		r.found = map[foundKey][]lexicon.Match{}
	}
	ms := r.lex.Find(toks, kind, ocr)
	r.found[k] = ms
	return ms
}

// lazyRegexp compiles a regular expression the first time it is used: a
// run that never meets text the pattern is for does not pay for it.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// atoi returns the integer s spells, or -1. It is called on every word of
// some texts, so a word that is not a number is turned away before
// strconv, whose error for it costs an allocation.
func atoi(s string) int {
	digits := strings.TrimLeft(s, "+-")
	if digits == "" || len(s)-len(digits) > 1 {
		return -1
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return -1
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}
