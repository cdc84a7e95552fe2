package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"

	"arsflow/queue/database/dbtest"
)

// captureStdout returns what fn prints to standard output.
func captureStdout(t *testing.T, fn func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stdout
	os.Stdout = w
	done := make(chan string)
	go func() { b, _ := io.ReadAll(r); done <- string(b) }()
	fn()
	os.Stdout = old
	w.Close()
	return <-done
}

// No password is ever printed: not one the operator supplied for the first
// administrator, and none is generated; without one, a one-time invitation
// link is printed instead.
func TestNoPasswordIsPrinted(t *testing.T) {
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	for _, pass := range []string{"prov-för-drift-2026", ""} {
		cfg := testConfig(t.TempDir())
		cfg.AdminPass = pass
		a, err := openApp(ctx, cfg, log, true, dbtest.New(t))
		if err != nil {
			t.Fatal(err)
		}
		out := captureStdout(t, func() {
			if err := a.wireHTTP(ctx); err != nil {
				t.Error(err)
			}
		})
		if pass != "" && strings.Contains(out, pass) {
			t.Errorf("the supplied password was printed: %q", out)
		}
		if pass == "" {
			_, code, ok := strings.Cut(out, "/inbjudan/")
			code = strings.Fields(code + " ")[0]
			if !ok {
				t.Fatalf("without a password: %q, want an invitation link", out)
			}
			if _, err := a.acct.CheckPassword(ctx, "admin", code, "test"); err == nil {
				t.Error("what was printed signs in as a password")
			}
			if _, err := a.acct.CompleteInvitation(ctx, code, "mitt-eget-val-av-fras"); err != nil {
				t.Errorf("the printed link is no invitation: %v", err)
			}
		}
		a.close()
	}
}
