package summarize

import (
	"fmt"
	"log/slog"
	"strings"
)

// Backend names accepted by New.
const (
	BackendRules  = "rules"
	BackendOpenAI = "openai"
)

// Options are what New needs besides the environment.
type Options struct {
	// Cache serves identical inputs; nil means no cache.
	Cache Cache
	// Logger receives retries and fallbacks (never prompts or personal data).
	Logger *slog.Logger
	// OpenAI are extra options for the OpenAI-compatible backend.
	OpenAI []OpenAIOption
}

// New returns the backend named name, configured from the environment
// through getenv (os.Getenv in production). An empty name means the value
// of ARSFLOW_SUMMARIZE_BACKEND, and "rules" when that is unset too.
// "openai" is the OpenAI-compatible backend with the rule-based fallback;
// both are served from opt.Cache when it is set. Errors name the variable
// to fix.
func New(name string, getenv func(string) string, opt Options) (Backend, error) {
	if name == "" {
		name = strings.TrimSpace(getenv(EnvBackend))
	}
	if name == "" {
		name = BackendRules
	}
	var b Backend
	switch strings.ToLower(name) {
	case BackendRules:
		b = Rules{}
	case BackendOpenAI:
		cfg, err := ConfigFromEnv(getenv)
		if err != nil {
			return nil, fmt.Errorf("summarize.New: %w", err)
		}
		opts := append([]OpenAIOption{}, opt.OpenAI...)
		if opt.Logger != nil {
			opts = append([]OpenAIOption{WithLogger(opt.Logger)}, opts...)
		}
		o, err := NewOpenAI(cfg, opts...)
		if err != nil {
			return nil, fmt.Errorf("summarize.New: %w", err)
		}
		b = WithFallback(o, Rules{}, opt.Logger)
	default:
		return nil, fmt.Errorf("summarize.New: %s: %q is neither rules nor openai: %w", EnvBackend, name, ErrInvalid)
	}
	return WithCache(b, opt.Cache), nil
}

// Describe returns what the transparency notice shows of a backend: its
// name, model and location.
func Describe(b Backend) (name, model, location string) {
	name, location = b.Name(), b.Location()
	for {
		if m, ok := b.(interface{ Model() string }); ok {
			return name, m.Model(), location
		}
		u, ok := b.(interface{ Unwrap() Backend })
		if !ok {
			return name, "", location
		}
		b = u.Unwrap()
	}
}
