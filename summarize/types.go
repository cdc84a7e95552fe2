package summarize

import (
	"context"
	"time"

	"arsflow/extract/casefile"
)

// Where a backend runs. The public transparency notice shows it, and text sent
// to a backend that is not Internal is redacted first.
const (
	LocationInternal = "internal" // inside the municipality's network
	LocationEU       = "eu"
	LocationExternal = "external"
)

// Section keys of the uniform summary, in order.
const (
	SectionAssociation = "association" // Förening och år
	SectionDocuments   = "documents"   // Inkomna handlingar
	SectionActivity    = "activity"    // Verksamheten i korthet
	SectionMembers     = "members"     // Medlemmar
	SectionFinances    = "finances"    // Ekonomi
	SectionAudit       = "audit"       // Revision och ansvarsfrihet
	SectionAGM         = "agm"         // Årsmötets beslut
	SectionNotes       = "notes"       // Att notera
)

// Ref points a sentence at its source.
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
	Title     string     `json:"title"` // Swedish heading
	Sentences []Sentence `json:"sentences"`
}

// Flag marks something in a summary the handläggare must look at, such as an
// unsupported number (code "unsupported_claim").
type Flag struct {
	Code    string `json:"code"`
	Message string `json:"message"` // Swedish
	Section string `json:"section,omitempty"`
	Text    string `json:"text,omitempty"` // the offending token, e.g. "12 345"
	Refs    []Ref  `json:"refs,omitempty"` // where the flagged text stands or came from
}

// Flag codes besides FlagUnsupported.
const (
	// FlagWithheld marks a summary whose language model did not see some
	// lines of the documents because they address an AI. The lines
	// themselves are named by extract's prompt_injection check, not by a
	// flag here.
	FlagWithheld = "withheld_from_model"
	// FlagAIUnavailable marks a rule-based summary made because the
	// language-model backend failed.
	FlagAIUnavailable = "ai_unavailable"
	// FlagToCheck marks a value that extraction read with a confidence
	// under casefile.ConfidentAt: the summary states it, but it is to be
	// checked against the original.
	FlagToCheck = "to_check"
)

// AIUnavailableMessage is the notice on a summary made by the fallback.
const AIUnavailableMessage = "AI-tjänsten otillgänglig – regelbaserad sammanställning"

// Summary is one generated summary of a case with its accounting.
type Summary struct {
	Sections       []Section     `json:"sections"`
	Flags          []Flag        `json:"flags"`
	Backend        string        `json:"backend"`
	BackendVersion string        `json:"backend_version"`
	Model          string        `json:"model,omitempty"`
	Location       string        `json:"location"`
	PromptVersion  string        `json:"prompt_version,omitempty"`
	InputHash      string        `json:"input_hash"`
	CacheKey       string        `json:"cache_key,omitempty"`
	Fallback       bool          `json:"fallback"` // rule-based because the AI service failed
	TokensIn       int           `json:"tokens_in"`
	TokensOut      int           `json:"tokens_out"`
	Latency        time.Duration `json:"latency_ns"`
	EnergyWh       float64       `json:"energy_wh"`
	// Cached is set when the summary was served from the cache; its
	// accounting figures are those of the run that made it.
	Cached bool `json:"cached,omitempty"`
}

// Backend writes a uniform summary of a case. Implementations: the rule-based
// backend (no language model) and the OpenAI-compatible backend.
type Backend interface {
	// Name is the backend's short name, e.g. "rules" or "openai".
	Name() string
	// Version identifies the backend's code and prompt, recorded with every summary.
	Version() string
	// Location is where the backend runs: LocationInternal, LocationEU or LocationExternal.
	Location() string
	// Summarize writes the summary of c.
	Summarize(ctx context.Context, c *casefile.Case) (*Summary, error)
}
