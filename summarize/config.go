package summarize

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Environment variables that configure the language-model backend.
const (
	EnvBackend         = "ARSFLOW_SUMMARIZE_BACKEND" // rules | openai
	EnvBaseURL         = "ARSFLOW_LLM_BASE_URL"
	EnvModel           = "ARSFLOW_LLM_MODEL"
	EnvAPIKey          = "ARSFLOW_LLM_API_KEY"
	EnvAPIType         = "ARSFLOW_LLM_API_TYPE" // openai | azure
	EnvAzureAPIVersion = "ARSFLOW_LLM_AZURE_API_VERSION"
	EnvAzureDeployment = "ARSFLOW_LLM_AZURE_DEPLOYMENT"
	EnvTimeout         = "ARSFLOW_LLM_TIMEOUT"
	EnvConcurrency     = "ARSFLOW_LLM_CONCURRENCY"
	EnvRateLimit       = "ARSFLOW_LLM_RATE_LIMIT" // requests per second, 0: none
	EnvLocation        = "ARSFLOW_LLM_LOCATION"   // internal | eu | external
	EnvResponseFormat  = "ARSFLOW_LLM_RESPONSE_FORMAT"
	EnvMaxRetries      = "ARSFLOW_LLM_MAX_RETRIES"
	EnvInputBudget     = "ARSFLOW_LLM_INPUT_BUDGET" // tokens of document text per request
	EnvMaxOutputTokens = "ARSFLOW_LLM_MAX_OUTPUT_TOKENS"
	EnvWhPer1KIn       = "ARSFLOW_LLM_WH_PER_1K_IN"
	EnvWhPer1KOut      = "ARSFLOW_LLM_WH_PER_1K_OUT"
)

// API types.
const (
	APITypeOpenAI = "openai"
	APITypeAzure  = "azure"
)

// Response formats, from the strictest the server may support.
const (
	FormatJSONSchema = "json_schema" // response_format json_schema, strict
	FormatJSONObject = "json_object" // JSON mode
	FormatPrompt     = "prompt"      // the schema in the prompt only
)

// Config configures the OpenAI-compatible backend.
type Config struct {
	BaseURL         string // e.g. https://api.openai.com/v1, http://localhost:11434/v1
	Model           string
	APIKey          string
	APIType         string // APITypeOpenAI or APITypeAzure
	AzureAPIVersion string
	AzureDeployment string // defaults to Model
	Timeout         time.Duration
	Concurrency     int     // requests in flight at once
	RateLimit       float64 // requests per second; 0 means no limit
	Location        string  // LocationInternal, LocationEU or LocationExternal
	ResponseFormat  string  // FormatJSONSchema, FormatJSONObject or FormatPrompt
	MaxRetries      int     // retries after the first attempt
	RetryBase       time.Duration
	RetryMaxWait    time.Duration // longest wait, Retry-After included; a longer Retry-After gives up
	InputBudget     int           // tokens of document text per request
	MaxOutputTokens int
	// WhPer1KIn and WhPer1KOut estimate the energy per 1000 tokens in and out.
	WhPer1KIn  float64
	WhPer1KOut float64
}

// Defaults. The energy figures are a simple, documented estimate: about
// 0.3 Wh for a chat answer of some 500 tokens from a large hosted model
// (Epoch AI, 2025), i.e. 0.6 Wh per 1000 tokens out, and a tenth of that per
// 1000 tokens in (prompt processing is batched and far cheaper per token).
const (
	DefaultOpenAIBaseURL   = "https://api.openai.com/v1"
	DefaultAzureAPIVersion = "2024-10-21"
	DefaultTimeout         = 120 * time.Second
	DefaultConcurrency     = 4
	DefaultMaxRetries      = 3
	DefaultRetryBase       = time.Second
	DefaultRetryMaxWait    = 60 * time.Second
	DefaultInputBudget     = 6000
	DefaultMaxOutputTokens = 2000
	DefaultWhPer1KIn       = 0.06
	DefaultWhPer1KOut      = 0.6
)

// DefaultConfig returns a Config with every default filled in.
func DefaultConfig() Config {
	return Config{
		BaseURL:         DefaultOpenAIBaseURL,
		APIType:         APITypeOpenAI,
		AzureAPIVersion: DefaultAzureAPIVersion,
		Timeout:         DefaultTimeout,
		Concurrency:     DefaultConcurrency,
		ResponseFormat:  FormatJSONSchema,
		MaxRetries:      DefaultMaxRetries,
		RetryBase:       DefaultRetryBase,
		RetryMaxWait:    DefaultRetryMaxWait,
		InputBudget:     DefaultInputBudget,
		MaxOutputTokens: DefaultMaxOutputTokens,
		WhPer1KIn:       DefaultWhPer1KIn,
		WhPer1KOut:      DefaultWhPer1KOut,
	}
}

// ConfigFromEnv reads the configuration from the environment through getenv
// (os.Getenv in production) and validates it. Every error names the variable.
// ARSFLOW_LLM_LOCATION is required: where a backend runs is declared by the
// deployment, never inferred from its address (a server on localhost may be
// a tunnel to a hosted service).
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := DefaultConfig()
	str := func(name string, dst *string) {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			*dst = v
		}
	}
	str(EnvBaseURL, &c.BaseURL)
	str(EnvModel, &c.Model)
	c.APIKey = strings.TrimSpace(getenv(EnvAPIKey))
	str(EnvAPIType, &c.APIType)
	str(EnvAzureAPIVersion, &c.AzureAPIVersion)
	str(EnvAzureDeployment, &c.AzureDeployment)
	str(EnvLocation, &c.Location)
	str(EnvResponseFormat, &c.ResponseFormat)
	c.APIType = strings.ToLower(c.APIType)
	if c.APIType == APITypeAzure && getenv(EnvBaseURL) == "" {
		c.BaseURL = ""
	}
	if v := getenv(EnvTimeout); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return c, fmt.Errorf("%s: %q is not a positive duration such as 60s: %w", EnvTimeout, v, ErrInvalid)
		}
		c.Timeout = d
	}
	ints := []struct {
		name string
		dst  *int
		min  int
	}{
		{EnvConcurrency, &c.Concurrency, 1},
		{EnvMaxRetries, &c.MaxRetries, 0},
		{EnvInputBudget, &c.InputBudget, 500},
		{EnvMaxOutputTokens, &c.MaxOutputTokens, 100},
	}
	for _, i := range ints {
		if v := getenv(i.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < i.min {
				return c, fmt.Errorf("%s: %q is not a whole number of at least %d: %w", i.name, v, i.min, ErrInvalid)
			}
			*i.dst = n
		}
	}
	floats := []struct {
		name string
		dst  *float64
	}{{EnvRateLimit, &c.RateLimit}, {EnvWhPer1KIn, &c.WhPer1KIn}, {EnvWhPer1KOut, &c.WhPer1KOut}}
	for _, f := range floats {
		if v := getenv(f.name); v != "" {
			n, err := strconv.ParseFloat(v, 64)
			if err != nil || n < 0 {
				return c, fmt.Errorf("%s: %q is not a number of at least 0: %w", f.name, v, ErrInvalid)
			}
			*f.dst = n
		}
	}
	return c, c.Validate()
}

// publicModelHost reports whether host is a known hosted language-model
// service, which is never inside the municipality's network.
func publicModelHost(host string) bool {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	for _, suffix := range []string{
		"openai.com", "openai.azure.com", "azure.com", "anthropic.com", "mistral.ai", "googleapis.com",
		"groq.com", "together.xyz", "together.ai", "fireworks.ai", "deepseek.com", "cohere.com", "cohere.ai",
		"openrouter.ai", "perplexity.ai", "x.ai", "amazonaws.com", "huggingface.co",
	} {
		if host == suffix || strings.HasSuffix(host, "."+suffix) {
			return true
		}
	}
	return false
}

// Validate checks c; every error names the environment variable to fix.
func (c Config) Validate() error {
	bad := func(name, format string, args ...any) error {
		return fmt.Errorf("%s: %s: %w", name, fmt.Sprintf(format, args...), ErrInvalid)
	}
	u, err := url.Parse(c.BaseURL)
	if c.BaseURL == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return bad(EnvBaseURL, "%q is not an http(s) URL", c.BaseURL)
	}
	if c.Model == "" {
		return bad(EnvModel, "a model name is required")
	}
	switch c.APIType {
	case APITypeOpenAI:
		if u.Host == "api.openai.com" && c.APIKey == "" {
			return bad(EnvAPIKey, "an API key is required for api.openai.com")
		}
	case APITypeAzure:
		if c.APIKey == "" {
			return bad(EnvAPIKey, "an API key is required for Azure OpenAI")
		}
		if c.AzureAPIVersion == "" {
			return bad(EnvAzureAPIVersion, "an API version is required for Azure OpenAI")
		}
	default:
		return bad(EnvAPIType, "%q is neither openai nor azure", c.APIType)
	}
	switch c.Location {
	case LocationInternal, LocationEU, LocationExternal:
	case "":
		return bad(EnvLocation, "required: declare where the model runs, internal (inside the municipality's network; nothing is redacted), eu or external (personal data is redacted before sending); it is never guessed from the address")
	default:
		return bad(EnvLocation, "%q is none of internal, eu, external", c.Location)
	}
	if c.Location == LocationInternal && (c.APIType == APITypeAzure || publicModelHost(u.Hostname())) {
		// Internal means nothing is redacted: refuse it for a hosted service.
		return bad(EnvLocation, "internal is not allowed for the hosted service %s; use eu or external, so personal data is redacted before sending", u.Hostname())
	}
	switch c.ResponseFormat {
	case FormatJSONSchema, FormatJSONObject, FormatPrompt:
	default:
		return bad(EnvResponseFormat, "%q is none of json_schema, json_object, prompt", c.ResponseFormat)
	}
	if c.Timeout <= 0 {
		return bad(EnvTimeout, "must be positive")
	}
	if c.Concurrency < 1 {
		return bad(EnvConcurrency, "must be at least 1")
	}
	if c.RateLimit < 0 {
		return bad(EnvRateLimit, "must not be negative")
	}
	if c.MaxRetries < 0 {
		return bad(EnvMaxRetries, "must not be negative")
	}
	if c.InputBudget < 500 {
		return bad(EnvInputBudget, "must be at least 500 tokens")
	}
	if c.MaxOutputTokens < 100 {
		return bad(EnvMaxOutputTokens, "must be at least 100 tokens")
	}
	return nil
}
