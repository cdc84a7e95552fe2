package pdftext

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"
)

// tools are the external binaries found for one extraction.
type tools struct {
	pdftotext, pdftoppm, tesseract string
	langs                          string // the requested languages tesseract has
}

// findTools resolves the binaries in opts; missing ones stay "".
func findTools(opts Options) tools {
	t := tools{
		pdftotext: lookTool(opts.Pdftotext, "pdftotext"),
		pdftoppm:  lookTool(opts.Pdftoppm, "pdftoppm"),
		tesseract: lookTool(opts.Tesseract, "tesseract"),
	}
	return t
}

// withLanguages asks tesseract for its languages, the first time a page
// needs OCR: a document with a text layer on every page never starts it.
func (t tools) withLanguages(opts Options) tools {
	if t.tesseract != "" && opts.OCR && t.langs == "" {
		t.langs = tesseractLangs(t.tesseract, opts.Languages)
	}
	return t
}

func (t tools) ocrReady() bool {
	return t.pdftoppm != "" && t.tesseract != "" && t.langs != ""
}

func lookTool(path, name string) string {
	if path == "" {
		path = name
	}
	p, err := exec.LookPath(path)
	if err != nil {
		return ""
	}
	return p
}

var langCache sync.Map // tesseract path -> []string of installed languages

// tesseractLangs returns the requested languages ("swe+eng") that are
// installed, joined by "+", or "" when none is.
func tesseractLangs(bin, want string) string {
	v, ok := langCache.Load(bin)
	if !ok {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		out, err := exec.CommandContext(ctx, bin, "--list-langs").CombinedOutput()
		var have []string
		if err == nil {
			for _, l := range strings.Split(string(out), "\n") {
				l = strings.TrimSpace(l)
				if l != "" && !strings.Contains(l, " ") {
					have = append(have, l)
				}
			}
		}
		v, _ = langCache.LoadOrStore(bin, have)
	}
	have := v.([]string)
	if want == "" {
		want = "eng"
	}
	var use []string
	for _, l := range strings.Split(want, "+") {
		for _, h := range have {
			if h == l {
				use = append(use, l)
			}
		}
	}
	return strings.Join(use, "+")
}

// errTool is a failed external command, with its stderr.
type errTool struct {
	name   string
	err    error
	stderr string
}

func (e *errTool) Error() string {
	return fmt.Sprintf("%s: %v: %s", e.name, e.err, strings.TrimSpace(e.stderr))
}

func (e *errTool) Unwrap() error { return e.err }

// runTool runs a command with a timeout and returns its stdout. The tool
// stays in its caller's process group, so killing an isolated extraction
// child's group kills the tools it started too, and it is killed if its
// parent dies.
func runTool(ctx context.Context, timeout time.Duration, env []string, name string, args ...string) ([]byte, error) {
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	cmd.Cancel = func() error { return cmd.Process.Kill() }
	cmd.WaitDelay = 2 * time.Second
	// The tools read untrusted files: they get the minimal environment
	// (inside the isolated child, its own TMPDIR is already in it).
	cmd.Env = append(minimalEnv(os.Getenv("TMPDIR")), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		return nil, &errTool{name: name, err: ctx.Err(), stderr: stderr.String()}
	}
	if err != nil {
		return stdout.Bytes(), &errTool{name: name, err: err, stderr: stderr.String()}
	}
	return stdout.Bytes(), nil
}
