package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"arsflow/extract/cli"
)

// The slim binary prints what the shared command line prints in process,
// and exits as `arsflow extract` does.
func TestSlimBinaryIsArsflowExtract(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "arsflow-extract")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	cases, _ := filepath.Glob("../../testdata/cases/0[12]-*")
	notPDF := filepath.Join(t.TempDir(), "brev.pdf")
	if err := os.WriteFile(notPDF, []byte("inte en pdf"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		status int
	}{
		{"two cases", append([]string{"--json", "--ocr=false"}, cases...), 0},
		{"readable", []string{"--ocr=false", cases[0]}, 0},
		{"not a PDF", []string{"--json", notPDF}, 1},
		{"no path", nil, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want bytes.Buffer
			if got := cli.Run(context.Background(), "arsflow-extract", tt.args, &want, &bytes.Buffer{}); got != tt.status {
				t.Fatalf("in process: status %d, want %d", got, tt.status)
			}
			cmd := exec.Command(bin, tt.args...)
			var out, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &stderr
			err := cmd.Run()
			status := 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				status = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if status != tt.status {
				t.Fatalf("status %d, want %d; stderr %s", status, tt.status, stderr.String())
			}
			if out.String() != want.String() {
				t.Errorf("output differs from the in-process run:\n%s\nwant\n%s", out.String(), want.String())
			}
			if tt.status == 2 && !bytes.Contains(stderr.Bytes(), []byte("usage: arsflow-extract")) {
				t.Errorf("no usage on stderr: %q", stderr.String())
			}
		})
	}
}

// What links what: the slim reader no server code, the web layer and the
// summariser no PDF parser.
func TestDependencies(t *testing.T) {
	tests := []struct {
		pkg       string
		forbidden []string
	}{
		{"arsflow/cmd/arsflow-extract", []string{"github.com/nats-io/nats-server/v2/server", "github.com/nats-io/nats.go",
			"github.com/prometheus/client_golang/prometheus", "github.com/jackc/pgx/v5", "arsflow/queue", "arsflow/review", "net/http"}},
		{"arsflow/review", []string{"github.com/ledongthuc/pdf", "arsflow/extract/pdftext", "arsflow/extract"}},
		{"arsflow/review/retention", []string{"github.com/ledongthuc/pdf", "arsflow/extract"}},
		{"arsflow/summarize", []string{"github.com/ledongthuc/pdf", "arsflow/extract"}},
	}
	for _, tt := range tests {
		out, err := exec.Command("go", "list", "-deps", tt.pkg).Output()
		if err != nil {
			t.Fatalf("go list %s: %v", tt.pkg, err)
		}
		deps := map[string]bool{}
		for _, d := range bytes.Fields(out) {
			deps[string(d)] = true
		}
		for _, f := range tt.forbidden {
			if deps[f] {
				t.Errorf("%s links %s", tt.pkg, f)
			}
		}
	}
}
