package review

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"arsflow/queue/database"
)

// ProcessBackend is one summary backend as the process history records it.
type ProcessBackend struct {
	Name          string `json:"name"`
	Version       string `json:"version"`
	Model         string `json:"model,omitempty"`
	Location      string `json:"location"`
	PromptVersion string `json:"prompt_version,omitempty"`
}

// LocationLabel says in Swedish where the backend runs.
func (b ProcessBackend) LocationLabel() string { return locationLabel(b.Location) }

// LocationLabelEn says in English where the backend runs.
func (b ProcessBackend) LocationLabelEn() string { return locationLabelEn(b.Location) }

// Label names the kind of backend in Swedish.
func (b ProcessBackend) Label() string {
	if b.Model == "" {
		return "Regelbaserad (ingen språkmodell)"
	}
	return "Språkmodell"
}

// LabelEn names the kind of backend in English.
func (b ProcessBackend) LabelEn() string {
	if b.Model == "" {
		return "Rule-based (no language model)"
	}
	return "Language model"
}

// ProcessChange is one state of the automated process, from the moment it
// began.
type ProcessChange struct {
	ChangedAt      time.Time
	DefaultBackend string
	Backends       []ProcessBackend
}

// Default returns the backend that runs by default, or the first.
func (p ProcessChange) Default() ProcessBackend {
	for _, b := range p.Backends {
		if b.Name == p.DefaultBackend {
			return b
		}
	}
	if len(p.Backends) > 0 {
		return p.Backends[0]
	}
	return ProcessBackend{Name: p.DefaultBackend}
}

// processOf is the process a configuration describes.
func processOf(defaultBackend string, infos []BackendInfo) ProcessChange {
	p := ProcessChange{DefaultBackend: defaultBackend}
	for _, b := range infos {
		p.Backends = append(p.Backends, ProcessBackend{Name: b.Name, Version: b.Version, Model: b.Model, Location: b.Location, PromptVersion: b.PromptVersion})
	}
	return p
}

// fingerprint is the canonical identity of a process state.
func (p ProcessChange) fingerprint() (string, []byte, error) {
	backends, err := json.Marshal(p.Backends)
	if err != nil {
		return "", nil, err
	}
	sum := sha256.Sum256(append([]byte(p.DefaultBackend+"\x00"), backends...))
	return hex.EncodeToString(sum[:]), backends, nil
}

// RecordProcess appends the process that defaultBackend and backends
// describe to the history when it differs from the newest entry, and reports
// whether it did. The process that runs the summarize stage calls it at
// start-up; two processes starting at once record one change.
func RecordProcess(ctx context.Context, db *database.DB, defaultBackend string, backends []BackendInfo) (bool, error) {
	fp, raw, err := processOf(defaultBackend, backends).fingerprint()
	if err != nil {
		return false, fmt.Errorf("review.RecordProcess: %w", err)
	}
	changed := false
	err = db.Transact(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('process_changes'))`); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `
			INSERT INTO process_changes (fingerprint, default_backend, backends)
			SELECT $1, $2, $3
			 WHERE $1 IS DISTINCT FROM (SELECT fingerprint FROM process_changes ORDER BY id DESC LIMIT 1)`,
			fp, defaultBackend, raw)
		changed = tag.RowsAffected() == 1
		return err
	})
	if err != nil {
		return false, fmt.Errorf("review.RecordProcess: %w", err)
	}
	return changed, nil
}

// processHistory returns the recorded process states, newest first.
func (s *Service) processHistory(ctx context.Context) ([]ProcessChange, error) {
	rows, err := s.db.Pool.Query(ctx, `SELECT changed_at, default_backend, backends FROM process_changes ORDER BY id DESC LIMIT 50`)
	if err != nil {
		return nil, fmt.Errorf("review.processHistory: %w", err)
	}
	defer rows.Close()
	var out []ProcessChange
	for rows.Next() {
		var p ProcessChange
		var raw []byte
		if err := rows.Scan(&p.ChangedAt, &p.DefaultBackend, &raw); err != nil {
			return nil, fmt.Errorf("review.processHistory: %w", err)
		}
		if err := json.Unmarshal(raw, &p.Backends); err != nil {
			return nil, fmt.Errorf("review.processHistory: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
