package extract

import "regexp"

// Prompt injection: text that addresses an AI system or gives it orders.
var (
	injectionStrong = regexp.MustCompile(`(?i)` +
		`ignore\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier|preceding|other)\s+(?:instructions|prompts?|rules|directions)` +
		`|disregard\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier|your)\s+(?:instructions|prompts?|rules)` +
		`|forget\s+(?:all\s+)?(?:your|the|previous)\s+(?:instructions|rules)` +
		`|ignorera\s+(?:alla\s+|samtliga\s+)?(?:tidigare|föregående|ovanstående|dina|andra|övriga)\s+(?:instruktioner|anvisningar|regler|uppmaningar|direktiv)` +
		`|bortse\s+(?:från\s+)?(?:alla\s+)?(?:tidigare|föregående|ovanstående|dina)\s+(?:instruktioner|anvisningar|regler)` +
		`|glöm\s+(?:alla\s+)?(?:tidigare|föregående|dina)\s+(?:instruktioner|anvisningar|regler)` +
		`|system\s*prompt|systemprompt|new\s+instructions\s*:|nya\s+instruktioner\s*:` +
		`|(?:you\s+are|you're)\s+(?:now\s+)?(?:an?\s+)?(?:ai|assistant|language\s+model|chatgpt|gpt|llm)` +
		`|(?:du\s+är)\s+(?:nu\s+)?(?:en\s+)?(?:ai|assistent|språkmodell|chattbot|chatbot|ai-assistent)` +
		`|\[\s*(?:system|inst)\s*\]|<\s*/?\s*(?:system|assistant|instructions?)\s*>`)

	injectionAddressee = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:ai|ai-?system(?:et)?|ai-?assistent(?:en)?|ai-?modell(?:en)?|språkmodell(?:en)?|chatbot(?:en)?|chattbot(?:en)?|llm|gpt|chatgpt|copilot|claude|gemini|language\s+model|the\s+model|the\s+assistant|automatiska?\s+(?:granskning|system|sammanfattning)(?:en)?|sammanfattaren|the\s+summari[sz]er)(?:[^\p{L}]|$)`)
	injectionOrder     = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:ignorera|ignore|bortse|glöm|forget|godkänn|approve|skriv\s+att|write\s+that|svara\s+(?:med|att)|respond\s+with|answer\s+with|rapportera\s+inte|do\s+not\s+(?:report|mention|flag)|nämn\s+inte|flagga\s+inte|mark\s+(?:this|the)|ange\s+att|state\s+that|sammanfatta\s+(?:som|att)|summari[sz]e\s+(?:as|that)|ge\s+(?:föreningen|ansökan)|give\s+(?:this|the)|utelämna|omit|ska\s+alltid|should\s+always|you\s+should|du\s+ska|du\s+måste|instruktion(?:er)?\s+till|instructions?\s+(?:to|for))(?:[^\p{L}]|$)`)
)

// injectionSpans returns the byte ranges of text that read like
// instructions to an AI system.
func injectionSpans(text string) [][2]int {
	var out [][2]int
	for _, m := range injectionStrong.FindAllStringIndex(text, -1) {
		out = append(out, [2]int{m[0], m[1]})
	}
	if len(out) > 0 {
		return out
	}
	// An addressee and an order within the same stretch of text.
	for _, m := range injectionAddressee.FindAllStringIndex(text, -1) {
		lo, hi := max(0, m[0]-160), min(len(text), m[1]+160)
		if o := injectionOrder.FindStringIndex(text[lo:hi]); o != nil {
			out = append(out, [2]int{min(m[0], lo+o[0]), max(m[1], lo+o[1])})
			break
		}
	}
	return out
}
