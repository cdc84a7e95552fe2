package summarize

import (
	"fmt"
	"strings"

	"arsflow/extract/casefile"
)

// Text that addresses an AI is found by casefile.InjectionSpans, which also
// raises the case's prompt_injection check: that check is what tells the
// handläggare. Here the lines it marks are kept from the language model.

// InjectionRemoved replaces a line addressing an AI in what a model sees.
const InjectionRemoved = "[rad borttagen av arsflow: text riktad till AI]"

// neutralize replaces the lines of text that address an AI.
func neutralize(text string) string {
	out, _ := withhold(text)
	return out
}

// withhold replaces the lines of text that address an AI with
// InjectionRemoved and returns the text and how many lines it replaced.
func withhold(text string) (string, int) {
	spans := casefile.InjectionSpans(text)
	if len(spans) == 0 {
		return text, 0
	}
	lines := strings.Split(text, "\n")
	n, start := 0, 0
	for i, l := range lines {
		end := start + len(l)
		for _, sp := range spans {
			if sp[0] < end && sp[1] > start {
				lines[i] = InjectionRemoved
				n++
				break
			}
		}
		start = end + 1
	}
	return strings.Join(lines, "\n"), n
}

// withheldFlag is the note on a summary whose model did not see lines of
// the documents; refs are the pages they stood on.
func withheldFlag(lines int, refs []Ref) Flag {
	pages := make([]string, len(refs))
	for i, r := range refs {
		pages[i] = fmt.Sprintf("%s sida %d", r.File, r.Page)
	}
	return Flag{
		Code: FlagWithheld,
		Message: fmt.Sprintf("Språkmodellen fick inte se %d %s som vände sig till en AI (%s; se kontrollen om misstänkt promptinjektion). "+
			"Sammanställningen bygger inte på %s; läs %s i originalet.", lines, plural(lines, "rad", "rader"), strings.Join(pages, ", "),
			plural(lines, "den", "dem"), plural(len(refs), "sidan", "sidorna")),
		Section: SectionNotes,
		Refs:    refs,
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Check adds to s the flags every summary gets, whatever its backend: the
// grounding check and the values read with low confidence. Flags already on s are kept, and a flag is never added
// twice. Text addressing an AI is not flagged here: extract's
// prompt_injection check already names it.
func Check(s *Summary, c *casefile.Case) {
	seen := map[string]bool{}
	key := func(f Flag) string { return f.Code + "\x00" + f.Section + "\x00" + f.Text }
	for _, f := range s.Flags {
		seen[key(f)] = true
	}
	for _, f := range append(Ground(s, c), toCheck(c)...) {
		if !seen[key(f)] {
			seen[key(f)] = true
			s.Flags = append(s.Flags, f)
		}
	}
	if s.Flags == nil {
		s.Flags = []Flag{}
	}
}
