package summarize

import (
	"bufio"
	"bytes"
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"arsflow/extract/casefile"
)

// Names of persons are found without a list of names: a run of two or more
// capitalised words (or words in capitals) on one line is a name unless it
// is an organisation's name, a heading or other words the case's own text
// also writes in lower case; a single capitalised word is a name beside a
// role ("Ordförande: Anna", "Björn (kassör)"); a run of words in a script
// without letter case (Arabic, Chinese, Ethiopic, Hebrew, Thai, ...) is
// taken for a name whole. Runs stop at table column gaps (a tab or two
// spaces), commas and line ends, so names in tables, lists and signature
// blocks are found one by one. The rule errs towards redacting: a two-word
// place or heading may be replaced too, which costs the model a word, while
// a missed name would leave the municipality.

//go:embed data/not-names.txt
var notNamesFile []byte

// notNames and notNameEndings are the words of data/not-names.txt.
var notNames, notNameEndings = func() (map[string]bool, []string) {
	words := map[string]bool{}
	var endings []string
	sc := bufio.NewScanner(bytes.NewReader(notNamesFile))
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		switch {
		case l == "" || strings.HasPrefix(l, "#"):
		case strings.HasPrefix(l, "-"):
			endings = append(endings, l[1:])
		default:
			words[l] = true
		}
	}
	return words, endings
}()

// particles join the parts of a name in lower case (Hilma af Klint, Ludwig
// van Beethoven, Ahmed bin Said).
var particles = map[string]bool{
	"af": true, "av": true, "von": true, "van": true, "der": true, "den": true, "de": true, "la": true, "le": true,
	"du": true, "da": true, "di": true, "dos": true, "das": true, "del": true, "della": true, "bin": true, "ibn": true,
	"bint": true, "ben": true, "al": true, "el": true, "ter": true, "ten": true, "zu": true, "y": true, "abu": true,
}

// orgMarkers are words (lower case) that make a run an organisation's name.
var orgMarkers = map[string]bool{
	"ik": true, "if": true, "ff": true, "bk": true, "sk": true, "ab": true, "hb": true, "kb": true, "gif": true,
	"ibk": true, "btk": true, "fk": true, "ok": true, "sällskap": true, "sällskapet": true, "kår": true, "kåren": true,
	"kör": true, "kören": true, "lag": true, "laget": true, "förbund": true, "förbundet": true, "club": true,
	"society": true, "association": true, "inc": true, "ltd": true, "ry": true, "rf": true, "sisu": true, "lok": true,
}

// orgEndings end organisations' names (Idrottsföreningen, Bollklubben).
// (No -stad or -gården: surnames end so too.)
var orgEndings = []string{"förening", "föreningen", "klubb", "klubben", "förbund", "förbundet", "sällskap",
	"sällskapet", "kåren", "kören", "laget"}

// roleWords introduce or follow the names of persons in the documents.
var roleWords = []string{
	"ordförande", "vice ordförande", "kassör", "sekreterare", "justerare", "justeringsperson",
	"ledamot", "ledamöter", "suppleant", "suppleanter", "revisor", "revisorer", "revisorssuppleant",
	"valberedning", "mötesordförande", "mötessekreterare", "närvarande", "kontaktperson",
	"firmatecknare", "ansvarig", "tränare", "ledare", "medlem", "verksamhetschef",
	"chair", "chairperson", "treasurer", "secretary", "auditor", "board member",
}

// word is one word of a line: its bytes and its kind.
type word struct {
	start, end int
	text       string
	kind       wordKind
}

type wordKind int

const (
	wordOther    wordKind = iota
	wordCapital           // Anna, ÅBERG, McDonald, O'Brien, Петрович
	wordInitial           // K.
	wordUncased           // محمد, 王, ተስፋዬ
	wordParticle          // af, van, bin
)

// lineWords splits a line into words; gap reports, for each word, whether
// a column gap (a tab or two blanks), a comma or other punctuation stands
// before it, which ends a run.
func lineWords(line string) (words []word, gap []bool) {
	sep := true
	for i := 0; i < len(line); {
		r, n := utf8.DecodeRuneInString(line[i:])
		if !unicode.IsLetter(r) {
			switch {
			case r == ' ' && i+1 < len(line) && line[i+1] == ' ', r == '\t', r != ' ':
				sep = true
			}
			i += n
			continue
		}
		j := i
		for j < len(line) {
			r, n := utf8.DecodeRuneInString(line[j:])
			if unicode.IsLetter(r) || unicode.Is(unicode.M, r) {
				j += n
				continue
			}
			// Inner hyphens and apostrophes belong to the word (Anna-Karin, O'Brien).
			if (r == '-' || r == '\'' || r == '’') && j+n < len(line) {
				if r2, _ := utf8.DecodeRuneInString(line[j+n:]); unicode.IsLetter(r2) {
					j += n
					continue
				}
			}
			break
		}
		w := word{start: i, end: j, text: line[i:j]}
		w.kind = classify(w.text)
		if w.kind == wordCapital && utf8.RuneCountInString(w.text) == 1 && j < len(line) && line[j] == '.' {
			w.kind, w.end = wordInitial, j+1
			w.text = line[i : j+1]
			j++
		}
		words = append(words, w)
		gap = append(gap, sep)
		sep = false
		i = j
	}
	return words, gap
}

// classify says what kind of word w is.
func classify(w string) wordKind {
	first, _ := utf8.DecodeRuneInString(w)
	upper, lower, uncased := 0, 0, 0
	for _, r := range w {
		switch {
		case unicode.IsUpper(r) || unicode.IsTitle(r):
			upper++
		case unicode.IsLower(r):
			lower++
		case unicode.IsLetter(r):
			uncased++
		}
	}
	switch {
	case uncased > 0 && upper == 0 && lower == 0:
		return wordUncased
	case particles[w]:
		return wordParticle
	case (unicode.IsUpper(first) || unicode.IsTitle(first)) && (lower > 0 || upper >= 2 || utf8.RuneCountInString(w) == 1):
		return wordCapital
	}
	return wordOther
}

// nameFinder finds names in the texts of one case. common holds the words
// (four letters or more) the case writes in lower case somewhere: a run
// made only of such words is a heading, not a name.
type nameFinder struct {
	common map[string]bool
}

// learnVocabulary adds the lower-case words of text to f.common, leaving
// out e-mail addresses and links, whose lower-case words may be names.
func (f *nameFinder) learnVocabulary(text string) {
	for _, tok := range strings.Fields(text) {
		if strings.ContainsAny(tok, "@/") || strings.Contains(tok, "(at)") || strings.Contains(tok, "www.") {
			continue
		}
		for _, w := range strings.FieldsFunc(tok, func(r rune) bool { return !unicode.IsLetter(r) }) {
			if utf8.RuneCountInString(w) >= 4 && strings.ToLower(w) == w && w != strings.ToUpper(w) {
				f.common[w] = true
			}
		}
	}
}

// allCommon reports whether every word of words[a..b] that is not a
// particle is one the case also writes in lower case: a heading in title
// case, not a name.
func (f *nameFinder) allCommon(words []word, a, b int) bool {
	for k := a; k <= b; k++ {
		if words[k].kind != wordParticle && !f.common[strings.ToLower(words[k].text)] {
			return false
		}
	}
	return true
}

// notName reports whether the capitalised word w is never part of a name.
func (f *nameFinder) notName(w string) bool {
	l := strings.ToLower(w)
	if notNames[l] || orgMarkers[l] {
		return true
	}
	for _, e := range notNameEndings {
		if strings.HasSuffix(l, e) {
			return true
		}
	}
	return false
}

func isOrgWord(w string) bool {
	l := strings.ToLower(w)
	if orgMarkers[l] {
		return true
	}
	for _, e := range orgEndings {
		if strings.HasSuffix(l, e) {
			return true
		}
	}
	return false
}

// find returns the names in text.
func (f *nameFinder) find(text string) []casefile.PersonalDatum {
	var out []casefile.PersonalDatum
	lineStart := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		words, gap := lineWords(line)
		add := func(a, b int) { // words[a..b] inclusive
			out = append(out, casefile.PersonalDatum{Kind: KindName, Text: line[words[a].start:words[b].end],
				Start: lineStart + words[a].start, End: lineStart + words[b].end})
		}
		for i := 0; i < len(words); {
			if words[i].kind == wordOther {
				i++
				continue
			}
			j := i
			for j+1 < len(words) && !gap[j+1] && words[j+1].kind != wordOther && (words[j+1].kind == wordUncased) == (words[i].kind == wordUncased) {
				j++
			}
			f.runNames(line, words, i, j, add)
			i = j + 1
		}
		lineStart += len(line)
	}
	return out
}

// streetEndings end Swedish street names; such a word is an address even
// without a number (a private person's street is enough to find them).
var streetEndings = []string{"gatan", "vägen", "gränd", "gränden", "stigen", "backen", "torget", "allén", "leden",
	"stråket", "slingan", "gången", "platsen", "esplanaden", "promenaden", "vägen", "bron", "kajen", "liden"}

// reStreet finds a street name, with the number and letter that may follow.
var reStreet = lazyRegexp(`\p{Lu}[\p{L}-]*(?:` + strings.Join(streetEndings, "|") + `)(?:\s+\d+(?:\s?[A-Za-z])?\b)?`)

// reEmail finds e-mail addresses with letters of any script (åsa.öberg@…),
// which extract's ASCII pattern leaves.
var reEmail = lazyRegexp(`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}`)

// findContacts returns the street names and e-mail addresses in text that
// the redaction adds to casefile.FindPersonalData's.
func findContacts(text string) []casefile.PersonalDatum {
	var out []casefile.PersonalDatum
	for _, m := range reEmail().FindAllStringIndex(text, -1) {
		out = append(out, casefile.PersonalDatum{Kind: casefile.PersonalEmail, Text: text[m[0]:m[1]], Start: m[0], End: m[1]})
	}
	for _, m := range reStreet().FindAllStringIndex(text, -1) {
		if m[1] < len(text) {
			if r, _ := utf8.DecodeRuneInString(text[m[1]:]); unicode.IsLetter(r) {
				continue // inside a longer word
			}
		}
		out = append(out, casefile.PersonalDatum{Kind: casefile.PersonalAddress, Text: text[m[0]:m[1]], Start: m[0], End: m[1]})
	}
	return out
}

// runNames finds the names in the run words[i..j] of line.
func (f *nameFinder) runNames(line string, words []word, i, j int, add func(a, b int)) {
	if words[i].kind == wordOther {
		return
	}
	if words[i].kind == wordUncased {
		add(i, j)
		return
	}
	for k := i; k <= j; k++ {
		if isOrgWord(words[k].text) {
			return // an organisation's name
		}
	}
	// Split the run at words that are never names; each piece with two
	// name words or more is a name, a single word one beside a role.
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		a, b := start, end
		for a <= b && words[a].kind == wordParticle {
			a++
		}
		for b >= a && words[b].kind == wordParticle {
			b--
		}
		n := 0
		for k := a; k <= b; k++ {
			if words[k].kind != wordParticle {
				n++
			}
		}
		switch {
		case n >= 2 && !f.allCommon(words, a, b):
			add(a, b)
		case n == 1 && words[a].kind == wordCapital && !f.allCommon(words, a, a) && besideRole(line, words[a].start, words[a].end):
			add(a, a)
		}
		start = -1
	}
	for k := i; k <= j; k++ {
		w := words[k]
		if w.kind == wordCapital && f.notName(w.text) {
			flush(k - 1)
			continue
		}
		if start < 0 && w.kind == wordParticle {
			continue
		}
		if start < 0 {
			start = k
		}
	}
	flush(j)
}

// besideRole reports whether line[s:e] follows a role word ("Kassör:
// Anna", "ordförande Anna") or is followed by one ("Anna (kassör)",
// "Anna, ordförande").
func besideRole(line string, s, e int) bool {
	before := strings.ToLower(strings.TrimRight(line[:s], " \t:–-"))
	after := strings.ToLower(strings.TrimLeft(line[e:], " \t,(–-"))
	for _, r := range roleWords {
		if strings.HasSuffix(before, r) || strings.HasPrefix(after, r) {
			return true
		}
	}
	return false
}
