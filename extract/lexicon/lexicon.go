// Package lexicon is the table of words and phrases that extraction reads
// documents by: labels of statement rows and fields, document titles, role
// titles, decision topics and outcomes, column headings and units, in
// Swedish and English with their variants and common misspellings. The
// table is data (lexicon.tsv, embedded); this package loads it and finds its
// phrases in text after folding case and diacritics, with one letter of
// slack per long word on OCR'd pages.
//
// Adding a wording is one line in lexicon.tsv.
package lexicon

import (
	"cmp"
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed lexicon.tsv
var table string

// Entry is one phrase of the lexicon.
type Entry struct {
	Kind   string   // what the phrase names: "field", "type", "role", ...
	Key    string   // which one: a field key, a document type, a role, ...
	Weight float64  // how sure the phrase makes a reading, 0..1
	Flags  []string // further meaning, e.g. "neg" for a loss
	Text   string   // the phrase as written in the table
	words  []string // folded words; a trailing '*' matches any ending
}

// Has reports whether the entry carries flag f.
func (e *Entry) Has(f string) bool {
	for _, x := range e.Flags {
		if x == f {
			return true
		}
	}
	return false
}

// Len is the number of words of the phrase.
func (e *Entry) Len() int { return len(e.words) }

// Lexicon is a loaded table, indexed for matching.
type Lexicon struct {
	entries []*Entry
	// byHead indexes entries by kind and the first three letters of their
	// first word; entries whose first word is matched by its ending are
	// under "" and in every list of their kind.
	byHead map[string]map[string][]*Entry
}

// Parse reads a table: one entry per line, tab-separated: kind, key,
// weight, phrase and optional comma-separated flags. A phrase may list
// variants separated by '|'. Lines starting with '#' are comments.
func Parse(src string) (*Lexicon, error) {
	// Entries and their words are carved from two slices sized up front (a
	// phrase per line and per '|', so entries never moves): a process that
	// reads one file parses the table once, at a cost that counts against
	// it.
	phrases := strings.Count(src, "|") + strings.Count(src, "\n") + 1
	entries := make([]Entry, 0, phrases)
	words := make([]string, 0, 2*phrases)
	l := &Lexicon{entries: make([]*Entry, 0, phrases), byHead: map[string]map[string][]*Entry{}}
	for n, line := range strings.Split(src, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 4 || len(f) > 5 {
			return nil, fmt.Errorf("lexicon: line %d: want 4 or 5 tab-separated columns, have %d", n+1, len(f))
		}
		w, err := strconv.ParseFloat(f[2], 64)
		if err != nil || w < 0 || w > 1 {
			return nil, fmt.Errorf("lexicon: line %d: weight %q is not a number from 0 to 1", n+1, f[2])
		}
		var flags []string
		if len(f) == 5 && f[4] != "" {
			flags = strings.Split(f[4], ",")
		}
		for phrase := range strings.SplitSeq(f[3], "|") {
			phrase = strings.TrimSpace(phrase)
			from := len(words)
			words = appendPhraseWords(words, phrase)
			ws := words[from:len(words):len(words)]
			if len(ws) == 0 || ws[0] == "_" {
				return nil, fmt.Errorf("lexicon: line %d: a phrase is empty or starts with _", n+1)
			}
			entries = append(entries, Entry{Kind: f[0], Key: f[1], Weight: w, Flags: flags, Text: phrase, words: ws})
			l.entries = append(l.entries, &entries[len(entries)-1])
		}
	}
	for _, e := range l.entries {
		if l.byHead[e.Kind] == nil {
			l.byHead[e.Kind] = map[string][]*Entry{}
		}
		h := head(strings.TrimSuffix(e.words[0], "*"))
		if strings.HasPrefix(e.words[0], "*") {
			h = "" // a word matched by its ending: tried everywhere
		}
		l.byHead[e.Kind][h] = append(l.byHead[e.Kind][h], e)
	}
	for _, heads := range l.byHead {
		for h, es := range heads {
			if h != "" {
				heads[h] = append(es, heads[""]...)
			}
		}
	}
	return l, nil
}

// appendPhraseWords appends the folded words of a phrase of the table to
// ws, keeping a trailing '*'.
func appendPhraseWords(ws []string, phrase string) []string {
	folded := Fold(phrase)
	start := -1
	for i, r := range folded {
		if wordRune(r) || r == '*' || r == '_' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			ws = append(ws, folded[start:i])
			start = -1
		}
	}
	if start >= 0 {
		ws = append(ws, folded[start:])
	}
	return ws
}

func head(w string) string {
	n := 0
	for i := range w {
		if n == 3 {
			return w[:i]
		}
		n++
	}
	return w
}

var (
	defaultOnce sync.Once
	defaultLex  *Lexicon
)

// Default returns the embedded table.
func Default() *Lexicon {
	defaultOnce.Do(func() {
		l, err := Parse(table)
		if err != nil {
			panic(err) // the embedded table is tested
		}
		defaultLex = l
	})
	return defaultLex
}

// Entries returns the entries of kind, in table order.
func (l *Lexicon) Entries(kind string) []*Entry {
	var out []*Entry
	for _, e := range l.entries {
		if e.Kind == kind {
			out = append(out, e)
		}
	}
	return out
}

// Match is a phrase found in a run of tokens: tokens [From, To).
type Match struct {
	*Entry
	From, To int
	Fuzzy    bool // some word matched with one letter of slack
}

// Find returns the phrases of kind in toks, left to right, the longest at
// each position, without overlaps. Where one phrase has several keys
// ("fastställdes" both adopts accounts and decides a fee), each is
// returned, strongest first. With fuzzy, long words may differ by one
// letter (OCR).
func (l *Lexicon) Find(toks []Token, kind string, fuzzy bool) []Match {
	var out []Match
	for i := 0; i < len(toks); {
		var best []Match
		n := 0
		for _, e := range l.candidates(kind, toks[i].Norm, fuzzy) {
			if len(e.words) > len(toks)-i || len(e.words) < n {
				continue
			}
			ok, fz := e.matchAt(toks, i, fuzzy)
			if !ok {
				continue
			}
			if len(e.words) > n {
				best, n = nil, len(e.words)
			}
			dup := false
			for k, b := range best {
				if b.Key == e.Key {
					dup = true
					if e.Weight > b.Weight {
						best[k].Entry = e
					}
				}
			}
			if !dup {
				best = append(best, Match{Entry: e, From: i, To: i + n, Fuzzy: fz})
			}
		}
		if len(best) == 0 {
			i++
			continue
		}
		if len(best) > 1 {
			slices.SortStableFunc(best, func(a, b Match) int { return cmp.Compare(b.Weight, a.Weight) })
		}
		out = append(out, best...)
		i += n
	}
	return out
}

// candidates returns the entries that may start at a word.
func (l *Lexicon) candidates(kind, w string, fuzzy bool) []*Entry {
	heads := l.byHead[kind]
	hw := head(w)
	out, ok := heads[hw]
	if !ok {
		out = heads[""]
	}
	if fuzzy && len(w) >= 6 {
		// One letter of slack may sit in the first three.
		for h, es := range heads {
			if h != hw && h != "" && utf8.RuneCountInString(h) == 3 && within1(h, hw) {
				out = append(out[:len(out):len(out)], es...)
			}
		}
	}
	return out
}

// matchAt reports whether e's words match toks from i, and whether slack
// was needed.
func (e *Entry) matchAt(toks []Token, i int, fuzzy bool) (ok, fz bool) {
	for k, w := range e.words {
		t := toks[i+k].Norm
		if w == "_" {
			continue
		}
		if suffix, ok := strings.CutPrefix(w, "*"); ok {
			if strings.HasSuffix(t, suffix) {
				continue
			}
			return false, false
		}
		if p, star := strings.CutSuffix(w, "*"); star {
			if strings.HasPrefix(t, p) {
				continue
			}
			if fuzzy && len([]rune(p)) >= 6 && len([]rune(t)) >= len([]rune(p))-1 {
				r := []rune(t)
				n := min(len(r), len([]rune(p))+1)
				if within1(string(r[:min(len(r), len([]rune(p)))]), p) || within1(string(r[:n]), p) || within1(string(r[:min(len(r), len([]rune(p))-1)]), p) {
					fz = true
					continue
				}
			}
			return false, false
		}
		if t == w {
			continue
		}
		if fuzzy && Near(t, w) {
			fz = true
			continue
		}
		return false, false
	}
	return true, fz
}
