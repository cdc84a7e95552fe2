package layout

import (
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"arsflow/extract/lexicon"
)

// Text is a run of lines read as running text: their text joined with
// spaces (a word broken with a hyphen at a line's end is joined again),
// with a map back to the lines.
type Text struct {
	S     string
	Lines []*Line
	off   []int // where each line starts in S
	// Tokens are the folded words of S.
	Tokens []lexicon.Token

	sentences []Span
}

// Join reads lines as one text.
func Join(lines []*Line) *Text {
	t := &Text{Lines: lines}
	var b strings.Builder
	for i, l := range lines {
		s := strings.TrimSpace(l.Text)
		if i > 0 {
			prev := b.String()
			if !brokenWord(prev, s) {
				b.WriteByte(' ')
			} else {
				// Drop the hyphen: "försäkrings-" + "avgiften".
				b.Reset()
				b.WriteString(prev[:len(prev)-1])
			}
		}
		t.off = append(t.off, b.Len())
		b.WriteString(s)
	}
	t.S = b.String()
	t.Tokens = lexicon.Tokens(t.S)
	return t
}

// brokenWord reports whether prev ends with a word broken over the line
// ("revisors-") that next goes on with ("suppleanten"), not a shared
// compound part ("Resultat-" before "och balansräkning").
func brokenWord(prev, next string) bool {
	if !strings.HasSuffix(prev, "-") || len(prev) < 3 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(prev[:len(prev)-1])
	n, _ := utf8.DecodeRuneInString(next)
	if !unicode.IsLetter(r) || !unicode.IsLower(n) {
		return false
	}
	first := strings.ToLower(strings.Fields(next)[0])
	switch strings.Trim(first, ",.") {
	case "och", "eller", "samt", "resp", "respektive", "and", "or", "till":
		return false
	}
	return true
}

// LineAt returns the line holding byte offset off of S.
func (t *Text) LineAt(off int) *Line {
	i := len(t.off) - 1
	for i > 0 && t.off[i] > off {
		i--
	}
	return t.Lines[i]
}

// Within returns the lines that [s, e) of S touches.
func (t *Text) Within(s, e int) []*Line {
	var out []*Line
	for i, l := range t.Lines {
		end := len(t.S)
		if i+1 < len(t.off) {
			end = t.off[i+1]
		}
		if t.off[i] < e && end > s {
			out = append(out, l)
		}
	}
	if len(out) == 0 && len(t.Lines) > 0 {
		out = append(out, t.LineAt(s))
	}
	return out
}

// Span is a part of a Text: a sentence, or the whole of an agenda item.
type Span struct {
	T          *Text
	Start, End int
}

// String returns the span's text.
func (s Span) String() string { return s.T.S[s.Start:s.End] }

// Tokens returns the folded words inside the span, with offsets into S.
// They are a run of the text's tokens (which are in order and do not
// overlap), shared with it: the slice must not be changed, and appending
// to it copies.
func (s Span) Tokens() []lexicon.Token {
	toks := s.T.Tokens
	i := sort.Search(len(toks), func(k int) bool { return toks[k].Start >= s.Start })
	j := i
	for j < len(toks) && toks[j].End <= s.End {
		j++
	}
	if i == j {
		return nil
	}
	return toks[i:j:j]
}

// Lines returns the lines the span touches.
func (s Span) Lines() []*Line { return s.T.Within(s.Start, s.End) }

// Blocks returns the document's paragraphs: lines that follow each other
// closely on one page, split where an agenda item, a list item or a heading
// starts.
func (d *Doc) Blocks() []*Text {
	if d.blocks == nil {
		d.blocks = d.makeBlocks()
	}
	return d.blocks
}

func (d *Doc) makeBlocks() []*Text {
	out := []*Text{}
	var cur []*Line
	flush := func() {
		if len(cur) > 0 {
			out = append(out, Join(cur))
			cur = nil
		}
	}
	for i, l := range d.Lines {
		if i > 0 {
			p := d.Lines[i-1]
			var next *Line
			if i+1 < len(d.Lines) && d.Lines[i+1].Page == l.Page {
				next = d.Lines[i+1]
			}
			if p.Page != l.Page || l.Gap > 0.9 || StartsItem(l) || startsListItem(l) || tabular(l) || tabular(p) || endsParagraph(p, l, next) {
				flush()
			}
		}
		cur = append(cur, l)
	}
	flush()
	return out
}

// endsParagraph reports whether line l, followed by line next, ends a
// sentence or a heading: it is clearly shorter than the next line (the
// width of the column, whatever the page's) and ends with a full stop, a
// colon or no punctuation at all.
func endsParagraph(l, next, after *Line) bool {
	t := strings.TrimSpace(l.Text)
	if t == "" {
		return true
	}
	width := func(x *Line) float64 { return x.BBox.X1 - x.BBox.X0 }
	col := width(next)
	if after != nil {
		col = max(col, width(after))
	}
	short := width(l) < 0.6*col
	return short && (strings.HasSuffix(t, ".") || strings.HasSuffix(t, ":") || !strings.ContainsAny(t, ".,"))
}

// Sentences splits t into sentences: at '.', '!' or '?' followed by a
// capital letter or a paragraph sign, and at ';'.
func Sentences(t *Text) []Span {
	if t.sentences == nil {
		t.sentences = sentences(t)
	}
	return t.sentences
}

func sentences(t *Text) []Span {
	out := []Span{}
	start := 0
	s := t.S
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '.' && c != '!' && c != '?' && c != ';' {
			continue
		}
		j := i + 1
		for j < len(s) && s[j] == ' ' {
			j++
		}
		if j == len(s) {
			break
		}
		if c == '.' && (j == i+1 || !startsSentence(s[j:]) || abbreviation(s[:i]) || itemNumber().MatchString(s[start:i+1])) {
			continue
		}
		if (c == '!' || c == '?') && j == i+1 {
			continue
		}
		out = append(out, Span{T: t, Start: start, End: i + 1})
		start = j
	}
	if start < len(s) {
		out = append(out, Span{T: t, Start: start, End: len(s)})
	}
	return out
}

func startsSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || r == '§' || unicode.IsDigit(r) && itemStart().MatchString(s)
}

// abbreviation reports whether the text before a full stop ends with an
// abbreviation that does not end a sentence.
func abbreviation(before string) bool {
	f := strings.Fields(before)
	if len(f) == 0 {
		return false
	}
	w := strings.ToLower(f[len(f)-1])
	switch w {
	case "bl", "t", "ex", "t.ex", "d.v.s", "dvs", "m.m", "mm", "ca", "kl", "nr", "st", "resp", "jfr", "s", "o", "f", "ordf", "org", "org.nr", "tel", "inkl", "exkl", "p", "mr", "mrs", "dr", "ev", "etc", "vs", "no", "e.g", "i.e", "a", "b", "c":
		return true
	}
	return len([]rune(w)) == 1 && unicode.IsUpper([]rune(f[len(f)-1])[0])
}

// itemStart is the number of an agenda item or paragraph: "§ 7", "§7.",
// "7.", "7)", "7 a)", "Punkt 7", "14a.".
var itemStart = lazyRegexp(`^(?:§\s*\d{1,2}[a-z]?\b[.:)]?|(?i:punkt|p\.)\s*\d{1,2}\b[.:]?|\d{1,2}[a-z]?[.)](?:\s+|\p{Lu})|\d{1,2}[a-z]?:\s|[a-h]\)\s|#+\s*\d{1,2}[.,]\s*\S)`)

// StartsItem reports whether a line starts a numbered agenda item.
func StartsItem(l *Line) bool { return itemStart().MatchString(strings.TrimSpace(l.Text)) }

// tabular reports whether a line is set in cells, as a row of a table is;
// a bullet set apart from its text is no cell of its own.
func tabular(l *Line) bool {
	return len(l.Cells) > 2 || len(l.Cells) == 2 && !bullets[strings.TrimSpace(l.CellText(0))]
}

// bullets mark the items of a list.
var bullets = map[string]bool{"•": true, "-": true, "–": true, "*": true, "»": true, "▪": true, "◦": true, "o": true, "·": true}

func startsListItem(l *Line) bool {
	t := strings.TrimSpace(l.Text)
	return strings.HasPrefix(t, "•") || strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") || strings.HasPrefix(t, "– ") || strings.HasPrefix(t, "»") || strings.HasPrefix(t, "«")
}

// Item is a numbered agenda item: its first line (which names the item)
// and the lines that follow until the next item.
type Item struct {
	Lines []*Line
	T     *Text
	// TitleEnd is the end of the first line in T.S.
	TitleEnd int
}

// Title returns the first line of the item.
func (it Item) Title() Span { return Span{T: it.T, Start: 0, End: it.TitleEnd} }

// Body returns the item after its first line.
func (it Item) Body() Span {
	return Span{T: it.T, Start: min(it.TitleEnd+1, len(it.T.S)), End: len(it.T.S)}
}

// All returns the whole item.
func (it Item) All() Span { return Span{T: it.T, Start: 0, End: len(it.T.S)} }

// Items returns the document's numbered agenda items, in order. An item
// runs over pages; lines after the last item up to a large gap belong to
// it.
func (d *Doc) Items() []Item {
	if d.items == nil {
		d.items = d.makeItems()
	}
	return d.items
}

func (d *Doc) makeItems() []Item {
	out := []Item{}
	var cur []*Line
	flush := func() {
		if len(cur) > 0 {
			t := Join(cur)
			out = append(out, Item{Lines: cur, T: t, TitleEnd: len(strings.Join(strings.Fields(cur[0].Text), " "))})
			cur = nil
		}
	}
	for _, l := range d.Lines {
		switch {
		case StartsItem(l):
			flush()
			cur = append(cur, l)
		case len(cur) > 0:
			cur = append(cur, l)
		}
	}
	flush()
	return out
}

// lazyRegexp compiles a regular expression the first time it is used, so
// that a process that never needs it does not pay for it at start.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
