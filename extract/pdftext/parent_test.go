package pdftext

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// parentEnv makes the test binary act as a server that starts a parser
// child: TestChildCannotReadTheParentsSecrets runs it with a secret in its
// own environment, as a server gets its secrets.
const parentEnv = "ARSFLOW_PDFTEXT_TEST_PARENT"

// The parser child and the tools it runs (and pdftoppm for page images,
// all fed untrusted files) run as the server's user. Their own environment
// has no secret, but the server's is in /proc/PID/environ, which any
// process of the same user may read: the database URL, the model's API
// key, the admin password. Only a child in a user namespace of its own was
// kept out, by the kernel; pdftoppm for page images never runs in one, nor
// does the child where the platform refuses namespaces. The server hides
// itself (HideFromChildren), so none of them reads anything there. Before,
// the child read the server's whole environment.
func TestChildCannotReadTheParentsSecrets(t *testing.T) {
	if os.Getenv(parentEnv) == "1" {
		if err := HideFromChildren(); err != nil {
			t.Fatal(err)
		}
		// As where the platform refuses user namespaces, and as for the
		// page images' pdftoppm: the child runs beside its parent.
		isolation.once.Do(func() {})
		isolation.netns = false
		t.Setenv(testModeEnv, "parent")
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		_, err := ExtractIsolated(ctx, []byte("%PDF-1.4\n"), Options{}, 0)
		t.Log("REPORT", err)
		return
	}
	// The server runs as a user of its own, never as root (root reads
	// every process's /proc): run the test binary as nobody when root.
	dir, err := os.MkdirTemp("", "arsflow-parent-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	exe := filepath.Join(dir, "pdftext.test")
	copyExecutable(t, exe)
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	const secret = "postgres://arsflow_owner:hemligt-lösen@db/arsflow"
	cmd := exec.Command(exe, "-test.run=^TestChildCannotReadTheParentsSecrets$", "-test.v")
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), parentEnv + "=1", "ARSFLOW_DATABASE_OWNER_URL=" + secret}
	if os.Getuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("parent: %v\n%s", err, out)
	}
	report := string(out)
	if !strings.Contains(report, "REPORT") || !strings.Contains(report, "parent:") {
		t.Fatalf("no report from the child:\n%s", report)
	}
	if strings.Contains(report, "hemligt-lösen") {
		t.Errorf("the child read the server's secrets from /proc:\n%.300s", report)
	}
}

// copyExecutable copies the running test binary to path.
func copyExecutable(t *testing.T, path string) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.Open(self)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
}
