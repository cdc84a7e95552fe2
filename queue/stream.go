package queue

import (
	"context"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// StreamName is the JetStream stream that carries all stage work.
const StreamName = "ARSFLOW"

// Config tunes the stream and the consumers.
type Config struct {
	// Replicas of the stream: 1 on one machine, 3 on a cluster.
	Replicas int
	// MaxDeliver is how many times a message is delivered before it is
	// dead-lettered.
	MaxDeliver int
	// AckWait is how long a delivery may run without a progress signal.
	AckWait time.Duration
	// Backoff is the delay before the n-th redelivery after a transient
	// fault (the last value repeats).
	Backoff []time.Duration
	// DuplicateWindow is how long JetStream remembers message ids.
	DuplicateWindow time.Duration
}

// DefaultConfig returns the defaults used on one machine.
func DefaultConfig() Config {
	return Config{
		Replicas:        1,
		MaxDeliver:      5,
		AckWait:         2 * time.Minute,
		Backoff:         []time.Duration{2 * time.Second, 10 * time.Second, 30 * time.Second, 2 * time.Minute},
		DuplicateWindow: 30 * time.Minute,
	}
}

// Setup creates or updates the stream and one durable pull consumer per stage.
func Setup(ctx context.Context, js jetstream.JetStream, cfg Config) (jetstream.Stream, error) {
	st, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:       StreamName,
		Subjects:   []string{"arsflow.work.>"},
		Retention:  jetstream.WorkQueuePolicy,
		Storage:    jetstream.FileStorage,
		Replicas:   cfg.Replicas,
		Duplicates: cfg.DuplicateWindow,
	})
	if err != nil {
		return nil, fmt.Errorf("queue.Setup: stream: %w", err)
	}
	for _, stage := range []string{StageExtract, StageSummarize, StageReview} {
		if _, err := st.CreateOrUpdateConsumer(ctx, jetstream.ConsumerConfig{
			Durable:       stage,
			FilterSubject: Subject(stage),
			AckPolicy:     jetstream.AckExplicitPolicy,
			AckWait:       cfg.AckWait,
			MaxDeliver:    cfg.MaxDeliver,
			MaxAckPending: 1000,
		}); err != nil {
			return nil, fmt.Errorf("queue.Setup: consumer %s: %w", stage, err)
		}
	}
	return st, nil
}
