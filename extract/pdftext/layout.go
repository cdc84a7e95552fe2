package pdftext

import (
	"math"
	"slices"
	"strings"
	"unicode"
)

// Layout thresholds, as fractions of the font size.
const (
	lineTolerance = 0.4  // baselines closer than this are one line
	wordGap       = 0.12 // a gap wider than this starts a new word (poppler uses 0.1)
	segmentGap    = 1.5  // a gap wider than this separates table cells or columns
	ascent        = 0.8  // approximate ascender height, for bounding boxes
	descent       = 0.22 // approximate descender depth
)

// segment is a run of words on one line without a wide gap inside.
type segment struct {
	words  []Word
	x0, x1 float64
	y      float64
	size   float64
}

// textLine is a line of segments, top to bottom order on the page.
type textLine struct {
	segs []segment
	y    float64
}

// buildLines turns glyphs into lines of words in reading order.
func buildLines(glyphs []glyph) []Line {
	// Nearly every glyph is upright: room for all of them up front spares
	// growing a copy of the page glyph by glyph.
	upright := make([]glyph, 0, len(glyphs))
	var rotated []glyph
	for _, g := range glyphs {
		if g.s == "" || g.size <= 0 || math.IsNaN(g.x) || math.IsNaN(g.y) || math.IsInf(g.x, 0) || math.IsInf(g.y, 0) {
			continue
		}
		if g.rotated {
			rotated = append(rotated, g)
		} else {
			upright = append(upright, g)
		}
	}
	lines := groupLines(upright)
	out := orderColumns(lines)
	if l, ok := rotatedLine(rotated); ok {
		out = append(out, l)
	}
	return out
}

// groupLines clusters glyphs into lines by baseline and splits each line
// into words and segments.
func groupLines(gs []glyph) []textLine {
	slices.SortStableFunc(gs, func(a, b glyph) int {
		if a.y != b.y {
			if a.y > b.y {
				return -1
			}
			return 1
		}
		if a.x < b.x {
			return -1
		}
		if a.x > b.x {
			return 1
		}
		return 0
	})
	var lines []textLine
	for i := 0; i < len(gs); {
		j := i + 1
		y0, size := gs[i].y, gs[i].size
		for j < len(gs) && y0-gs[j].y <= lineTolerance*max(size, gs[j].size) {
			size = max(size, gs[j].size)
			j++
		}
		line := gs[i:j]
		slices.SortStableFunc(line, func(a, b glyph) int {
			if a.x < b.x {
				return -1
			}
			if a.x > b.x {
				return 1
			}
			return 0
		})
		if segs := splitLine(line); len(segs) > 0 {
			lines = append(lines, textLine{segs: segs, y: y0})
		}
		i = j
	}
	return lines
}

// splitLine builds words from glyphs sorted by x and groups them into
// segments.
func splitLine(gs []glyph) []segment {
	var segs []segment
	// The words' texts are written one after another into text, and each
	// word's Text is cut from one string of it at the end: one allocation
	// for the line, not a growing buffer for every word.
	var text []byte
	var spans [][2]int // each flushed word's text in text, in order
	start := 0
	var cur segment
	var wb BBox
	inWord := false
	var lastEnd, lastSize float64
	var last *glyph

	flushWord := func() {
		if !inWord {
			return
		}
		cur.words = append(cur.words, Word{BBox: wb})
		spans = append(spans, [2]int{start, len(text)})
		start = len(text)
		inWord = false
	}
	flushSeg := func() {
		flushWord()
		if len(cur.words) > 0 {
			cur.x0 = cur.words[0].BBox.X0
			cur.x1 = cur.words[len(cur.words)-1].BBox.X1
			segs = append(segs, cur)
		}
		cur = segment{}
	}

	for i := range gs {
		g := &gs[i]
		// Producers that fake bold print each glyph twice, slightly moved.
		if last != nil && g.s == last.s && math.Abs(g.x-last.x) < 0.15*g.size && math.Abs(g.y-last.y) < 0.15*g.size {
			continue
		}
		if last != nil {
			gap := g.x - lastEnd
			size := max(g.size, lastSize)
			switch {
			case gap > segmentGap*size:
				flushSeg()
			case gap > wordGap*size || gap < -size:
				flushWord()
			}
		}
		last = g
		lastEnd, lastSize = g.x+g.w, g.size
		if g.isSpace() {
			flushWord()
			continue
		}
		b := BBox{X0: g.x, Y0: g.y - descent*g.size, X1: g.x + max(g.w, 0), Y1: g.y + ascent*g.size}
		if !inWord {
			wb = b
			inWord = true
		} else {
			wb = union(wb, b)
		}
		text = append(text, cleanGlyph(g.s)...)
		cur.y = g.y
		cur.size = max(cur.size, g.size)
	}
	flushSeg()
	all, k := string(text), 0
	for i := range segs {
		for j := range segs[i].words {
			segs[i].words[j].Text = all[spans[k][0]:spans[k][1]]
			k++
		}
	}
	return segs
}

// cleanGlyph normalises a glyph's text: ligatures are expanded and
// non-breaking or odd spaces become plain ones.
func cleanGlyph(s string) string {
	switch s {
	case "\uFB00":
		return "ff"
	case "\uFB01":
		return "fi"
	case "\uFB02":
		return "fl"
	case "\uFB03":
		return "ffi"
	case "\uFB04":
		return "ffl"
	case "\u00AD": // soft hyphen
		return "-"
	}
	return s
}

func union(a, b BBox) BBox {
	return BBox{X0: min(a.X0, b.X0), Y0: min(a.Y0, b.Y0), X1: max(a.X1, b.X1), Y1: max(a.Y1, b.Y1)}
}

// orderColumns finds a two-column layout and reads the left column before
// the right one inside each stretch of lines that does not span the
// gutter. Tables, whose right-hand cells are short or numeric, are left as
// they are.
func orderColumns(lines []textLine) []Line {
	gutter, ok := findGutter(lines)
	if !ok {
		out := make([]Line, 0, len(lines))
		for _, l := range lines {
			out = append(out, makeLine(l.segs))
		}
		return out
	}
	var out []Line
	var left, right [][]segment
	flush := func() {
		for _, s := range left {
			out = append(out, makeLine(s))
		}
		for _, s := range right {
			out = append(out, makeLine(s))
		}
		left, right = nil, nil
	}
	for _, l := range lines {
		ls, rs, spans := splitAt(l.segs, gutter)
		if spans {
			flush()
			out = append(out, makeLine(l.segs))
			continue
		}
		if len(ls) > 0 {
			left = append(left, ls)
		}
		if len(rs) > 0 {
			right = append(right, rs)
		}
	}
	flush()
	return out
}

// splitAt divides a line's segments at x; spans reports a word crossing x.
func splitAt(segs []segment, x float64) (left, right []segment, spans bool) {
	for _, s := range segs {
		var l, r segment
		for _, w := range s.words {
			switch {
			case w.BBox.X1 <= x:
				l.words = append(l.words, w)
			case w.BBox.X0 >= x:
				r.words = append(r.words, w)
			default:
				return nil, nil, true
			}
		}
		// A normal word space at x is not a gutter.
		if len(l.words) > 0 && len(r.words) > 0 && r.words[0].BBox.X0-l.words[len(l.words)-1].BBox.X1 < 0.8*s.size {
			return nil, nil, true
		}
		for _, part := range []*segment{&l, &r} {
			if len(part.words) == 0 {
				continue
			}
			part.y, part.size = s.y, s.size
			part.x0, part.x1 = part.words[0].BBox.X0, part.words[len(part.words)-1].BBox.X1
		}
		if len(l.words) > 0 {
			left = append(left, l)
		}
		if len(r.words) > 0 {
			right = append(right, r)
		}
	}
	return left, right, false
}

// findGutter looks for a vertical strip in the middle of the text that
// almost no word crosses, with prose on both sides.
func findGutter(lines []textLine) (float64, bool) {
	if len(lines) < 6 {
		return 0, false
	}
	minX, maxX := math.Inf(1), math.Inf(-1)
	var sizes []float64
	for _, l := range lines {
		for _, s := range l.segs {
			minX, maxX = min(minX, s.x0), max(maxX, s.x1)
			sizes = append(sizes, s.size)
		}
	}
	width := maxX - minX
	if width < 100 || width > 5000 {
		return 0, false
	}
	bins := int(width) + 1
	cover := make([]int, bins)
	for _, l := range lines {
		// A line covers the span of each of its words and the normal
		// spaces between them; only wider gaps stay open.
		for _, s := range l.segs {
			for i, w := range s.words {
				x0, x1 := w.BBox.X0, w.BBox.X1
				if i+1 < len(s.words) && s.words[i+1].BBox.X0-x1 < 0.6*s.size {
					x1 = s.words[i+1].BBox.X0
				}
				for b := max(0, int(x0-minX)); b < int(x1-minX) && b < bins; b++ {
					cover[b]++
				}
			}
		}
	}
	// The widest run of bins crossed by at most 10% of the lines, within
	// the middle 60% of the text.
	limit := len(lines) / 10
	lo, hi := int(0.2*width), int(0.8*width)
	bestStart, bestLen := -1, 0
	for b := lo; b < hi; {
		if cover[b] > limit {
			b++
			continue
		}
		e := b
		for e < hi && cover[e] <= limit {
			e++
		}
		if e-b > bestLen {
			bestStart, bestLen = b, e-b
		}
		b = e
	}
	if bestLen < int(max(4, 0.4*median(sizes))) {
		return 0, false
	}
	gutter := minX + float64(bestStart) + float64(bestLen)/2
	// Both sides must hold prose: many lines, filling most of their side,
	// mostly letters.
	var lw, rw []float64
	var lLetters, lAll, rLetters, rAll int
	for _, l := range lines {
		ls, rs, spans := splitAt(l.segs, gutter)
		if spans {
			continue
		}
		if len(ls) > 0 {
			lw = append(lw, ls[len(ls)-1].x1-ls[0].x0)
		}
		if len(rs) > 0 {
			rw = append(rw, rs[len(rs)-1].x1-rs[0].x0)
		}
		for _, s := range ls {
			a, b := letterCount(s)
			lLetters, lAll = lLetters+a, lAll+b
		}
		for _, s := range rs {
			a, b := letterCount(s)
			rLetters, rAll = rLetters+a, rAll+b
		}
	}
	if len(lw) < 4 || len(rw) < 4 || lAll == 0 || rAll == 0 {
		return 0, false
	}
	if float64(lLetters) < 0.6*float64(lAll) || float64(rLetters) < 0.6*float64(rAll) {
		return 0, false
	}
	if median(lw) < 0.5*(gutter-minX) || median(rw) < 0.5*(maxX-gutter) {
		return 0, false
	}
	return gutter, true
}

func letterCount(s segment) (letters, all int) {
	for _, w := range s.words {
		for _, r := range w.Text {
			all++
			if unicode.IsLetter(r) {
				letters++
			}
		}
	}
	return letters, all
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// makeLine joins segments into a Line. Words are separated by one space,
// segments (table cells) by at least two, like pdftotext -layout.
func makeLine(segs []segment) Line {
	var l Line
	var b strings.Builder
	words, size := 0, 0
	for _, s := range segs {
		words += len(s.words)
		size += 8 // the most spaces before a segment
		for _, w := range s.words {
			size += len(w.Text) + 1
		}
	}
	b.Grow(size)
	for i, s := range segs {
		if i > 0 {
			gap := s.x0 - segs[i-1].x1
			n := max(2, min(8, int(gap/(0.5*max(s.size, 1)))))
			b.WriteString(strings.Repeat(" ", n))
		}
		for j, w := range s.words {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w.Text)
			if len(l.Words) == 0 {
				l.BBox = w.BBox
			} else {
				l.BBox = union(l.BBox, w.BBox)
			}
			if l.Words == nil {
				l.Words = make([]Word, 0, words)
			}
			l.Words = append(l.Words, w)
		}
	}
	l.Text = b.String()
	return l
}

// rotatedLine gathers rotated text (margin notes, stamps) in drawing order.
func rotatedLine(gs []glyph) (Line, bool) {
	if len(gs) == 0 {
		return Line{}, false
	}
	var b strings.Builder
	var l Line
	for i, g := range gs {
		b.WriteString(cleanGlyph(g.s))
		gb := BBox{X0: g.x, Y0: g.y, X1: g.x + g.size, Y1: g.y + g.size}
		if i == 0 {
			l.BBox = gb
		} else {
			l.BBox = union(l.BBox, gb)
		}
	}
	l.Text = strings.Join(strings.Fields(b.String()), " ")
	if l.Text == "" {
		return Line{}, false
	}
	for _, f := range strings.Fields(l.Text) {
		l.Words = append(l.Words, Word{Text: f, BBox: l.BBox})
	}
	return l, true
}
