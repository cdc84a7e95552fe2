package summarize

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Querier runs queries: a pool, a connection or a transaction.
type Querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// Stored is a summary as stored, with its id and version.
type Stored struct {
	ID        int64     `json:"id"`
	CaseID    int64     `json:"case_id"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	Summary
}

// lockSpace is the first key of the advisory locks that serialise the
// versions of one case.
const lockSpace = 7243004

// Save stores s as the next version of the case's summaries in tx and
// returns its id and version. It is idempotent per (case, backend, backend
// version, fallback, input hash): saving again, as a redelivered message
// does, returns the existing row and stores nothing, while a re-run with
// another model or prompt is a new version.
func Save(ctx context.Context, tx pgx.Tx, caseID int64, s *Summary) (summaryID int64, version int, err error) {
	if s == nil || len(s.Sections) == 0 || s.Backend == "" || s.InputHash == "" {
		return 0, 0, fmt.Errorf("summarize.Save: incomplete summary: %w", ErrInvalid)
	}
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1, ($2 % 2147483647)::int)`, lockSpace, caseID); err != nil {
		return 0, 0, fmt.Errorf("summarize.Save: lock case %d: %w", caseID, err)
	}
	err = tx.QueryRow(ctx, `
		SELECT id, version FROM summaries
		WHERE case_id = $1 AND backend = $2 AND backend_version = $3 AND fallback = $4 AND input_hash = $5`,
		caseID, s.Backend, s.BackendVersion, s.Fallback, s.InputHash).Scan(&summaryID, &version)
	if err == nil {
		return summaryID, version, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return 0, 0, fmt.Errorf("summarize.Save: case %d: %w", caseID, err)
	}
	sections, err := json.Marshal(s.Sections)
	if err != nil {
		return 0, 0, fmt.Errorf("summarize.Save: sections: %w", err)
	}
	flags := s.Flags
	if flags == nil {
		flags = []Flag{}
	}
	flagsJSON, err := json.Marshal(flags)
	if err != nil {
		return 0, 0, fmt.Errorf("summarize.Save: flags: %w", err)
	}
	err = tx.QueryRow(ctx, `
		INSERT INTO summaries (case_id, version, backend, backend_version, model, location,
			prompt_version, input_hash, cache_key, sections, body, flags, fallback,
			tokens_in, tokens_out, latency_ms, energy_wh)
		VALUES ($1, (SELECT COALESCE(MAX(version), 0) + 1 FROM summaries WHERE case_id = $1),
			$2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
		RETURNING id, version`,
		caseID, s.Backend, s.BackendVersion, s.Model, s.Location, s.PromptVersion, s.InputHash,
		s.CacheKey, sections, Body(s.Sections), flagsJSON, s.Fallback, s.TokensIn, s.TokensOut,
		s.Latency.Milliseconds(), s.EnergyWh).Scan(&summaryID, &version)
	if err != nil {
		return 0, 0, fmt.Errorf("summarize.Save: case %d: %w", caseID, err)
	}
	return summaryID, version, nil
}

const selectStored = `
	SELECT id, case_id, version, created_at, backend, backend_version, model, location,
		prompt_version, input_hash, cache_key, sections, flags, fallback, tokens_in,
		tokens_out, latency_ms, energy_wh
	FROM summaries `

// scanStored scans one row of selectStored.
func scanStored(row pgx.Row) (*Stored, error) {
	var st Stored
	var sections, flags []byte
	var latencyMS int64
	err := row.Scan(&st.ID, &st.CaseID, &st.Version, &st.CreatedAt, &st.Backend, &st.BackendVersion,
		&st.Model, &st.Location, &st.PromptVersion, &st.InputHash, &st.CacheKey, &sections, &flags,
		&st.Fallback, &st.TokensIn, &st.TokensOut, &latencyMS, &st.EnergyWh)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	st.Latency = time.Duration(latencyMS) * time.Millisecond
	if err := json.Unmarshal(sections, &st.Sections); err != nil {
		return nil, fmt.Errorf("sections of summary %d: %w", st.ID, err)
	}
	if err := json.Unmarshal(flags, &st.Flags); err != nil {
		return nil, fmt.Errorf("flags of summary %d: %w", st.ID, err)
	}
	return &st, nil
}

// Latest returns the newest version of the case's summary, or ErrNotFound.
func Latest(ctx context.Context, q Querier, caseID int64) (*Stored, error) {
	st, err := scanStored(q.QueryRow(ctx, selectStored+`WHERE case_id = $1 ORDER BY version DESC LIMIT 1`, caseID))
	if err != nil {
		return nil, fmt.Errorf("summarize.Latest: case %d: %w", caseID, err)
	}
	return st, nil
}

// ByID returns the summary with id, or ErrNotFound.
func ByID(ctx context.Context, q Querier, id int64) (*Stored, error) {
	st, err := scanStored(q.QueryRow(ctx, selectStored+`WHERE id = $1`, id))
	if err != nil {
		return nil, fmt.Errorf("summarize.ByID: %d: %w", id, err)
	}
	return st, nil
}

// ByCacheKey returns the newest summary made by a language model (not a
// fallback) under key, or ErrNotFound.
func ByCacheKey(ctx context.Context, q Querier, key string) (*Stored, error) {
	if key == "" {
		return nil, fmt.Errorf("summarize.ByCacheKey: %w", ErrNotFound)
	}
	st, err := scanStored(q.QueryRow(ctx, selectStored+`WHERE cache_key = $1 AND NOT fallback ORDER BY id DESC LIMIT 1`, key))
	if err != nil {
		return nil, fmt.Errorf("summarize.ByCacheKey: %w", err)
	}
	return st, nil
}

// Versions returns every version of the case's summary, oldest first.
func Versions(ctx context.Context, q Querier, caseID int64) ([]Stored, error) {
	rows, err := q.Query(ctx, selectStored+`WHERE case_id = $1 ORDER BY version`, caseID)
	if err != nil {
		return nil, fmt.Errorf("summarize.Versions: case %d: %w", caseID, err)
	}
	defer rows.Close()
	var out []Stored
	for rows.Next() {
		st, err := scanStored(rows)
		if err != nil {
			return nil, fmt.Errorf("summarize.Versions: case %d: %w", caseID, err)
		}
		out = append(out, *st)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("summarize.Versions: case %d: %w", caseID, err)
	}
	return out, nil
}

// DBCache is the Cache of the pipeline: it finds earlier summaries in the
// summaries table by cache key. Put stores nothing, since the pipeline
// saves every summary with Save in its own transaction.
type DBCache struct {
	Q Querier
}

// Get returns the newest summary stored under key, or ErrNotFound.
func (c DBCache) Get(ctx context.Context, key string) (*Summary, error) {
	st, err := ByCacheKey(ctx, c.Q, key)
	if err != nil {
		return nil, err
	}
	s := st.Summary
	return &s, nil
}

// Put does nothing; see DBCache.
func (DBCache) Put(context.Context, string, *Summary) error { return nil }
