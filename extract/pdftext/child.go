package pdftext

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Environment variables that make a process an extraction child.
const (
	childEnv    = "ARSFLOW_PDFTEXT_CHILD"
	memLimitEnv = "ARSFLOW_PDFTEXT_MEMLIMIT"
)

// defaultIsolatedTimeout bounds a child when ctx has no deadline.
const defaultIsolatedTimeout = 15 * time.Minute

// maxResponse bounds what is read back from a child.
const maxResponse = 1 << 30

// childHook, when set (by tests), runs in the child before extraction.
var childHook func()

// childRequest is the header a parent writes before the PDF bytes.
type childRequest struct {
	Options Options `json:"options"`
}

// childResponse is what a child writes to stdout.
type childResponse struct {
	Build  string  `json:"build,omitempty"` // the child's build (see buildID)
	Result *Result `json:"result,omitempty"`
	Kind   string  `json:"kind,omitempty"` // sentinel name when Extract failed
	Error  string  `json:"error,omitempty"`
}

var sentinels = map[string]*Error{
	"not_pdf":   ErrNotPDF,
	"encrypted": ErrEncrypted,
	"damaged":   ErrDamaged,
	"timeout":   ErrTimeout,
	"crashed":   ErrCrashed,
	"no_text":   ErrNoText,
}

// MaybeRunChild turns the current process into an isolated PDF-parsing child
// when it was started as one by ExtractIsolated, and never returns in that
// case. Call it first in main and in TestMain.
func MaybeRunChild() {
	if os.Getenv(childEnv) != "1" {
		return
	}
	os.Exit(runChild(os.Stdin, os.Stdout))
}

// runChild reads a request from in, extracts and writes the response to
// out; it returns the exit status.
func runChild(in io.Reader, out io.Writer) int {
	if n, err := strconv.ParseInt(os.Getenv(memLimitEnv), 10, 64); err == nil && n > 0 {
		limitMemory(n)
	}
	br := bufio.NewReader(in)
	var n uint32
	if err := binary.Read(br, binary.BigEndian, &n); err != nil || n > 1<<20 {
		fmt.Fprintln(os.Stderr, "pdftext child: bad request header")
		return 2
	}
	hdr := make([]byte, n)
	if _, err := io.ReadFull(br, hdr); err != nil {
		fmt.Fprintln(os.Stderr, "pdftext child: short request header")
		return 2
	}
	var req childRequest
	if err := json.Unmarshal(hdr, &req); err != nil {
		fmt.Fprintln(os.Stderr, "pdftext child: bad request:", err)
		return 2
	}
	data, err := io.ReadAll(br)
	if err != nil {
		fmt.Fprintln(os.Stderr, "pdftext child: read data:", err)
		return 2
	}
	if childHook != nil {
		childHook()
	}
	res, err := Extract(context.Background(), data, req.Options)
	resp := childResponse{Result: res, Build: buildID()}
	if err != nil {
		resp.Error = err.Error()
		for k, s := range sentinels {
			if errors.Is(err, s) {
				resp.Kind = k
			}
		}
	}
	if err := json.NewEncoder(out).Encode(resp); err != nil {
		fmt.Fprintln(os.Stderr, "pdftext child: write response:", err)
		return 2
	}
	return 0
}

// limitMemory bounds the child's memory: a soft limit for the Go heap and
// a hard limit on the address space, above what the runtime has already
// reserved (Go reserves far more address space than it uses).
func limitMemory(n int64) {
	debug.SetMemoryLimit(n)
	base := vmSize()
	lim := uint64(base + 2*n)
	rl := syscall.Rlimit{Cur: lim, Max: lim}
	_ = syscall.Setrlimit(syscall.RLIMIT_AS, &rl)
}

// vmSize returns the process's current virtual memory size in bytes.
func vmSize() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 4 << 30
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmSize:"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				kb, _ := strconv.ParseInt(f[0], 10, 64)
				return kb << 10
			}
		}
	}
	return 4 << 30
}

// ExtractIsolated runs Extract in a child process: opts.Child, or the current executable
// started again with an environment variable that MaybeRunChild checks.
// The child is killed at ctx's deadline (15 minutes when ctx has none) and gets memLimit bytes of
// memory (0 means no limit beyond the machine's); a panic, hang or memory
// blow-up in the parser ends the child, never the caller, and is reported
// as ErrCrashed or ErrTimeout. Other errors are those of Extract.
func ExtractIsolated(ctx context.Context, data []byte, opts Options, memLimit int64) (*Result, error) {
	if opts.Child != "" && !filepath.IsAbs(opts.Child) {
		return nil, fmt.Errorf("pdftext: extract isolated: the child %q must be an absolute path", opts.Child)
	}
	res, build, err := isolated(ctx, data, opts, memLimit)
	if opts.Child != "" && build != "" && !sameBuild(build, buildID()) {
		// Another build's child (replaced beside a running server):
		// this program parses instead.
		opts.Child = ""
		res, _, err = isolated(ctx, data, opts, memLimit)
	}
	return res, err
}

// isolated is ExtractIsolated, and returns the child's build as well.
func isolated(ctx context.Context, data []byte, opts Options, memLimit int64) (*Result, string, error) {
	if findHeader(data) < 0 {
		return nil, "", fmt.Errorf("pdftext: extract isolated: %w", ErrNotPDF)
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, defaultIsolatedTimeout)
		defer cancel()
	}
	exe := opts.Child
	if exe == "" {
		var err error
		if exe, err = os.Executable(); err != nil {
			return nil, "", fmt.Errorf("pdftext: extract isolated: find executable: %w", err)
		}
	}
	hdr, err := json.Marshal(childRequest{Options: opts})
	if err != nil {
		return nil, "", fmt.Errorf("pdftext: extract isolated: encode request: %w", err)
	}
	var in bytes.Buffer
	binary.Write(&in, binary.BigEndian, uint32(len(hdr)))
	in.Write(hdr)

	// Least privilege: a minimal environment (no secrets, no database
	// URL), a temporary folder of its own, removed afterwards, and no
	// network where the platform allows (sandbox.go).
	tmp, err := os.MkdirTemp("", "arsflow-pdftext-")
	if err != nil {
		return nil, "", fmt.Errorf("pdftext: extract isolated: %w", err)
	}
	defer os.RemoveAll(tmp)
	cmd := exec.CommandContext(ctx, exe)
	cmd.Dir = tmp
	cmd.Env = append(minimalEnv(tmp), childEnv+"=1", memLimitEnv+"="+strconv.FormatInt(memLimit, 10))
	cmd.Stdin = io.MultiReader(&in, bytes.NewReader(data))
	// Its own process group, so a timeout kills the child and every tool it
	// started; and killed with its parent, so a crashed server leaves none.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if ns := netnsAttr(); ns != nil {
		cmd.SysProcAttr = withNetns(cmd.SysProcAttr)
	}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	var stdout bytes.Buffer
	var stderr tailBuffer
	cmd.Stdout = &limitedWriter{w: &stdout, n: maxResponse}
	cmd.Stderr = &stderr
	runErr := cmd.Run()
	// Whatever the child started itself must not outlive it.
	if cmd.Process != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
	if ctxErr := ctx.Err(); ctxErr != nil {
		return nil, "", ctxError("extract isolated", ctxErr)
	}
	if runErr != nil {
		return nil, "", fmt.Errorf("pdftext: extract isolated: %w (%v%s)", ErrCrashed, runErr, stderr.hint())
	}
	var resp childResponse
	if err := json.Unmarshal(stdout.Bytes(), &resp); err != nil {
		return nil, "", fmt.Errorf("pdftext: extract isolated: %w (bad response: %v)", ErrCrashed, err)
	}
	if resp.Kind != "" || resp.Error != "" {
		s, ok := sentinels[resp.Kind]
		if !ok {
			return resp.Result, resp.Build, fmt.Errorf("pdftext: extract isolated: %s", resp.Error)
		}
		return resp.Result, resp.Build, fmt.Errorf("pdftext: extract isolated: %w", s)
	}
	if resp.Result == nil {
		return nil, "", fmt.Errorf("pdftext: extract isolated: %w (empty response)", ErrCrashed)
	}
	return resp.Result, resp.Build, nil
}

// tailBuffer keeps the last few KiB written to it.
type tailBuffer struct{ b []byte }

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.b = append(t.b, p...)
	if len(t.b) > 8192 {
		t.b = t.b[len(t.b)-8192:]
	}
	return len(p), nil
}

// hint names the kind of crash without repeating the child's output, which
// may quote the document.
func (t *tailBuffer) hint() string {
	s := string(t.b)
	switch {
	case strings.Contains(s, "out of memory"), strings.Contains(s, "cannot allocate memory"):
		return "; out of memory"
	case strings.Contains(s, "panic:"):
		return "; panic"
	case strings.Contains(s, "fatal error:"):
		return "; fatal error"
	}
	return ""
}

// limitedWriter fails once more than n bytes are written.
type limitedWriter struct {
	w io.Writer
	n int64
}

func (l *limitedWriter) Write(p []byte) (int, error) {
	if int64(len(p)) > l.n {
		return 0, errors.New("response too large")
	}
	l.n -= int64(len(p))
	return l.w.Write(p)
}
