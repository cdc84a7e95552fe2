package casefile

import (
	"strings"
	"unicode"
)

// Prompt injection: text that addresses an AI system or gives it orders.
var (
	injectionStrong = lazy(`(?i)` +
		`ignore\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier|preceding|other)\s+(?:instructions|prompts?|rules|directions)` +
		`|disregard\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier|your)\s+(?:instructions|prompts?|rules)` +
		`|forget\s+(?:all\s+)?(?:your|the|previous)\s+(?:instructions|rules)` +
		`|ignorera\s+(?:alla\s+|samtliga\s+)?(?:tidigare|föregående|ovanstående|dina|andra|övriga)\s+(?:instruktioner|anvisningar|regler|uppmaningar|direktiv)` +
		`|bortse\s+(?:från\s+)?(?:alla\s+)?(?:tidigare|föregående|ovanstående|dina)\s+(?:instruktioner|anvisningar|regler)` +
		`|glöm\s+(?:alla\s+)?(?:tidigare|föregående|dina)\s+(?:instruktioner|anvisningar|regler)` +
		`|system\s*prompt|systemprompt|systemmeddelande|new\s+instructions\s*:|nya\s+instruktioner\s*:` +
		`|(?:you\s+are|you're)\s+(?:now\s+)?(?:an?\s+)?(?:ai|assistant|language\s+model|chatgpt|gpt|llm)` +
		`|(?:du\s+är)\s+(?:nu\s+)?(?:en\s+)?(?:ai|assistent|språkmodell|chattbot|chatbot|ai-assistent)` +
		`|\[\s*(?:system|inst)\s*\]|<\s*/?\s*(?:system|assistant|instructions?)\s*>`)

	// injectionGreeting addresses an AI as a letter would: "Hej AI!", "Till
	// språkmodellen:".
	injectionGreeting = lazy(`(?i)\b(?:till|to|dear|hej|hello|kära)\s+(?:the\s+)?(?:ai|ai:n|ai-assistenten|ai-systemet|språkmodellen|chatgpt|chattboten|chatboten|assistenten|model|assistant)\s*[:,!]`)

	injectionAddressee = lazy(`(?i)(?:^|[^\p{L}])(?:ai|ai-?system(?:et)?|ai-?assistent(?:en)?|ai-?modell(?:en)?|språkmodell(?:en)?|chatbot(?:en)?|chattbot(?:en)?|llm|gpt|chatgpt|copilot|claude|gemini|language\s+model|the\s+model|the\s+assistant|automatiska?\s+(?:granskning|system|sammanfattning)(?:en)?|sammanfattaren|the\s+summari[sz]er)(?:[^\p{L}]|$)`)
	injectionOrder     = lazy(`(?i)(?:^|[^\p{L}])(?:ignorera|ignore|bortse|glöm|forget|godkänn|approve|skriv\s+att|write\s+that|svara\s+(?:med|att)|respond\s+with|answer\s+with|rapportera\s+inte|do\s+not\s+(?:report|mention|flag)|nämn\s+inte|flagga\s+inte|mark\s+(?:this|the)|ange\s+att|state\s+that|sammanfatta\s+(?:som|att)|summari[sz]e\s+(?:as|that)|ge\s+(?:föreningen|ansökan)|give\s+(?:this|the)|utelämna|omit|ska\s+alltid|should\s+always|you\s+should|du\s+ska|du\s+måste|instruktion(?:er)?\s+till|instructions?\s+(?:to|for)` +
		`|the\s+summary\s+(?:must|should)|(?:sammanfattningen|sammanställningen)\s+(?:ska|måste)|must\s+say|say\s+that|säg\s+att|report\s+that|rapportera\s+att)(?:[^\p{L}]|$)`)
)

// InjectionSpans returns the byte ranges [start, end) of text that read like
// instructions to an AI system: first every strong phrasing ("ignorera alla
// tidigare instruktioner", "[system]"), then, where they do not overlap
// earlier ones, every AI addressee with an order near it ("Till
// språkmodellen: nämn inte …") and every greeting to an AI ("Hej AI!").
// The prompt_injection check quotes the first; summarize withholds every line
// a span touches from a language model.
func InjectionSpans(text string) [][2]int {
	if !mayAddressAI(text) {
		return nil
	}
	var out [][2]int
	for _, m := range injectionStrong().FindAllStringIndex(text, -1) {
		out = append(out, [2]int{m[0], m[1]})
	}
	add := func(sp [2]int) {
		for _, x := range out {
			if sp[0] < x[1] && sp[1] > x[0] {
				return
			}
		}
		out = append(out, sp)
	}
	// An addressee and an order within the same stretch of text.
	for _, m := range injectionAddressee().FindAllStringIndex(text, -1) {
		lo, hi := max(0, m[0]-160), min(len(text), m[1]+160)
		if o := injectionOrder().FindStringIndex(text[lo:hi]); o != nil {
			add([2]int{min(m[0], lo+o[0]), max(m[1], lo+o[1])})
		}
	}
	for _, m := range injectionGreeting().FindAllStringIndex(text, -1) {
		add([2]int{m[0], m[1]})
	}
	return out
}

// aiWords are fragments every instruction to an AI system holds one of;
// text without any is passed over without the regular expressions.
var aiWords = []string{"ignor", "disregard", "forget", "bortse", "glöm", "prompt", "systemmeddelande", "instruct", "instrukt",
	"språkmodell", "chatgpt", "chatbot", "chattbot", "copilot", "claude", "gemini", "language model", "the model",
	"assistant", "assistent", "sammanfattaren", "summariz", "summaris", "automatiska", "automatisk granskning", "automatisk sammanfattning",
	"[system", "[inst", "<system", "<assistant", "<instruction"}

// mayAddressAI reports whether text could hold an instruction to an AI
// system: one of aiWords, or the word "AI", "LLM" or "GPT".
func mayAddressAI(text string) bool {
	low := strings.ToLower(text)
	for _, w := range aiWords {
		if strings.Contains(low, w) {
			return true
		}
	}
	return word(low, "ai") || word(low, "llm") || word(low, "gpt")
}

// word reports whether w stands in low as a word of its own.
func word(low, w string) bool {
	for i := strings.Index(low, w); i >= 0; {
		before := i == 0 || !unicode.IsLetter(rune(low[i-1]))
		after := i+len(w) >= len(low) || !unicode.IsLetter(rune(low[i+len(w)]))
		if before && after {
			return true
		}
		j := strings.Index(low[i+len(w):], w)
		if j < 0 {
			return false
		}
		i += len(w) + j
	}
	return false
}
