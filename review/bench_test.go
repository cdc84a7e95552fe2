package review_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"arsflow/review"
)

// seed100k writes n cases as the pipeline would leave them: a document, an
// extraction, five fields, checks on some, a summary, the review item with
// its read model (60 % pending, 30 % approved with a decision and its field
// snapshot, 10 % rejected), some corrections, verdicts, open claims and the
// claims of the decided cases.
func (e *env) seed(b testing.TB, n int) {
	b.Helper()
	ctx := context.Background()
	stmts := []string{
		`INSERT INTO batches (created_by, source, label) SELECT $1, 'web', 'seed ' || g FROM generate_series(1, 100) g`,
		`INSERT INTO documents (batch_id, filename, folder, sha256, size_bytes, content)
		 SELECT (SELECT min(id) FROM batches) + (g % 100), 'arsredovisning.pdf', 'forening-' || g, sha256(int8send(g)), 10, NULL
		   FROM generate_series(1, $2) g`,
		`INSERT INTO cases (association_key, association_name, org_number, fiscal_year, created_at)
		 SELECT 'org:' || g, 'Förening nummer ' || g, lpad((802000000 + g)::text, 10, '0'), 2024, now() - (g || ' minutes')::interval
		   FROM generate_series(1, $2) g`,
		`INSERT INTO document_extractions (document_id, case_id, attempt, types, page_count, result)
		 SELECT d.id, c.id, 1, '{annual_accounts}', 3, '{}'
		   FROM (SELECT id, row_number() OVER (ORDER BY id) rn FROM documents WHERE content IS NULL) d
		   JOIN (SELECT id, row_number() OVER (ORDER BY id) rn FROM cases WHERE association_key LIKE 'org:%') c USING (rn)`,
		`INSERT INTO case_fields (case_id, key, value, document_id, page, quote, confidence)
		 SELECT de.case_id, k.key, to_jsonb(de.case_id % 500), de.document_id, 2, 'Citat', CASE WHEN de.case_id % 7 = 0 THEN 0.4 ELSE 0.9 END
		   FROM document_extractions de CROSS JOIN (VALUES ('members_total'), ('income_total'), ('costs_total'), ('result'), ('equity')) k(key)`,
		`INSERT INTO case_checks (case_id, code, severity, message)
		 SELECT case_id, CASE WHEN case_id % 20 = 0 THEN 'balance_sheet_mismatch' ELSE 'unsigned' END,
		        CASE WHEN case_id % 20 = 0 THEN 'error' ELSE 'warning' END, 'Kontroll'
		   FROM document_extractions WHERE case_id % 3 = 0`,
		`INSERT INTO summaries (case_id, version, backend, backend_version, location, input_hash, sections, body, flags, prompt_version)
		 SELECT case_id, 1, 'rules', 'v1', 'internal', 'h' || case_id, '[]', 'Text',
		        CASE WHEN case_id % 10 = 0 THEN '[{"code":"unsupported_claim","message":"x"}]'::jsonb ELSE '[]' END, 'p1'
		   FROM document_extractions`,
		`INSERT INTO decisions (case_id, summary_id, user_id, decision, reason, values_hash, fields)
		 SELECT case_id, id, $1, CASE WHEN case_id % 10 < 3 THEN 'approve' ELSE 'reject' END, 'x', 'seed',
		        CASE WHEN case_id % 10 < 3 THEN (
		          SELECT jsonb_object_agg(f.key, CASE WHEN f.key = 'members_total' AND s.case_id % 13 = 0
		                   THEN jsonb_build_object('value', 2, 'corrected', true, 'machine_value', f.value, 'confidence', f.confidence)
		                   ELSE jsonb_build_object('value', f.value, 'corrected', false, 'document', 'arsredovisning.pdf', 'page', f.page,
		                                           'quote', f.quote, 'confidence', f.confidence) END)
		            FROM case_fields f WHERE f.case_id = s.case_id) END
		   FROM summaries s WHERE case_id % 10 < 4`,
		`INSERT INTO review_items (case_id, summary_id, status, entered_at, decided_at, decided_by, reason,
		        association_name, org_number, fiscal_year, search, check_codes, check_errors, check_warnings,
		        flag_count, low_confidence, batch_ids, has_documents, backend, prompt_version, arrived_at,
		        fields_machine, fields_changed)
		 SELECT s.case_id, s.id, CASE WHEN s.case_id % 10 < 3 THEN 'approved' WHEN s.case_id % 10 < 4 THEN 'rejected' ELSE 'pending' END,
		        c.created_at, CASE WHEN s.case_id % 10 < 4 THEN now() END, CASE WHEN s.case_id % 10 < 4 THEN $1::bigint END,
		        CASE WHEN s.case_id % 10 = 3 THEN 'x' END,
		        c.association_name, c.org_number, c.fiscal_year, lower(c.association_name || ' ' || c.org_number),
		        coalesce((SELECT array_agg(k.code) FROM case_checks k WHERE k.case_id = s.case_id), '{}'),
		        (SELECT count(*) FROM case_checks k WHERE k.case_id = s.case_id AND k.severity = 'error'),
		        (SELECT count(*) FROM case_checks k WHERE k.case_id = s.case_id AND k.severity = 'warning'),
		        jsonb_array_length(s.flags), s.case_id % 7 = 0, ARRAY[d.batch_id], true, s.backend, s.prompt_version,
		        c.created_at - interval '1 hour',
		        CASE WHEN s.case_id % 10 < 3 THEN '{costs_total,equity,income_total,members_total,result}'::text[] ELSE '{}' END,
		        CASE WHEN s.case_id % 10 < 3 AND s.case_id % 13 = 0 THEN '{members_total}'::text[] ELSE '{}' END
		   FROM summaries s JOIN cases c ON c.id = s.case_id
		   JOIN document_extractions de ON de.case_id = s.case_id JOIN documents d ON d.id = de.document_id`,
		`INSERT INTO corrections (case_id, summary_id, field_key, machine_value, corrected_value, backend, user_id, reason)
		 SELECT case_id, summary_id, 'members_total', '1', '2', 'rules', $1, 'x' FROM review_items WHERE case_id % 13 = 0`,
		`INSERT INTO case_claims (case_id, user_id, expires_at) SELECT case_id, $1, now() + interval '1 hour'
		   FROM review_items WHERE status = 'pending' AND case_id % 200 = 5`,
		`INSERT INTO case_claims (case_id, user_id, claimed_at, last_active_at, expires_at, released_at, release_reason)
		 SELECT case_id, $1, decided_at - interval '20 minutes', decided_at, decided_at + interval '10 minutes', decided_at, 'decided'
		   FROM review_items WHERE status <> 'pending'`,
		`UPDATE review_items r SET corrected = EXISTS (SELECT 1 FROM corrections c WHERE c.case_id = r.case_id AND c.summary_id = r.summary_id),
		        active_seconds = (SELECT sum(date_part('epoch', k.last_active_at - k.claimed_at)) FROM case_claims k WHERE k.case_id = r.case_id),
		        decision_seconds = date_part('epoch', decided_at - arrived_at)
		  WHERE status <> 'pending'`,
		`INSERT INTO flag_verdicts (case_id, summary_id, flag_key, verdict, user_id)
		 SELECT case_id, summary_id, 'check:unsigned', CASE WHEN case_id % 2 = 0 THEN 'confirmed' ELSE 'dismissed' END, $1
		   FROM review_items WHERE status <> 'pending' AND case_id % 3 = 0`,
	}
	for i, q := range stmts {
		var args []any
		switch {
		case strings.Contains(q, "$2"):
			args = []any{e.hl.ID, n}
			if !strings.Contains(q, "$1") {
				q = strings.ReplaceAll(q, "$2", "$1")
				args = []any{n}
			}
		case strings.Contains(q, "$1"):
			args = []any{e.hl.ID}
		}
		if _, err := e.db.Pool.Exec(ctx, q, args...); err != nil {
			b.Fatalf("seed step %d: %v", i, err)
		}
	}
	// Statistics, as autovacuum keeps them in production; only the tables'
	// owner may gather them (the application's role is skipped with a warning).
	if _, err := e.owner.Pool.Exec(ctx, `VACUUM ANALYZE`); err != nil {
		b.Fatalf("seed: vacuum analyze: %v", err)
	}
}

// timings measures fn n times and returns the sorted durations.
func timings(b *testing.B, n int, fn func(i int)) []time.Duration {
	out := make([]time.Duration, n)
	for i := range out {
		start := time.Now()
		fn(i)
		out[i] = time.Since(start)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func pct(d []time.Duration, p float64) time.Duration { return d[int(float64(len(d)-1)*p)] }

// BenchmarkWorkspace100k seeds 100 000 cases and reports p50 and p95 of the
// queue (each filter), the case view and the KPI page over HTTP, with the
// ratio to a reference request in the same run (the static stylesheet: the
// server's floor). Run: go test -run '^$' -bench Workspace100k -benchtime 1x ./review
func BenchmarkWorkspace100k(b *testing.B) {
	n := 100_000
	if s := os.Getenv("ARSFLOW_BENCH_CASES"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	e := newEnv(b)
	start := time.Now()
	e.seed(b, n)
	fmt.Printf("seeded %d cases in %s\n", n, time.Since(start).Round(time.Second))
	ts := newTestServer(b, e)
	c := newClient(b, ts)
	c.signIn("hanna")
	var first int64
	if err := e.db.Pool.QueryRow(context.Background(), `SELECT min(case_id) FROM review_items`).Scan(&first); err != nil {
		b.Fatal(err)
	}
	get := func(path string) {
		code, _, _ := c.get(path)
		if code != http.StatusOK {
			b.Fatalf("%s: %d", path, code)
		}
	}
	const reps = 40
	ref := timings(b, reps, func(int) { get("/static/style.css") })
	report := func(name string, d []time.Duration) {
		fmt.Printf("%-34s p50 %6.1f ms  p95 %6.1f ms  (p95 %5.1f× the reference)\n", name,
			float64(pct(d, .5).Microseconds())/1000, float64(pct(d, .95).Microseconds())/1000,
			float64(pct(d, .95))/float64(pct(ref, .95)))
	}
	report("reference (stylesheet)", ref)
	page, err := e.svc.Queue(context.Background(), review.QueueFilter{Status: "pending"})
	if err != nil {
		b.Fatal(err)
	}
	queues := []struct{ name, path string }{
		{"queue: pending (default)", "/arenden"},
		{"queue: all statuses", "/arenden?status=alla"},
		{"queue: approved", "/arenden?status=approved"},
		{"queue: page 2", "/arenden?status=pending&efter=" + page.Next},
		{"queue: newest first", "/arenden?ordning=nyast"},
		{"queue: flag (a check code)", "/arenden?flagga=balance_sheet_mismatch"},
		{"queue: flag (any error)", "/arenden?flagga=fel"},
		{"queue: flag (summary)", "/arenden?flagga=sammandrag"},
		{"queue: batch", "/arenden?batch=" + strconv.FormatInt(first/1000+5, 10)},
		{"queue: association search", "/arenden?sok=nummer+4711"},
		{"queue: org number search", "/arenden?sok=8020047"},
		{"queue: assignee (mine)", "/arenden?handlaggare=jag"},
		{"queue: unclaimed", "/arenden?handlaggare=ingen"},
		{"queue: low confidence", "/arenden?osaker=1"},
		{"queue: all filters", "/arenden?status=alla&flagga=unsigned&osaker=1&sok=nummer&handlaggare=ingen"},
	}
	for _, q := range queues {
		get(q.path)
		report(q.name, timings(b, reps, func(int) { get(q.path) }))
	}
	report("case view", timings(b, reps, func(i int) { get(fmt.Sprintf("/arenden/%d", first+int64(i*2477%n))) }))
	report("KPI page", timings(b, 10, func(int) { get("/nyckeltal") }))
}
