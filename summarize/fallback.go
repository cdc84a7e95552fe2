package summarize

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"arsflow/extract/casefile"
)

// fallback runs a second backend when the first fails.
type fallback struct {
	primary, secondary Backend
	log                *slog.Logger
}

// WithFallback returns a backend that runs primary and, when it fails for
// any reason other than the caller's cancelled context, runs secondary (the
// rule-based backend) instead. The fallback summary has Fallback set and
// carries the notice "AI-tjänsten otillgänglig – regelbaserad
// sammanställning", so the case still reaches review and the handläggare
// sees why. log may be nil.
func WithFallback(primary, secondary Backend, log *slog.Logger) Backend {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &fallback{primary: primary, secondary: secondary, log: log}
}

// Name is the primary's name: it is the backend the deployment chose.
func (f *fallback) Name() string { return f.primary.Name() }

// Version is the primary's version.
func (f *fallback) Version() string { return f.primary.Version() }

// Location is the primary's location, the farthest the text may go.
func (f *fallback) Location() string { return f.primary.Location() }

// Unwrap returns the primary backend.
func (f *fallback) Unwrap() Backend { return f.primary }

// Summarize runs the primary, then the secondary on failure.
func (f *fallback) Summarize(ctx context.Context, c *casefile.Case) (*Summary, error) {
	s, err := f.primary.Summarize(ctx, c)
	if err == nil {
		return s, nil
	}
	if ctx.Err() != nil || errors.Is(err, ErrInvalid) {
		return nil, err
	}
	f.log.Warn("summarize: backend failed, using fallback", "backend", f.primary.Name(), "fallback", f.secondary.Name(), "err", errors.Is(err, ErrUnavailable))
	s, ferr := f.secondary.Summarize(ctx, c)
	if ferr != nil {
		return nil, fmt.Errorf("summarize: %s failed (%w), and so did %s: %w", f.primary.Name(), err, f.secondary.Name(), ferr)
	}
	s.Fallback = true
	s.Flags = append([]Flag{{
		Code:    FlagAIUnavailable,
		Message: AIUnavailableMessage,
		Section: SectionNotes,
	}}, s.Flags...)
	notice := Sentence{Text: AIUnavailableMessage + ".", Refs: []Ref{}}
	for i := range s.Sections {
		if s.Sections[i].Key == SectionNotes {
			s.Sections[i].Sentences = append([]Sentence{notice}, s.Sections[i].Sentences...)
		}
	}
	return s, nil
}
