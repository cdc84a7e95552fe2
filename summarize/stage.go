package summarize

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/jackc/pgx/v5"

	"arsflow/extract/casefile"
	"arsflow/extract/store"
	"arsflow/queue"
	"arsflow/queue/database"
)

// Stage is the pipeline's summarize stage. For each message it loads the
// case, summarises it with the backend the message names (else the
// deployment's default), saves the summary as the case's next version and
// sends the case to review, in one transaction.
type Stage struct {
	DB       *database.DB
	Backends map[string]Backend // by name; WithFallback and WithCache already applied
	Default  string             // the backend used when the message names none
	Log      *slog.Logger
	Observer Observer // nil: none
}

// Observer is told about every summary the stage made, for metrics.
type Observer interface {
	Summarized(sum *Summary)
}

// NewDBCache returns the cache that finds earlier summaries in db.
func NewDBCache(db *database.DB) Cache { return DBCache{Q: db.Pool} }

// Process summarises the case outside any transaction; the commit saves the
// summary and enqueues the review message. A redelivered message finds its
// summary in the cache and the same row in the table, so it costs no second
// model call and makes no second version.
func (s *Stage) Process(ctx context.Context, env queue.Envelope) (queue.Commit, error) {
	if env.CaseID <= 0 {
		return nil, queue.Fail("Ärendet saknas i meddelandet", fmt.Errorf("summarize: %w", queue.ErrPoison))
	}
	name := env.Backend
	if name == "" {
		name = s.Default
	}
	b, ok := s.Backends[name]
	if !ok {
		return nil, queue.Fail("Okänd sammanställningsmotor: "+name, fmt.Errorf("summarize: backend %q: %w", name, queue.ErrPoison))
	}
	c, err := store.LoadCase(ctx, s.DB.Pool, env.CaseID)
	if errors.Is(err, casefile.ErrNotFound) {
		return nil, queue.Fail("Ärendet finns inte", fmt.Errorf("summarize: %w: %w", queue.ErrPoison, err))
	}
	if err != nil {
		return nil, fmt.Errorf("summarize: load case %d: %w", env.CaseID, err)
	}
	sum, err := b.Summarize(ctx, c)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("summarize: case %d: %w", env.CaseID, ctx.Err())
		}
		if errors.Is(err, ErrInvalid) {
			return nil, queue.Fail("Ärendet kunde inte sammanställas", fmt.Errorf("summarize: case %d: %w: %w", env.CaseID, queue.ErrPoison, err))
		}
		return nil, queue.Fail("Sammanställningen misslyckades tillfälligt", fmt.Errorf("summarize: case %d: %w", env.CaseID, err))
	}
	if s.Observer != nil {
		s.Observer.Summarized(sum)
	}
	s.logger().Info("summarize: case summarised", "case_id", env.CaseID, "backend", sum.Backend,
		"fallback", sum.Fallback, "cached", sum.Cached, "tokens_in", sum.TokensIn, "tokens_out", sum.TokensOut,
		"flags", len(sum.Flags), "latency_ms", sum.Latency.Milliseconds())
	return func(ctx context.Context, tx pgx.Tx) error {
		return saveAndReview(ctx, tx, env, sum)
	}, nil
}

// saveAndReview saves the summary and sends the case to review.
func saveAndReview(ctx context.Context, tx pgx.Tx, env queue.Envelope, sum *Summary) error {
	id, _, err := Save(ctx, tx, env.CaseID, sum)
	if err != nil {
		return err
	}
	return queue.Enqueue(ctx, tx, queue.Envelope{
		Stage: queue.StageReview, BatchID: env.BatchID, CaseID: env.CaseID, Attempt: env.Attempt, SummaryID: id,
	})
}

// Failed runs when the stage gave up on a message. So that no case waits
// forever, it makes the rule-based summary, marked as a fallback with the
// reason, and still sends the case to review. A case that cannot be loaded
// is left to the failed work item.
func (s *Stage) Failed(ctx context.Context, tx pgx.Tx, env queue.Envelope, reason string) error {
	if env.CaseID <= 0 {
		return nil
	}
	c, err := store.LoadCase(ctx, tx, env.CaseID)
	if err != nil {
		s.logger().Warn("summarize: no fallback summary, case not loadable", "case_id", env.CaseID, "err", err)
		return nil
	}
	sum, err := Rules{}.Summarize(ctx, c)
	if err != nil {
		return nil
	}
	sum.Fallback = true
	sum.Flags = append([]Flag{{Code: FlagAIUnavailable, Message: AIUnavailableMessage + ": " + reason, Section: SectionNotes}}, sum.Flags...)
	if s.Observer != nil {
		s.Observer.Summarized(sum)
	}
	return saveAndReview(ctx, tx, env, sum)
}

func (s *Stage) logger() *slog.Logger {
	if s.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return s.Log
}
