package summarize

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"

	"arsflow/extract/casefile"
	"arsflow/queue"
	"arsflow/queue/database"
	"arsflow/queue/database/dbtest"
)

// storeCase writes c as the extract stage would: a case row, and per
// document a stored extraction with its text and fields.
func storeCase(t *testing.T, db *database.DB, c *casefile.Case) int64 {
	t.Helper()
	ctx := context.Background()
	caseID := newCase(t, db, fmt.Sprintf("case-%p", c))
	var batchID int64
	if err := db.Pool.QueryRow(ctx, `INSERT INTO batches (source) VALUES ('cli') RETURNING id`).Scan(&batchID); err != nil {
		t.Fatal(err)
	}
	for i, d := range c.Documents {
		var docID int64
		err := db.Pool.QueryRow(ctx, `INSERT INTO documents (batch_id, filename, sha256, size_bytes, content)
			VALUES ($1, $2, $3, 1, 'x') RETURNING id`, batchID, d.File, []byte(fmt.Sprintf("%d-%d", caseID, i))).Scan(&docID)
		if err != nil {
			t.Fatal(err)
		}
		fields := map[string]casefile.Field{}
		for k, f := range c.Fields {
			if f.File == d.File {
				fields[k] = f
			}
		}
		raw, _ := json.Marshal(map[string]any{"document": d, "text": d.Text, "fields": fields})
		if _, err := db.Pool.Exec(ctx, `INSERT INTO document_extractions (document_id, case_id, attempt, types, page_count, result)
			VALUES ($1, $2, 1, $3, $4, $5)`, docID, caseID, d.Types, d.Pages, raw); err != nil {
			t.Fatal(err)
		}
	}
	// The fields and checks as the extract stage assembled them.
	for key, f := range c.Fields {
		value, _ := json.Marshal(f.Value)
		cands, _ := json.Marshal(f.Candidates)
		if _, err := db.Pool.Exec(ctx, `INSERT INTO case_fields (case_id, key, value, document_id, page, quote, confidence, candidates)
			VALUES ($1, $2, $3, (SELECT d.id FROM documents d JOIN document_extractions e ON e.document_id = d.id
			                     WHERE e.case_id = $1 AND d.filename = $4 LIMIT 1), $5, $6, $7, $8)`,
			caseID, key, value, f.File, f.Page, f.Quote, f.Confidence, cands); err != nil {
			t.Fatal(err)
		}
	}
	for _, ch := range c.Checks {
		if _, err := db.Pool.Exec(ctx, `INSERT INTO case_checks (case_id, code, severity, message, page) VALUES ($1, $2, $3, $4, $5)`,
			caseID, ch.Code, ch.Severity, ch.Message, ch.Page); err != nil {
			t.Fatal(err)
		}
	}
	return caseID
}

func TestStage(t *testing.T) {
	db := dbtest.New(t)
	ctx := context.Background()
	f := newFakeLLM(t, good)
	o, _ := newTestOpenAI(t, testConfig(f, LocationExternal))
	st := &Stage{
		DB:       db,
		Backends: map[string]Backend{"openai": WithCache(WithFallback(o, Rules{}, nil), NewDBCache(db)), "rules": Rules{}},
		Default:  "openai",
	}
	caseID := storeCase(t, db, sampleCase())
	run := func(env queue.Envelope) error {
		commit, err := st.Process(ctx, env)
		if err != nil {
			return err
		}
		return db.Transact(ctx, func(tx pgx.Tx) error { return commit(ctx, tx) })
	}
	reviewMessages := func() int {
		var n int
		db.Pool.QueryRow(ctx, `SELECT count(*) FROM outbox WHERE subject = $1 AND payload->>'case_id' = $2`,
			queue.Subject(queue.StageReview), fmt.Sprint(caseID)).Scan(&n)
		return n
	}
	env := queue.Envelope{Stage: queue.StageSummarize, CaseID: caseID, Attempt: 1}
	if err := run(env); err != nil {
		t.Fatal(err)
	}
	first, err := Latest(ctx, db.Pool, caseID)
	if err != nil || first.Backend != "openai" || first.Version != 1 {
		t.Fatalf("latest = %+v, %v", first, err)
	}
	if n := reviewMessages(); n != 1 {
		t.Errorf("%d review messages, want 1", n)
	}
	t.Run("redelivery", func(t *testing.T) {
		if err := run(env); err != nil {
			t.Fatal(err)
		}
		vs, _ := Versions(ctx, db.Pool, caseID)
		if len(vs) != 1 {
			t.Errorf("%d versions after a redelivery, want 1", len(vs))
		}
		if n := len(f.requests()); n != 1 {
			t.Errorf("%d model calls, want 1: the redelivery must be served from the cache", n)
		}
	})
	t.Run("re-run with another backend keeps both versions", func(t *testing.T) {
		if err := run(queue.Envelope{Stage: queue.StageSummarize, CaseID: caseID, Attempt: 2, Backend: "rules"}); err != nil {
			t.Fatal(err)
		}
		vs, _ := Versions(ctx, db.Pool, caseID)
		if len(vs) != 2 || vs[1].Backend != "rules" {
			t.Errorf("versions = %d", len(vs))
		}
	})
	t.Run("poison", func(t *testing.T) {
		for _, e := range []queue.Envelope{
			{Stage: queue.StageSummarize},
			{Stage: queue.StageSummarize, CaseID: 999999, Attempt: 1},
			{Stage: queue.StageSummarize, CaseID: caseID, Attempt: 3, Backend: "gpt-magic"},
		} {
			_, err := st.Process(ctx, e)
			var fail *queue.Failure
			if !errors.Is(err, queue.ErrPoison) || !errors.As(err, &fail) || fail.Reason == "" {
				t.Errorf("Process(%+v) = %v, want a poison failure with a reason", e, err)
			}
		}
	})
	t.Run("failed for good still reaches review", func(t *testing.T) {
		other := storeCase(t, db, sampleCase())
		err := db.Transact(ctx, func(tx pgx.Tx) error {
			return st.Failed(ctx, tx, queue.Envelope{Stage: queue.StageSummarize, CaseID: other, Attempt: 1}, "för många försök")
		})
		if err != nil {
			t.Fatal(err)
		}
		s, err := Latest(ctx, db.Pool, other)
		if err != nil || !s.Fallback || s.Backend != "rules" || s.Flags[0].Code != FlagAIUnavailable {
			t.Errorf("fallback summary = %+v, %v", s, err)
		}
	})
}
