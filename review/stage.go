package review

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"arsflow/queue"
)

// Stage is the pipeline's review stage: it puts a summarised case into the
// review queue, where only a handläggare's decision lets it out.
type Stage struct {
	// FourEyes says which cases need two handläggare's approval.
	FourEyes FourEyes
}

// Process has no slow work; the commit enters the case.
func (st Stage) Process(ctx context.Context, env queue.Envelope) (queue.Commit, error) {
	if env.SummaryID <= 0 {
		return nil, queue.Fail("Sammanställningen saknas i meddelandet", queue.ErrPoison)
	}
	return func(ctx context.Context, tx pgx.Tx) error {
		err := EnterTx(ctx, tx, env.CaseID, env.SummaryID, st.FourEyes)
		if errors.Is(err, ErrInvalid) {
			return queue.Fail("Sammanställningen hör inte till ärendet", fmt.Errorf("%w: %w", queue.ErrPoison, err))
		}
		return err
	}, nil
}

// Failed needs no record beyond the failed work item.
func (Stage) Failed(ctx context.Context, tx pgx.Tx, env queue.Envelope, reason string) error {
	return nil
}
