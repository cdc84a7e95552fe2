package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"arsflow/ingest"
	"arsflow/review/account"
)

// Demo sign-ins, for `make run` only.
const (
	demoReviewer         = "handlaggare"
	demoReviewerPassword = "demo-granskning-2026"
)

// runDemo waits for the web server, creates a demo handläggare, uploads the
// demo case folders through the same HTTP API as `arsflow ingest`, waits
// until they reached review, and prints where to sign in.
func (a *app) runDemo(ctx context.Context, dirs []string) error {
	base := "http://" + localAddr(a.cfg.HTTPAddr)
	if err := waitHTTP(ctx, base+"/healthz"); err != nil {
		return err
	}
	if _, err := a.acct.CreateUser(ctx, demoReviewer, "Demo Handläggare", demoReviewerPassword, account.RoleHandlaggare); err != nil && !errors.Is(err, account.ErrExists) {
		return fmt.Errorf("demo handläggare: %w", err)
	}
	admin, err := a.acct.UserByName(ctx, a.cfg.AdminUser)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	token, err := a.acct.CreateToken(ctx, admin.ID, "demo", account.ScopeIngest, time.Hour)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	paths, cleanup, err := demoFolders(dirs)
	if err != nil {
		return err
	}
	defer cleanup()
	c := &ingest.Client{BaseURL: base, Token: token, HTTP: &http.Client{Timeout: 2 * time.Minute}}
	if _, err := c.Run(ctx, paths, ingest.RunOptions{Wait: true, Timeout: 10 * time.Minute, Interval: time.Second}, os.Stdout); err != nil {
		return err
	}
	// No password is printed: the demo's are in the README (make run).
	fmt.Printf(`
arsflow körs: %s
  Handläggare:    %s   (granskningskön: %s/arenden)
  Administratör:  %s   (batcher och dokument: %s/admin/batcher)
  Lösenorden för demon står i README.md under "Two commands".
  Allmänheten:    %s/om-ai
Avsluta med Ctrl-C.
`, base, demoReviewer, base, a.cfg.AdminUser, base, base)
	return nil
}

// demoFolders copies the PDFs of each case folder (the corpus keeps its
// expected.json beside them) into folders of the same name.
func demoFolders(dirs []string) (paths []string, cleanup func(), err error) {
	tmp, err := os.MkdirTemp("", "arsflow-demo-")
	if err != nil {
		return nil, nil, err
	}
	cleanup = func() { os.RemoveAll(tmp) }
	for _, dir := range dirs {
		pdfs, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
		if len(pdfs) == 0 {
			cleanup()
			return nil, nil, fmt.Errorf("demo: no PDFs in %s", dir)
		}
		dst := filepath.Join(tmp, filepath.Base(dir))
		if err := os.MkdirAll(dst, 0o755); err != nil {
			cleanup()
			return nil, nil, err
		}
		for _, p := range pdfs {
			b, err := os.ReadFile(p)
			if err == nil {
				err = os.WriteFile(filepath.Join(dst, filepath.Base(p)), b, 0o644)
			}
			if err != nil {
				cleanup()
				return nil, nil, err
			}
		}
		paths = append(paths, dst)
	}
	return paths, cleanup, nil
}

// localAddr turns a listen address such as ":8080" into one to dial.
func localAddr(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

func waitHTTP(ctx context.Context, url string) error {
	for i := 0; i < 300; i++ {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	return fmt.Errorf("web server at %s did not answer", url)
}
