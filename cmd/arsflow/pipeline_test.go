package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"arsflow/extract/pdftext"
	"arsflow/ingest"
	"arsflow/queue"
	"arsflow/queue/database"
	"arsflow/queue/database/dbtest"
	"arsflow/review"
	"arsflow/review/account"
)

func TestMain(m *testing.M) {
	pdftext.MaybeRunChild() // the isolated PDF parser re-executes this test binary
	if os.Getenv("ARSFLOW_TEST_RUN_MAIN") == "1" {
		// The crash test runs this binary as `arsflow serve`.
		main()
		os.Exit(0)
	}
	code := m.Run()
	if arsgenPath != "" {
		_ = os.RemoveAll(filepath.Dir(arsgenPath)) // built by bulkCases
	}
	os.Exit(code)
}

// demoCases are the three clean corpus cases the demo uses.
var demoCases = []string{
	"../../testdata/cases/01-ekbackens-ik",
	"../../testdata/cases/02-scoutkaren-svalan",
	"../../testdata/cases/03-kulturforeningen-lyktan",
}

// testApp is a whole arsflow serve (embedded NATS, every stage, relay and
// the web handler) on a test database.
type testApp struct {
	*app
	srv    *httptest.Server
	cancel context.CancelFunc
	done   chan struct{}
}

func testConfig(dataDir string) *config {
	return &config{
		DataDir: dataDir, HTTPAddr: "127.0.0.1:0", Backend: "rules",
		AdminUser: "admin", AdminPass: "prov-för-drift-2026", MaxDeliver: 3,
		ExtractConc: 2, ExtractMem: 1 << 30, ExtractTime: 2 * time.Minute, LogLevel: "error",
	}
}

// startApp starts the app; wrap, when set, replaces a stage's handler.
func startApp(t *testing.T, db *database.DB, dataDir string, wrap func(stage string, h queue.Handler) queue.Handler) *testApp {
	t.Helper()
	return startAppWith(t, db, dataDir, nil, wrap)
}

// startAppWith is startApp with a change to the test configuration.
func startAppWith(t *testing.T, db *database.DB, dataDir string, change func(*config), wrap func(stage string, h queue.Handler) queue.Handler) *testApp {
	t.Helper()
	return startAppLogged(t, db, dataDir, change, wrap, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// startAppLogged is startAppWith logging to log.
func startAppLogged(t *testing.T, db *database.DB, dataDir string, change func(*config), wrap func(stage string, h queue.Handler) queue.Handler, log *slog.Logger) *testApp {
	t.Helper()
	ctx := context.Background()
	cfg := testConfig(dataDir)
	if change != nil {
		change(cfg)
	}
	a, err := openApp(ctx, cfg, log, true, db)
	if err != nil {
		t.Fatal(err)
	}
	a.grace = 50 * time.Millisecond
	if err := a.wireStages(ctx, allStages); err != nil {
		t.Fatal(err)
	}
	if wrap != nil {
		for _, w := range a.workers {
			w.Handler = wrap(w.Stage, w.Handler)
		}
	}
	a.addRelay()
	if err := a.wireHTTP(ctx); err != nil {
		t.Fatal(err)
	}
	ta := &testApp{app: a, srv: newHTTPTest(a), done: make(chan struct{})}
	rctx, cancel := context.WithCancel(ctx)
	ta.cancel = cancel
	go func() { defer close(ta.done); _ = a.run(rctx) }()
	t.Cleanup(ta.stop)
	return ta
}

// newHTTPTest serves the app's web handler with httptest instead of its own listener.
func newHTTPTest(a *app) *httptest.Server {
	srv := httptest.NewServer(a.httpSrv.Handler)
	a.httpSrv = nil
	return srv
}

func (ta *testApp) stop() {
	select {
	case <-ta.done:
		return
	default:
	}
	ta.cancel()
	<-ta.done
	ta.srv.Close()
}

func (ta *testApp) adminToken(t *testing.T) string {
	t.Helper()
	return ta.adminTokenFor(t, account.ScopeIngest)
}

// adminTokenFor is an API token of the administrator with scope.
func (ta *testApp) adminTokenFor(t *testing.T, scope string) string {
	t.Helper()
	ctx := context.Background()
	admin, err := ta.acct.UserByName(ctx, "admin")
	if err != nil {
		t.Fatal(err)
	}
	tok, err := ta.acct.CreateToken(ctx, admin.ID, "test", scope, 0)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func (ta *testApp) reviewer(t *testing.T, name string) *account.User {
	t.Helper()
	u, err := ta.acct.CreateUser(context.Background(), name, "Test Handläggare", "reviewer-password-1", account.RoleHandlaggare)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// upload sends paths through the administrator's CLI client and waits until
// every document reached review or failed.
func (ta *testApp) upload(t *testing.T, token string, paths ...string) string {
	t.Helper()
	var out bytes.Buffer
	c := &ingest.Client{BaseURL: ta.srv.URL, Token: token, HTTP: ta.srv.Client()}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if _, err := c.Run(ctx, paths, ingest.RunOptions{Wait: true, Interval: 100 * time.Millisecond}, &out); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out.String())
	}
	return out.String()
}

type reviewRow struct {
	CaseID    int64
	SummaryID int64
	Status    string
}

func reviewItems(t *testing.T, db *database.DB) []reviewRow {
	t.Helper()
	rows, err := db.Pool.Query(context.Background(), `SELECT case_id, summary_id, status FROM review_items ORDER BY case_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []reviewRow
	for rows.Next() {
		var r reviewRow
		if err := rows.Scan(&r.CaseID, &r.SummaryID, &r.Status); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func count(t *testing.T, db *database.DB, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := db.Pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

// exportedCases fetches the JSON export over the API as user.
func exportedCases(t *testing.T, ta *testApp, token string) []int64 {
	t.Helper()
	req, _ := http.NewRequest("GET", ta.srv.URL+"/api/v1/export.json", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := ta.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("export: %s: %s", resp.Status, body)
	}
	var doc struct {
		Cases []struct {
			CaseID int64 `json:"case_id"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatalf("export JSON: %v\n%s", err, body)
	}
	ids := []int64{}
	for _, c := range doc.Cases {
		ids = append(ids, c.CaseID)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

func TestPipelineEndToEnd(t *testing.T) {
	db := dbtest.New(t)
	ta := startApp(t, db, t.TempDir(), nil)
	ctx := context.Background()
	out := ta.upload(t, ta.adminToken(t), demoCases...)

	items := reviewItems(t, db)
	if len(items) != 3 {
		t.Fatalf("review queue has %d cases, want 3\n%s", len(items), out)
	}
	for _, it := range items {
		if it.Status != "pending" {
			t.Errorf("case %d is %q, want pending", it.CaseID, it.Status)
		}
	}
	if n := count(t, db, `SELECT count(*) FROM cases`); n != 3 {
		t.Errorf("%d cases formed, want 3 (one per association)", n)
	}
	if n := count(t, db, `SELECT count(*) FROM document_extractions WHERE case_id IS NULL OR error IS NOT NULL`); n != 0 {
		t.Errorf("%d documents without a case or with an error", n)
	}
	// Exactly once: one summary per case, one review entry each.
	if n := count(t, db, `SELECT count(*) FROM summaries`); n != 3 {
		t.Errorf("%d summaries, want 3", n)
	}
	if n := count(t, db, `SELECT count(*) FROM cases WHERE summarize_requests <> 1`); n != 0 {
		t.Errorf("%d cases were formed and summarised more than once", n)
	}
	if n := count(t, db, `SELECT count(*) FROM audit_log WHERE action = $1`, review.ActionReviewEnter); n != 3 {
		t.Errorf("%d review.enter audit rows, want 3", n)
	}
	if n := count(t, db, `SELECT count(*) FROM audit_log WHERE action = 'batch.upload' AND actor = 'admin'`); n != 1 {
		t.Errorf("%d batch.upload audit rows by admin, want 1", n)
	}
	if n := count(t, db, `SELECT count(*) FROM decisions`); n != 0 {
		t.Errorf("%d decisions before any handläggare acted", n)
	}

	anna := ta.reviewer(t, "anna")
	annaToken, err := ta.acct.CreateToken(ctx, anna.ID, "test", account.ScopeExport, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := exportedCases(t, ta, annaToken); len(got) != 0 {
		t.Fatalf("export before any decision = %v, want nothing", got)
	}

	svc := review.New(db)
	admin, _ := ta.acct.UserByName(ctx, "admin")
	shown := func(id int64) string {
		c, err := svc.Case(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return c.ValuesHash
	}
	if err := svc.Approve(ctx, admin, items[1].CaseID, items[1].SummaryID, shown(items[1].CaseID)); err == nil {
		t.Fatal("an administrator approved a case; only a handläggare may")
	}
	if err := svc.Approve(ctx, anna, items[1].CaseID, items[1].SummaryID, shown(items[1].CaseID)); err != nil {
		t.Fatal(err)
	}
	if err := svc.Reject(ctx, anna, items[2].CaseID, items[2].SummaryID, "Revisionsberättelsen är osignerad"); err != nil {
		t.Fatal(err)
	}
	if got, want := exportedCases(t, ta, annaToken), []int64{items[1].CaseID}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("export after approving case %d = %v, want %v", items[1].CaseID, got, want)
	}

	// Uploading the same bytes again is recognised and not processed twice.
	out = ta.upload(t, ta.adminToken(t), demoCases[0])
	if n := count(t, db, `SELECT count(*) FROM documents WHERE rejected_reason IS NULL`); n != 12 {
		t.Errorf("%d accepted documents after re-upload, want 12\n%s", n, out)
	}
	if n := count(t, db, `SELECT count(*) FROM batch_items WHERE outcome = 'duplicate'`); n != 4 {
		t.Errorf("%d duplicates recorded, want 4", n)
	}
	if n := count(t, db, `SELECT count(*) FROM summaries`); n != 3 {
		t.Errorf("%d summaries after re-upload, want still 3", n)
	}

	// The status command sees every case in review.
	snap, err := queue.Snap(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	statuses := map[string]int{}
	for _, c := range snap.Cases {
		statuses[c.Stage+"/"+c.Status]++
	}
	if statuses["review/pending"] != 1 || statuses["review/approved"] != 1 || statuses["review/rejected"] != 1 {
		t.Errorf("status cases = %v, want one pending, one approved, one rejected", statuses)
	}
}

func TestBrokenDocumentIsKeptAndFailsAlone(t *testing.T) {
	db := dbtest.New(t)
	ta := startApp(t, db, t.TempDir(), nil)
	// A folder with the demo case's documents plus a PDF that is cut off.
	dir := t.TempDir()
	folder := filepath.Join(dir, "ekbacken")
	if err := os.MkdirAll(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(demoCases[0])
	for _, e := range entries {
		if filepath.Ext(e.Name()) != ".pdf" {
			continue
		}
		b, _ := os.ReadFile(filepath.Join(demoCases[0], e.Name()))
		_ = os.WriteFile(filepath.Join(folder, e.Name()), b, 0o644)
	}
	broken := []byte("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pa")
	_ = os.WriteFile(filepath.Join(folder, "bilaga-trasig.pdf"), broken, 0o644)
	ta.upload(t, ta.adminToken(t), folder)

	items := reviewItems(t, db)
	if len(items) != 1 || items[0].Status != "pending" {
		t.Fatalf("review items = %+v, want the one case pending", items)
	}
	var errText string
	if err := db.Pool.QueryRow(context.Background(), `SELECT COALESCE(de.error, '') FROM documents d
		JOIN document_extractions de ON de.document_id = d.id WHERE d.filename = 'bilaga-trasig.pdf'`).Scan(&errText); err != nil {
		t.Fatal(err)
	}
	if errText == "" {
		t.Error("the broken document has no error recorded")
	}
	if n := count(t, db, `SELECT count(*) FROM documents WHERE filename = 'bilaga-trasig.pdf' AND content IS NOT NULL`); n != 1 {
		t.Error("the broken document was not kept")
	}
	snap, err := queue.Snap(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	failed := 0
	for _, b := range snap.Batches {
		for _, d := range b.Documents {
			if d.Status == "failed" {
				failed++
				if d.Filename != "bilaga-trasig.pdf" || d.Error == "" {
					t.Errorf("failed document %q with error %q", d.Filename, d.Error)
				}
			}
		}
	}
	if failed != 1 {
		t.Errorf("%d documents shown failed, want 1", failed)
	}
}

// stallOnce makes the first extraction hang until the worker is stopped, as
// a worker killed in the middle of a document.
type stallOnce struct {
	queue.Handler
	started chan struct{}
	once    sync.Once
	calls   atomic.Int32
}

func (s *stallOnce) Process(ctx context.Context, env queue.Envelope) (queue.Commit, error) {
	if s.calls.Add(1) == 1 {
		s.once.Do(func() { close(s.started) })
		<-ctx.Done()
		return nil, ctx.Err()
	}
	return s.Handler.Process(ctx, env)
}

func TestWorkerStoppedMidDocument(t *testing.T) {
	db := dbtest.New(t)
	dataDir := t.TempDir()
	stall := &stallOnce{started: make(chan struct{})}
	first := startApp(t, db, dataDir, func(stage string, h queue.Handler) queue.Handler {
		if stage != queue.StageExtract {
			return h
		}
		stall.Handler = h
		return stall
	})
	token := first.adminToken(t)
	c := &ingest.Client{BaseURL: first.srv.URL, Token: token, HTTP: first.srv.Client()}
	sources, _, err := ingest.Collect([]string{demoCases[0]})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Upload(context.Background(), sources); err != nil {
		t.Fatal(err)
	}
	select {
	case <-stall.started:
	case <-time.After(time.Minute):
		t.Fatal("extraction never started")
	}
	first.stop() // the process goes down with a document half done

	second := startApp(t, db, dataDir, nil) // a restart on the same NATS storage and database
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) && len(reviewItems(t, db)) == 0 {
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond) // let any duplicate surface before counting
	second.stop()
	items := reviewItems(t, db)
	if len(items) != 1 {
		t.Fatalf("review items = %+v, want exactly one case", items)
	}
	if n := count(t, db, `SELECT count(*) FROM summaries`); n != 1 {
		t.Errorf("%d summaries, want exactly 1", n)
	}
	if n := count(t, db, `SELECT count(*) FROM cases WHERE summarize_requests <> 1`); n != 0 {
		t.Errorf("the case was formed and summarised more than once")
	}
	if n := count(t, db, `SELECT count(*) FROM document_extractions WHERE case_id = $1`, items[0].CaseID); n != 4 {
		t.Errorf("case has %d documents, want 4", n)
	}
}
