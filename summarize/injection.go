package summarize

import (
	"regexp"
	"strings"

	"arsflow/extract"
)

// reInjection matches text that addresses an AI or tries to give it
// instructions, in Swedish or English.
var reInjection = regexp.MustCompile(`(?i)` + strings.Join([]string{
	`\b(ignore|disregard|forget)\b.{0,30}\b(instructions?|prompts?|rules|above)\b`,
	`\b(ignorera|bortse från|glöm)\b.{0,30}\b(instruktion\w*|regler\w*|ovan\w*|tidigare)\b`,
	`\b(system ?prompt|systemprompt|systemmeddelande)\b`,
	`\b(you are|you're) (now )?(an? )?(ai|assistant|language model|chatgpt|llm)\b`,
	`\bdu är (nu )?(en )?(ai|språkmodell|assistent|chatgpt)\b`,
	`\b(as an ai|som en ai)\b`,
	`\b(till|to|dear|hej|hello|kära) (ai|ai:n|ai-assistenten|språkmodellen|modellen|chatgpt|assistenten|the ai|the model|the assistant)\b`,
	`\b(new|nya) (instructions|instruktioner)\b`,
	`\b(skriv|write|state|ange|säg|rapportera)\b.{0,20}\b(att|that)\b.{0,40}\b(föreningen|the association|styrelsen|revisorn|medlemmar|ansvarsfrihet)\b.{0,40}\b(har|är|has|is|ska|should|beviljats|tillstyrk\w*)\b`,
	`\b(sammanfattningen|sammanställningen|the summary)\b.{0,30}\b(ska|måste|should|must)\b`,
	`\b(large )?language model\b|\bspråkmodell\w*\b`,
}, "|"))

// injectionAnchors are words of which every match of reInjection contains
// at least one; a line without any is not run through the expression.
var injectionAnchors = []string{
	"ignor", "disregard", "forget", "bortse", "glöm", "prompt", "systemmeddelande", "you", "du är",
	"ai", "chatgpt", "assist", "model", "instruk", "instruct", "skriv", "write", "state", "ange",
	"säg", "rapportera", "sammanfattningen", "sammanställningen", "summary",
}

// addressesAI reports whether line addresses an AI.
func addressesAI(line string) bool {
	l := strings.ToLower(line)
	for _, a := range injectionAnchors {
		if strings.Contains(l, a) {
			return reInjection.MatchString(line)
		}
	}
	return false
}

// Injection is one line of document text that addresses an AI.
type Injection struct {
	File string
	Page int
	Line string
}

// FindInjections returns the lines of c's documents that address an AI.
func FindInjections(c *extract.Case) []Injection {
	var out []Injection
	for _, d := range c.Documents {
		for _, p := range d.Text {
			for _, line := range strings.Split(p.Text, "\n") {
				if addressesAI(line) {
					out = append(out, Injection{File: d.File, Page: p.Number, Line: strings.TrimSpace(line)})
				}
			}
		}
	}
	return out
}

// InjectionRemoved replaces a line addressing an AI in what a model sees.
const InjectionRemoved = "[rad borttagen av arsflow: text riktad till AI]"

// neutralize replaces the lines of text that address an AI.
func neutralize(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if addressesAI(l) {
			lines[i] = InjectionRemoved
		}
	}
	return strings.Join(lines, "\n")
}

// injectionFlags returns one flag per line addressing an AI.
func injectionFlags(c *extract.Case) []Flag {
	var out []Flag
	for _, in := range FindInjections(c) {
		line := in.Line
		if r := []rune(line); len(r) > 160 {
			line = string(r[:160]) + "…"
		}
		out = append(out, Flag{
			Code:    FlagInjection,
			Message: "Handlingen innehåller text som vänder sig till en AI. Den har behandlats som data och inte påverkat sammanställningen; granska sidan.",
			Section: SectionNotes,
			Text:    line,
			Refs:    []Ref{{File: in.File, Page: in.Page}},
		})
	}
	return out
}

// Check adds to s the flags every summary gets, whatever its backend: the
// grounding check and text addressing an AI. Flags already on s are kept,
// and a flag is never added twice.
func Check(s *Summary, c *extract.Case) {
	seen := map[string]bool{}
	key := func(f Flag) string { return f.Code + "\x00" + f.Section + "\x00" + f.Text }
	for _, f := range s.Flags {
		seen[key(f)] = true
	}
	for _, f := range append(injectionFlags(c), Ground(s, c)...) {
		if !seen[key(f)] {
			seen[key(f)] = true
			s.Flags = append(s.Flags, f)
		}
	}
	if s.Flags == nil {
		s.Flags = []Flag{}
	}
}
