package pdftext

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// When the isolated child is killed at the document's deadline, the tools it
// started (here a fake pdftotext that hangs) die with it.
func TestToolsDieWithKilledChild(t *testing.T) {
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "pid")
	script := filepath.Join(dir, "pdftotext")
	if err := os.WriteFile(script, []byte("#!/bin/sh\necho $$ > "+pidFile+"\nexec sleep 120\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	opts := DefaultOptions()
	opts.OCR = false
	opts.Pdftotext = script
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if _, err := ExtractIsolated(ctx, []byte("%PDF-1.4\nthis is not a pdf body\n%%EOF\n"), opts, 0); err == nil {
		t.Fatal("a hanging tool gave no error")
	}
	b, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal("the fake pdftotext was never started, so the test proves nothing")
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	// The kill is asynchronous; give the kernel a bounded moment.
	for i := 0; i < 50 && running(pid); i++ {
		time.Sleep(20 * time.Millisecond)
	}
	if running(pid) {
		_ = syscall.Kill(pid, syscall.SIGKILL)
		t.Errorf("pdftotext (pid %d) still runs after its extraction child was killed", pid)
	}
}

// running reports whether pid is alive and not a zombie waiting to be reaped.
func running(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
	return len(fields) == 0 || fields[0] != "Z"
}
