package main

import (
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"arsflow/ingest"
	"arsflow/queue/database/dbtest"
	"arsflow/review/account"
)

// serveProcess runs this test binary as `arsflow serve` in its own process.
type serveProcess struct {
	cmd  *exec.Cmd
	addr string
}

func startServe(t *testing.T, dbURL, dataDir string) *serveProcess {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(os.Args[0], "serve")
	cmd.Args = []string{"arsflow", "serve"}
	cmd.Path = os.Args[0]
	cmd.Env = append(os.Environ(),
		"ARSFLOW_TEST_RUN_MAIN=1",
		"DATABASE_URL="+dbURL,
		"ARSFLOW_DATA_DIR="+dataDir,
		"ARSFLOW_HTTP_ADDR="+addr,
		"ARSFLOW_ADMIN_PASSWORD=krasch-prov-för-drift",
		"ARSFLOW_ACK_WAIT=3s",
		"ARSFLOW_LOG_LEVEL=error",
	)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &serveProcess{cmd: cmd, addr: addr}
	t.Cleanup(func() { p.kill() })
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		if resp, err := http.Get("http://" + addr + "/healthz"); err == nil {
			resp.Body.Close()
			return p
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("arsflow serve did not start")
	return nil
}

// kill sends SIGKILL to the server and its child processes: no shutdown code runs.
func (p *serveProcess) kill() {
	if p.cmd.ProcessState != nil {
		return
	}
	_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
	_ = p.cmd.Wait()
}

func TestKilledProcessLosesAndDuplicatesNothing(t *testing.T) {
	db := dbtest.New(t)
	dbURL := db.Pool.Config().ConnString()
	dataDir := t.TempDir()
	ctx := context.Background()

	first := startServe(t, dbURL, dataDir)
	acct := account.New(db, account.Config{})
	admin, err := acct.UserByName(ctx, "admin")
	if err != nil {
		t.Fatal(err)
	}
	token, err := acct.CreateToken(ctx, admin.ID, "crash-test", account.ScopeIngest, 0)
	if err != nil {
		t.Fatal(err)
	}
	// Ten text-layer cases, one folder each.
	var folders []string
	all, _ := filepath.Glob("../../testdata/cases/*")
	for _, dir := range all {
		if len(folders) == 10 {
			break
		}
		if strings.Contains(dir, "skannad") || strings.Contains(dir, "lang") {
			continue
		}
		folders = append(folders, dir)
	}
	sources, _, err := ingest.Collect(folders)
	if err != nil {
		t.Fatal(err)
	}
	var pdfs []ingest.Source
	for _, s := range sources {
		if strings.HasSuffix(s.Name, ".pdf") {
			pdfs = append(pdfs, s)
		}
	}
	c := &ingest.Client{BaseURL: "http://" + first.addr, Token: token, HTTP: &http.Client{Timeout: time.Minute}}
	rep, err := c.Upload(ctx, pdfs)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Accepted != len(pdfs) {
		t.Fatalf("accepted %d of %d", rep.Accepted, len(pdfs))
	}

	// Kill the process once the first case reached review, with the rest in flight.
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) && count(t, db, `SELECT count(*) FROM review_items`) == 0 {
		time.Sleep(20 * time.Millisecond)
	}
	first.kill()
	inReview := count(t, db, `SELECT count(*) FROM review_items`)
	t.Logf("killed with %d of %d cases in review", inReview, len(folders))

	second := startServe(t, dbURL, dataDir)
	deadline = time.Now().Add(4 * time.Minute)
	for time.Now().Before(deadline) && count(t, db, `SELECT count(*) FROM review_items`) < len(folders) {
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(4 * time.Second) // past the ack wait, so a duplicate redelivery would have surfaced
	second.kill()

	checks := []struct {
		what string
		sql  string
		want int
	}{
		{"cases in review", `SELECT count(*) FROM review_items WHERE status = 'pending'`, len(folders)},
		{"cases", `SELECT count(*) FROM cases`, len(folders)},
		{"summaries (one per case)", `SELECT count(*) FROM summaries`, len(folders)},
		{"cases whose group completed other than once", `SELECT count(*) FROM cases WHERE summarize_requests <> 1`, 0},
		{"summarize messages (one per case)", `SELECT count(DISTINCT msg_id) FROM outbox WHERE subject = 'arsflow.work.summarize'`, len(folders)},
		{"documents extracted into a case", `SELECT count(*) FROM document_extractions WHERE case_id IS NOT NULL AND error IS NULL`, len(pdfs)},
		{"review entries in the audit log", `SELECT count(*) FROM audit_log WHERE action = 'review.enter'`, len(folders)},
		{"dead letters", `SELECT count(*) FROM dead_letters`, 0},
		{"unpublished outbox rows", `SELECT count(*) FROM outbox WHERE published_at IS NULL`, 0},
	}
	for _, c := range checks {
		if got := count(t, db, c.sql); got != c.want {
			t.Errorf("%s = %d, want %d", c.what, got, c.want)
		}
	}
}
