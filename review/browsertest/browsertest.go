// Package browsertest drives Debian's headless Chromium (the chromium
// package, never a downloaded browser) with chromedp for the web UI's
// browser tests. Check visits a page, runs axe-core on it (the project's
// copy in .ci/axe, installed by .ci/setup) and saves a screenshot;
// keyboard helpers press keys and check that focus is visible. Adding a page
// to a test is one line:
//
//	b.Check(t, b.URL+"/om-ai", "om-ai")
//
// Screenshots are kept under test-output/screenshots/<test> in the
// repository (gitignored, or ARSFLOW_SCREENSHOTS); the folder is printed.
package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser is one headless Chromium for a test; Session gives it separate
// cookie jars (users).
type Browser struct {
	// URL is the server under test, without a trailing slash.
	URL   string
	dir   string
	axe   string
	root  context.Context
	shots int
}

// Session is a browser context with its own cookies: one signed-in person.
type Session struct {
	b   *Browser
	ctx context.Context
}

// New starts Chromium for t against the server at url. It fails the test
// when Chromium or axe-core is missing (run .ci/setup), and skips it under
// -short.
func New(t testing.TB, url string) *Browser {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test: skipped under -short")
	}
	exe := os.Getenv("ARSFLOW_CHROMIUM")
	if exe == "" {
		for _, name := range []string{"chromium", "chromium-browser"} {
			if p, err := exec.LookPath(name); err == nil {
				exe = p
				break
			}
		}
	}
	if exe == "" {
		t.Fatal("browser test: Debian's chromium is not installed (run .ci/setup)")
	}
	repo := repoRoot(t)
	axe := filepath.Join(repo, ".ci", "axe", "node_modules", "axe-core", "axe.min.js")
	src, err := os.ReadFile(axe)
	if err != nil {
		t.Fatalf("browser test: axe-core is not installed (run .ci/setup): %v", err)
	}
	dir := os.Getenv("ARSFLOW_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(repo, "test-output", "screenshots")
	}
	dir = filepath.Join(dir, regexp.MustCompile(`[^A-Za-z0-9_-]+`).ReplaceAllString(t.Name(), "_"))
	_ = os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	fmt.Printf("browser test: screenshots in %s\n", dir)
	t.Logf("screenshots in %s", dir)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()))
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	root, cancelRoot := chromedp.NewContext(alloc)
	t.Cleanup(cancelRoot)
	if err := chromedp.Do(root); err != nil {
		t.Fatalf("browser test: start Chromium: %v", err)
	}
	return &Browser{URL: strings.TrimSuffix(url, "/"), dir: dir, axe: string(src), root: root}
}

// repoRoot finds the folder with go.mod above the working directory.
func repoRoot(t testing.TB) string {
	dir, _ := os.Getwd()
	for d := dir; d != filepath.Dir(d); d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
	}
	t.Fatal("browser test: no go.mod above " + dir)
	return ""
}

// Session opens a new browser context (its own cookies).
func (b *Browser) Session(t testing.TB) *Session {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.root, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("browser test: start Chromium: %v", err)
	}
	return &Session{b: b, ctx: ctx}
}

// Do runs chromedp actions with a bound on time.
func (s *Session) Do(t testing.TB, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("browser: %v", err)
	}
}

// Eval evaluates a JavaScript expression and decodes its value into out.
func (s *Session) Eval(t testing.TB, expr string, out any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, 60*time.Second)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("browser: evaluate %.80q: %v", expr, err)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("browser: decode %s: %v", raw, err)
		}
	}
}

// Visit opens path (relative to the server) and waits for the page.
func (s *Session) Visit(t testing.TB, path string) {
	t.Helper()
	s.Do(t, chromedp.Navigate(s.b.URL+path), chromedp.WaitReady("body"))
}

// Check runs axe-core on the current page, fails the test on any violation
// (WCAG 2.0 and 2.1, A and AA, and axe's best practices), and saves a
// screenshot named name.
func (s *Session) Check(t testing.TB, name string) {
	t.Helper()
	s.Screenshot(t, name)
	var res struct {
		URL        string
		Violations []struct {
			ID, Impact, Help string
			Nodes            []struct{ Target []any }
		}
	}
	s.Eval(t, s.b.axe+`;
		axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}})
		   .then(r => ({URL: location.pathname, Violations: r.violations.map(v => ({ID: v.id, Impact: v.impact || "", Help: v.help, Nodes: v.nodes.map(n => ({Target: n.target}))}))}))`, &res)
	for _, v := range res.Violations {
		t.Errorf("axe on %s (%s): %s [%s] %s at %v", res.URL, name, v.ID, v.Impact, v.Help, v.Nodes)
	}
}

// Page visits path and checks it: the one-line way to add a page to a
// browser test.
func (s *Session) Page(t testing.TB, path, name string) {
	t.Helper()
	s.Visit(t, path)
	s.Check(t, name)
}

// Screenshot saves the whole page as NN-name.png.
func (s *Session) Screenshot(t testing.TB, name string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, 60*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("browser: screenshot %s: %v", name, err)
	}
	s.b.shots++
	file := filepath.Join(s.b.dir, fmt.Sprintf("%02d-%s.png", s.b.shots, name))
	if err := os.WriteFile(file, png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Key presses keys (chromedp.KeyEvent's notation: "\t" Tab, "\r" Enter)
// on whatever has focus.
func (s *Session) Key(t testing.TB, keys string) {
	t.Helper()
	s.Do(t, chromedp.KeyEvent(keys))
}

// TabTo presses Tab until the focused element matches the CSS selector,
// at most max times, checking at every stop that focus is visible (an
// outline or a box shadow). It fails the test when the element is not
// reached.
func (s *Session) TabTo(t testing.TB, selector string, max int) {
	t.Helper()
	for i := 0; i < max; i++ {
		s.Key(t, "\t")
		var st struct {
			Match, Visible bool
			What           string
		}
		s.Eval(t, fmt.Sprintf(`(() => { const e = document.activeElement; const c = getComputedStyle(e);
			return {Match: e.matches(%q), What: e.outerHTML.slice(0, 120),
			        Visible: e === document.body || (c.outlineStyle !== "none" && parseFloat(c.outlineWidth) > 0) || c.boxShadow !== "none"}; })()`, selector), &st)
		if !st.Visible {
			t.Errorf("keyboard: focus not visible on %s", st.What)
		}
		if st.Match {
			return
		}
	}
	t.Fatalf("keyboard: %s not reached with %d presses of Tab", selector, max)
}

// Type types text into the focused element, key by key.
func (s *Session) Type(t testing.TB, text string) {
	t.Helper()
	s.Key(t, text)
}

// WaitFor waits (up to timeout) until the page has loaded and the
// JavaScript expression is true; a page that is being replaced meanwhile is
// waited for too.
func (s *Session) WaitFor(t testing.TB, expr string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ctx, cancel := context.WithTimeout(s.ctx, 5*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.readyState === "complete" && !!(`+expr+`)`))
		cancel()
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			s.Screenshot(t, "timeout")
			t.Fatalf("browser: %s not true within %s (%v)", expr, timeout, err)
		}
		time.Sleep(150 * time.Millisecond)
	}
}

// Path is the current location's path and query.
func (s *Session) Path(t testing.TB) string {
	t.Helper()
	var p string
	s.Eval(t, "location.pathname + location.search", &p)
	return p
}
