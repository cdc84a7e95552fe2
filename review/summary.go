package review

// The summary as stored in summaries.sections and summaries.flags. These types
// mirror the JSON of summarize.Section and summarize.Flag so that the web
// server reads summaries without depending on the pipeline's packages (and
// their PDF and model dependencies).

// Ref points a sentence at its source: a file of the case and a page.
type Ref struct {
	File string `json:"file"`
	Page int    `json:"page"`
}

// Sentence is one sentence of a section with its references.
type Sentence struct {
	Text string `json:"text"`
	Refs []Ref  `json:"refs"`
}

// Section is one part of the uniform summary.
type Section struct {
	Key       string     `json:"key"`
	Title     string     `json:"title"`
	Sentences []Sentence `json:"sentences"`
}

// Flag marks something in a summary the handläggare must look at.
type Flag struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Section string `json:"section,omitempty"`
	Text    string `json:"text,omitempty"`
}

// FlagUnsupportedClaim is the code of a number or claim in the summary that
// the sources do not support.
const FlagUnsupportedClaim = "unsupported_claim"
