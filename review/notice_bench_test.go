package review_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"arsflow/queue/database"
	"arsflow/queue/database/dbtest"
	"arsflow/review"
	"arsflow/review/account"
)

// BenchmarkPublicNotice measures /om-ai on 10 000 decided cases, computing
// the figures for every request (the reference) and with the figures cached
// as served, both with the same parallel clients, and prints the cached
// page's speed as a ratio of the reference's.
//
//	go test -run '^$' -bench PublicNotice -benchtime 2s ./review
func BenchmarkPublicNotice(b *testing.B) {
	db, owner := dbtest.NewWithOwner(b)
	acct := account.New(db, account.Config{BcryptCost: bcrypt.MinCost})
	seedDecided(b, db, owner, acct, 10000)
	serve := func(b *testing.B, ttl time.Duration) {
		srv, err := review.NewServer(review.Config{PageCacheDir: b.TempDir(), FiguresTTL: ttl, Backends: []review.BackendInfo{rulesBackend}}, db, acct, review.Actions{})
		if err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				rec := httptest.NewRecorder()
				srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/om-ai", nil))
				if rec.Code != http.StatusOK {
					b.Errorf("status %d", rec.Code)
					return
				}
			}
		})
	}
	var reference float64 // ns per page, figures computed every time
	b.Run("uncached", func(b *testing.B) {
		serve(b, -1)
		reference = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	})
	b.Run("cached", func(b *testing.B) {
		serve(b, time.Minute)
		if reference > 0 {
			b.ReportMetric(reference/(float64(b.Elapsed().Nanoseconds())/float64(b.N)), "x_faster_than_uncached")
		}
	})
}

// seedDecided writes n decided cases, one in ten rejected, the others
// approved with a field snapshot in which one in seven corrected a value,
// and the figures' read model as the decisions would have left it.
func seedDecided(tb testing.TB, db, owner *database.DB, acct *account.Service, n int) {
	ctx := context.Background()
	hl, err := acct.CreateUser(ctx, "hanna", "Hanna", "ett-långt-lösenord", account.RoleHandlaggare)
	if err != nil {
		tb.Fatal(err)
	}
	for _, sql := range []string{
		`INSERT INTO batches (source) VALUES ('api')`,
		`INSERT INTO documents (batch_id, filename, sha256, size_bytes, content, created_at)
		 SELECT 1, 'a.pdf', sha256(i::text::bytea), 10, 'x', now() - interval '30 days' FROM generate_series(1, $1) i`,
		`INSERT INTO cases (association_key, association_name, fiscal_year) SELECT 'k' || i, 'Förening ' || i, 2025 FROM generate_series(1, $1) i`,
		`INSERT INTO document_extractions (document_id, case_id, attempt, result) SELECT i, i, 1, '{}' FROM generate_series(1, $1) i`,
		`INSERT INTO summaries (case_id, version, backend, backend_version, location, input_hash, sections, body)
		 SELECT i, 1, 'rules', 'rules/4', 'internal', 'h' || i, '[]', '' FROM generate_series(1, $1) i`,
		`INSERT INTO decisions (case_id, summary_id, user_id, decision, fields, created_at)
		 SELECT i, i, $2, CASE WHEN i % 10 = 0 THEN 'reject' ELSE 'approve' END,
		        CASE WHEN i % 10 = 0 THEN NULL ELSE jsonb_build_object(
		          'members_total', jsonb_build_object('value', 150, 'corrected', i % 7 = 0, 'machine_value', 142),
		          'result', jsonb_build_object('value', -1200, 'corrected', false),
		          'org_number', jsonb_build_object('value', '802000-0001', 'corrected', false)) END,
		        now() - interval '20 days'
		   FROM generate_series(1, $1) i`,
		`INSERT INTO review_items (case_id, summary_id, status, entered_at, decided_at, decided_by,
		        arrived_at, decision_seconds, fields_machine, fields_changed)
		 SELECT i, i, CASE WHEN i % 10 = 0 THEN 'rejected' ELSE 'approved' END, now() - interval '29 days', now() - interval '20 days', $2,
		        now() - interval '30 days', 10 * 86400,
		        CASE WHEN i % 10 = 0 THEN '{}' ELSE '{members_total,org_number,result}'::text[] END,
		        CASE WHEN i % 10 <> 0 AND i % 7 = 0 THEN '{members_total}'::text[] ELSE '{}' END
		   FROM generate_series(1, $1) i`,
	} {
		args := []any{n, hl.ID}
		if _, err := db.Pool.Exec(ctx, sql, args[:countParams(sql)]...); err != nil {
			tb.Fatalf("%s: %v", sql, err)
		}
	}
	// Statistics, as autovacuum keeps them; only the owner may gather them.
	if _, err := owner.Pool.Exec(ctx, `ANALYZE`); err != nil {
		tb.Fatal(err)
	}
}

// countParams is the number of $n parameters sql uses (1 or 2 here).
func countParams(sql string) int {
	for n := 2; n > 0; n-- {
		for i := 0; i+1 < len(sql); i++ {
			if sql[i] == '$' && int(sql[i+1]-'0') == n {
				return n
			}
		}
	}
	return 0
}
