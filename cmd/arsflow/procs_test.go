package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"arsflow/ingest"
	"arsflow/queue/database"
)

// proc is a process a test started and may kill and start again: this test
// binary run as arsflow, or an external server. It listens on a loopback
// address of its own, kept across restarts. Its output goes to a file in the
// test's directory, shown when the test fails.
type proc struct {
	t     *testing.T
	name  string
	path  string
	setup func(addr string) (args, env []string)
	ready func(addr string) error
	log   string
	cred  *syscall.Credential // run as this user; nil: as the test

	mu     sync.Mutex
	addr   string
	cmd    *exec.Cmd
	exited chan struct{}
}

// freeAddr returns a loopback address with a port that was free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// newProc returns a process that is not started yet.
func newProc(t *testing.T, name, path string, setup func(addr string) (args, env []string), ready func(addr string) error) *proc {
	p := &proc{t: t, name: name, path: path, setup: setup, ready: ready, log: filepath.Join(t.TempDir(), name+".log")}
	t.Cleanup(func() {
		p.kill()
		if t.Failed() {
			if b, err := os.ReadFile(p.log); err == nil && len(b) > 0 {
				if len(b) > 3000 {
					b = b[len(b)-3000:]
				}
				t.Logf("%s output (end):\n%s", name, b)
			}
		}
	})
	return p
}

// start starts the process (again) and waits until it is ready. When the
// port it was given was taken meanwhile, it tries another.
func (p *proc) start() {
	p.t.Helper()
	for try := 0; ; try++ {
		p.mu.Lock()
		if p.addr == "" {
			p.addr = freeAddr(p.t)
		}
		addr := p.addr
		p.mu.Unlock()
		exited := p.launch(addr)
		deadline := time.Now().Add(time.Minute)
		for {
			err := p.ready(addr)
			if err == nil {
				return
			}
			select {
			case <-exited:
				if try < 3 {
					p.mu.Lock()
					p.addr = "" // its port was taken: another one
					p.mu.Unlock()
					goto retry
				}
				p.t.Fatalf("%s exited before it was ready: %v", p.name, err)
			default:
			}
			if time.Now().After(deadline) {
				p.t.Fatalf("%s did not become ready: %v", p.name, err)
			}
			time.Sleep(50 * time.Millisecond)
		}
	retry:
	}
}

// launch starts the process once; the channel closes when it exits.
func (p *proc) launch(addr string) chan struct{} {
	f, err := os.OpenFile(p.log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		p.t.Fatal(err)
	}
	defer f.Close()
	args, env := p.setup(addr)
	cmd := exec.Command(p.path, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = f, f
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Credential: p.cred} // its own group: its children die with it
	if err := cmd.Start(); err != nil {
		p.t.Fatalf("start %s: %v", p.name, err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	p.mu.Lock()
	p.cmd, p.exited = cmd, exited
	p.mu.Unlock()
	return exited
}

// kill sends SIGKILL to the process and its children, no shutdown code
// runs, and waits until it has exited.
func (p *proc) kill() {
	p.mu.Lock()
	cmd, exited := p.cmd, p.exited
	p.cmd = nil
	p.mu.Unlock()
	if cmd == nil || cmd.Process == nil {
		return
	}
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	select {
	case <-exited:
	case <-time.After(time.Minute):
		p.t.Errorf("%s did not exit after SIGKILL", p.name)
	}
}

// url is the process's HTTP base URL.
func (p *proc) url() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return "http://" + p.addr
}

// readyz is a ready check: GET /readyz answers 200.
func readyz(addr string) error {
	resp, err := http.Get("http://" + addr + "/readyz")
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("/readyz: %s", resp.Status)
	}
	return nil
}

// arsflowProc runs this test binary as `arsflow ARGS` with env, and an HTTP
// address of its own (for serve's web server, or a worker's /metrics).
func arsflowProc(t *testing.T, name string, env []string, args ...string) *proc {
	return newProc(t, name, os.Args[0], func(addr string) ([]string, []string) {
		return args, append([]string{"ARSFLOW_TEST_RUN_MAIN=1", "ARSFLOW_HTTP_ADDR=" + addr, "ARSFLOW_LOG_LEVEL=warn"}, env...)
	}, readyz)
}

// natsServer is Debian's nats-server with JetStream storage in dir.
func natsServer(t *testing.T, dir string) *proc {
	t.Helper()
	bin, err := exec.LookPath("nats-server")
	if err != nil {
		bin = "/usr/sbin/nats-server"
		if _, err := os.Stat(bin); err != nil {
			t.Fatal("nats-server is required for this test (apt-get install nats-server; .ci/setup installs it)")
		}
	}
	return newProc(t, "nats-server", bin, func(addr string) ([]string, []string) {
		host, port, _ := net.SplitHostPort(addr)
		return []string{"-a", host, "-p", port, "-js", "-sd", dir}, nil
	}, func(addr string) error {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
		}
		return err
	})
}

// natsURL is the client URL of a natsServer.
func (p *proc) natsURL() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return "nats://" + p.addr
}

var (
	arsgenOnce sync.Once
	arsgenPath string
	arsgenErr  error
)

// bulkCases generates n distinct clean cases of about pages pages each with
// `arsgen -bulk` into a temporary directory and returns their PDFs.
func bulkCases(t *testing.T, n, pages int) []ingest.Source {
	t.Helper()
	arsgenOnce.Do(func() {
		dir, err := os.MkdirTemp("", "arsgen-")
		if err != nil {
			arsgenErr = err
			return
		}
		arsgenPath = filepath.Join(dir, "arsgen")
		out, err := exec.Command("go", "build", "-o", arsgenPath, "../../cmd/arsgen").CombinedOutput()
		if err != nil {
			arsgenErr = fmt.Errorf("build arsgen: %v\n%s", err, out)
		}
	})
	if arsgenErr != nil {
		t.Fatal(arsgenErr)
	}
	dir := t.TempDir()
	if out, err := exec.Command(arsgenPath, "-bulk", fmt.Sprint(n), "-pages", fmt.Sprint(pages), "-out", dir).CombinedOutput(); err != nil {
		t.Fatalf("arsgen: %v\n%s", err, out)
	}
	return pdfSources(t, dir)
}

// pdfSources collects the PDFs under paths (not the corpus's expected.json).
func pdfSources(t *testing.T, paths ...string) []ingest.Source {
	t.Helper()
	all, _, err := ingest.Collect(paths)
	if err != nil {
		t.Fatal(err)
	}
	var pdfs []ingest.Source
	for _, s := range all {
		if strings.HasSuffix(s.Name, ".pdf") {
			pdfs = append(pdfs, s)
		}
	}
	return pdfs
}

// outcome is what a fault test saw.
type outcome struct {
	sent, documents, inReview, duplicated, lost int
}

func (o outcome) String() string {
	return fmt.Sprintf("cases sent %d, in review %d, duplicated %d, lost %d (documents %d)", o.sent, o.inReview, o.duplicated, o.lost, o.documents)
}

// tally counts, from the database, what became of cases cases of documents
// documents: how many are in review, how many were formed, summarised or
// entered into review more than once, and how many cases or uploads never
// made it.
func tally(t *testing.T, db *database.DB, cases, documents int) outcome {
	t.Helper()
	o := outcome{sent: cases, documents: documents}
	o.inReview = count(t, db, `SELECT count(*) FROM review_items`)
	o.duplicated = count(t, db, `SELECT count(*) FROM cases c WHERE c.summarize_requests <> 1
		OR (SELECT count(*) FROM summaries s WHERE s.case_id = c.id) <> 1
		OR (SELECT count(*) FROM audit_log a WHERE a.action = 'review.enter' AND a.object_type = 'case' AND a.object_id = c.id) <> 1`)
	extracted := count(t, db, `SELECT count(*) FROM documents d JOIN document_extractions de ON de.document_id = d.id
		WHERE de.case_id IS NOT NULL AND de.error IS NULL`)
	o.lost = (cases - o.inReview) + (documents - extracted)
	if o.lost < 0 {
		o.lost = 0
	}
	return o
}

// check fails the test unless every case reached review exactly once and
// nothing was lost, and that the queue is clean.
func (o outcome) check(t *testing.T, db *database.DB) {
	t.Helper()
	if o.inReview != o.sent || o.duplicated != 0 || o.lost != 0 {
		t.Errorf("want every case in review exactly once and nothing lost; got %s", o)
	}
	if n := count(t, db, `SELECT count(*) FROM cases`); n != o.sent {
		t.Errorf("%d cases formed from %d case folders", n, o.sent)
	}
	if n := count(t, db, `SELECT count(*) FROM dead_letters`); n != 0 {
		t.Errorf("%d dead letters", n)
	}
	if n := count(t, db, `SELECT count(*) FROM work_items WHERE status <> 'done'`); n != 0 {
		t.Errorf("%d work items not done", n)
	}
}

// waitInReview waits, up to limit, until n cases are in review, calling
// during (when not nil) between polls.
func waitInReview(t *testing.T, db *database.DB, n int, limit time.Duration, during func()) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if count(t, db, `SELECT count(*) FROM review_items`) >= n {
			return
		}
		if during != nil {
			during()
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("gave up waiting after %s: %d of %d cases in review", limit, count(t, db, `SELECT count(*) FROM review_items`), n)
}

// upload sends sources as one batch through the ingest API at base.
func uploadTo(t *testing.T, base, token string, sources []ingest.Source) {
	t.Helper()
	c := &ingest.Client{BaseURL: base, Token: token, HTTP: &http.Client{Timeout: 5 * time.Minute}}
	rep, err := c.Upload(context.Background(), sources)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Accepted != len(sources) {
		t.Fatalf("accepted %d of %d", rep.Accepted, len(sources))
	}
}
