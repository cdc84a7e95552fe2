package queue

import (
	"encoding/json"
	"fmt"
)

// EnvelopeVersion is the version of the message envelope. A consumer terminates
// messages of a version it does not know.
const EnvelopeVersion = 1

// Stages and their subjects.
const (
	StageExtract   = "extract"
	StageSummarize = "summarize"
	StageReview    = "review"
)

// Subject returns the NATS subject of a stage.
func Subject(stage string) string { return "arsflow.work." + stage }

// Envelope is the one message format between stages.
type Envelope struct {
	Version    int    `json:"v"`
	Stage      string `json:"stage"`
	BatchID    int64  `json:"batch_id,omitempty"`
	DocumentID int64  `json:"document_id,omitempty"`
	CaseID     int64  `json:"case_id,omitempty"`
	// Attempt counts deliberate re-runs of the same item (an administrator's
	// retry, a case summarised again); it is part of the message id, so a re-run
	// is not dropped as a duplicate while a redelivery is.
	Attempt int `json:"attempt"`
	// SummaryID is set on review messages.
	SummaryID int64 `json:"summary_id,omitempty"`
	// Backend optionally names the summariser backend for this run.
	Backend string `json:"backend,omitempty"`
}

// ItemKey names the item the envelope is about: its document for document
// stages, else its case.
func (e Envelope) ItemKey() string {
	if e.Stage == StageExtract {
		return fmt.Sprintf("document:%d", e.DocumentID)
	}
	return fmt.Sprintf("case:%d", e.CaseID)
}

// MsgID is the message id used for JetStream de-duplication.
func (e Envelope) MsgID() string {
	return fmt.Sprintf("%s:%s:%d", e.Stage, e.ItemKey(), e.Attempt)
}

// Decode parses and validates an envelope.
func Decode(data []byte) (Envelope, error) {
	var e Envelope
	if err := json.Unmarshal(data, &e); err != nil {
		return e, fmt.Errorf("queue.Decode: %w: %v", ErrPoison, err)
	}
	if e.Version != EnvelopeVersion {
		return e, fmt.Errorf("queue.Decode: %w: envelope version %d", ErrPoison, e.Version)
	}
	switch e.Stage {
	case StageExtract:
		if e.DocumentID <= 0 {
			return e, fmt.Errorf("queue.Decode: %w: extract without document_id", ErrPoison)
		}
	case StageSummarize, StageReview:
		if e.CaseID <= 0 {
			return e, fmt.Errorf("queue.Decode: %w: %s without case_id", ErrPoison, e.Stage)
		}
	default:
		return e, fmt.Errorf("queue.Decode: %w: unknown stage %q", ErrPoison, e.Stage)
	}
	return e, nil
}
