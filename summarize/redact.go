package summarize

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"arsflow/extract/casefile"
)

// KindName is the kind of a private person's name. The other kinds of
// personal data are extract's (casefile.PersonalIDNumber, PersonalPhone,
// PersonalEmail, PersonalAddress); names are found here because only
// redaction needs them.
const KindName = "name"

// placeholderPrefix names the placeholder of each kind.
var placeholderPrefix = map[string]string{
	casefile.PersonalIDNumber: "PNR",
	casefile.PersonalPhone:    "TEL",
	casefile.PersonalEmail:    "EPOST",
	casefile.PersonalAddress:  "ADRESS",
	casefile.PersonalBirth:    "FÖDD",
	KindName:                  "PERSON",
}

// personalData returns the personal data in text, in order, without
// overlaps: what casefile.FindPersonalData finds, and names of persons
// (redact_names.go), with text itself as the vocabulary.
func personalData(text string) []casefile.PersonalDatum {
	f := &nameFinder{common: map[string]bool{}}
	f.learnVocabulary(text)
	return f.personalData(text)
}

// personalData is personalData with f's vocabulary.
func (f *nameFinder) personalData(text string) []casefile.PersonalDatum {
	// Contacts (a longer e-mail wins over a part of it that extract found)
	// and extract's kinds first; names only where none of them is.
	found := append(casefile.FindPersonalData(text), findContacts(text)...)
	var names []casefile.PersonalDatum
	for _, n := range f.find(text) {
		overlaps := false
		for _, d := range found {
			overlaps = overlaps || n.Start < d.End && n.End > d.Start
		}
		if !overlaps {
			names = append(names, n)
		}
	}
	return nonOverlapping(append(found, names...))
}

// nonOverlapping sorts data by position and drops any that overlap an
// earlier or longer one.
func nonOverlapping(in []casefile.PersonalDatum) []casefile.PersonalDatum {
	sort.SliceStable(in, func(i, j int) bool {
		if in[i].Start != in[j].Start {
			return in[i].Start < in[j].Start
		}
		return in[i].End > in[j].End
	})
	var out []casefile.PersonalDatum
	end := -1
	for _, d := range in {
		if d.Start < end {
			continue
		}
		out = append(out, d)
		end = d.End
	}
	return out
}

// Redactor replaces personal data with stable placeholders ([PERSON_1],
// [PNR_1], ...) and restores them. The same text always gets the same
// placeholder within one Redactor, which serves one case. It keeps the names
// the summary needs (the board roles), and holds personal data only in
// memory: never log it.
type Redactor struct {
	keep    [][]string        // the words (lower case) of each name not redacted
	seen    map[string]bool   // texts already learnt
	pending []string          // texts learnt whose names are not found yet
	names   nameFinder        // with the vocabulary of every text learnt
	ph      map[string]string // original -> placeholder
	orig    map[string]string // placeholder -> original
	count   map[string]int
}

// NewRedactor returns a Redactor that leaves the names in keep as they are.
func NewRedactor(keep ...string) *Redactor {
	r := &Redactor{ph: map[string]string{}, orig: map[string]string{}, count: map[string]int{}, seen: map[string]bool{},
		names: nameFinder{common: map[string]bool{}}}
	for _, k := range keep {
		if w := nameWords(k); len(w) > 0 {
			r.keep = append(r.keep, w)
		}
	}
	return r
}

// nameWords returns the words of a name, lower case.
func nameWords(name string) []string {
	return strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !unicode.IsLetter(r) && r != '-' && r != '\'' })
}

// kept reports whether name is a name to keep, or part of one: every word
// of it is a word of the same kept name.
func (r *Redactor) kept(name string) bool {
	words := nameWords(name)
	for _, k := range r.keep {
		all := len(words) > 0
		for _, w := range words {
			all = all && slices.Contains(k, w)
		}
		if all {
			return true
		}
	}
	return false
}

// keptWord reports whether w is a word of a kept name.
func (r *Redactor) keptWord(w string) bool {
	l := strings.ToLower(w)
	for _, k := range r.keep {
		if slices.Contains(k, l) {
			return true
		}
	}
	return false
}

// Learn takes in a text of the case, without redacting: its words in lower
// case tell headings from names, and its names are found when Redact is
// first called. Call it on every text of a case before Redact, so that a
// surname met alone on an early page is known from a later page.
func (r *Redactor) Learn(text string) {
	if r.seen[text] {
		return
	}
	r.seen[text] = true
	r.names.learnVocabulary(text)
	r.pending = append(r.pending, text)
}

// resolve finds the personal data of every text learnt and assigns
// placeholders.
func (r *Redactor) resolve() {
	for _, text := range r.pending {
		for _, d := range r.names.personalData(text) {
			if d.Kind == KindName && r.kept(d.Text) {
				continue
			}
			p := r.register(d.Kind, d.Text)
			if d.Kind == KindName {
				r.registerParts(d.Text, p)
			}
		}
	}
	r.pending = nil
}

// registerParts lets the name in capitals or title case, and its surname
// (its last word) alone, stand for the same person, unless the surname is
// part of a kept name or never a name.
func (r *Redactor) registerParts(name, p string) {
	forms := []string{strings.ToUpper(name), titleCase(name)}
	words := strings.Fields(name)
	if last := strings.Trim(words[len(words)-1], ".,"); len(words) > 1 && utf8.RuneCountInString(last) >= 3 &&
		!r.keptWord(last) && !r.names.notName(last) {
		forms = append(forms, last, strings.ToUpper(last), titleCase(last))
	}
	for _, f := range forms {
		if _, ok := r.ph[f]; !ok && f != "" {
			r.ph[f] = p
		}
	}
}

// titleCase writes each word of s with a capital first letter and the rest
// in lower case.
func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		first, n := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(first)) + strings.ToLower(w[n:])
	}
	return strings.Join(words, " ")
}

func (r *Redactor) register(kind, text string) string {
	if p, ok := r.ph[text]; ok {
		return p
	}
	r.count[kind]++
	p := fmt.Sprintf("[%s_%d]", placeholderPrefix[kind], r.count[kind])
	r.ph[text] = p
	r.orig[p] = text
	return p
}

// Redact learns the personal data of text and returns text with every known
// piece of personal data replaced by its placeholder.
func (r *Redactor) Redact(text string) string {
	r.Learn(text)
	r.resolve()
	type span struct {
		start, end int
		ph         string
	}
	var spans []span
	for orig, p := range r.ph {
		for off := 0; ; {
			i := strings.Index(text[off:], orig)
			if i < 0 {
				break
			}
			s, e := off+i, off+i+len(orig)
			if boundary(text, s, e) {
				spans = append(spans, span{s, e, p})
			}
			off = s + 1
		}
	}
	sort.Slice(spans, func(i, j int) bool {
		if spans[i].start != spans[j].start {
			return spans[i].start < spans[j].start
		}
		return spans[i].end > spans[j].end
	})
	var b strings.Builder
	last := 0
	for _, s := range spans {
		if s.start < last {
			continue
		}
		b.WriteString(text[last:s.start])
		b.WriteString(s.ph)
		last = s.end
	}
	b.WriteString(text[last:])
	return b.String()
}

// boundary reports whether text[s:e] stands alone: no letter or digit
// touches it on either side.
func boundary(text string, s, e int) bool {
	if s > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:s])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	if e < len(text) {
		r, _ := utf8.DecodeRuneInString(text[e:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// Restore replaces the placeholders in text with the personal data they
// stand for. Unknown placeholders are left, and the grounding check flags them.
func (r *Redactor) Restore(text string) string {
	return rePlaceholder().ReplaceAllStringFunc(text, func(p string) string {
		if o, ok := r.orig[p]; ok {
			return o
		}
		return p
	})
}

// Len returns how many distinct pieces of personal data have a placeholder.
func (r *Redactor) Len() int { return len(r.orig) }
