package main

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"arsflow/queue/database/dbtest"
)

// smallFS mounts a tmpfs of the given size on a new directory. Mounting
// needs root (CAP_SYS_ADMIN), which CI has; elsewhere the test is skipped
// and the README says how to run it.
func smallFS(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size+",mode=0755", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small tmpfs here (needs root): %v %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("umount", "-l", dir).Run() })
	return dir
}

// fill writes to a file in dir until the file system is full.
func fill(t *testing.T, dir string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 64<<10)
	for {
		if _, err := f.Write(buf); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			return
		}
	}
}

// readyChecks returns /readyz's status and checks.
func readyChecks(t *testing.T, base string) (int, map[string]string) {
	t.Helper()
	resp, err := http.Get(base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var r struct {
		Checks map[string]string `json:"checks"`
	}
	_ = json.Unmarshal(body, &r)
	return resp.StatusCode, r.Checks
}

// TestFaultJetStreamStorageFull runs `arsflow serve` with its data
// directory on a small file system and fills it in the middle of the work:
// /readyz names the problem, the pipeline stops without losing anything,
// and everything reaches review once the space is given back.
func TestFaultJetStreamStorageFull(t *testing.T) {
	dir := smallFS(t, "16m")
	db := dbtest.New(t)
	ta := startApp(t, db, dir, nil)
	token := ta.adminToken(t)
	first, second := testSize(2, 10), testSize(6, 30)
	sources := bulkCases(t, first+second, testSize(7, 20))
	split := first * 4 // four documents a case
	uploadTo(t, ta.srv.URL, token, sources[:split])
	waitInReview(t, db, first, 5*time.Minute, nil)

	fill(t, dir)
	uploadTo(t, ta.srv.URL, token, sources[split:]) // kept in PostgreSQL
	var checks map[string]string
	if !waitUntil(time.Minute, func() bool {
		var status int
		status, checks = readyChecks(t, ta.srv.URL)
		return status == http.StatusServiceUnavailable && checks["jetstream_storage"] != "ok"
	}) {
		t.Fatalf("/readyz does not report the full store: %v", checks)
	}
	time.Sleep(3 * time.Second)
	inReview := count(t, db, `SELECT count(*) FROM review_items`)
	t.Logf("full store: /readyz says %q; %d of %d cases in review while it is full", checks["jetstream_storage"], inReview, first+second)
	if inReview == first+second {
		t.Error("every case reached review although JetStream could not write")
	}

	_ = os.Remove(filepath.Join(dir, "filler"))
	waitInReview(t, db, first+second, 5*time.Minute, nil)
	time.Sleep(2 * time.Second)
	o := tally(t, db, first+second, len(sources))
	t.Logf("full store, space back: %s", o)
	o.check(t, db)
	if status, checks := readyChecks(t, ta.srv.URL); status != http.StatusOK {
		t.Errorf("/readyz after the space came back: %d %v", status, checks)
	}
}

// TestFaultJetStreamStorageReadOnly stops `arsflow serve` in the middle of
// a batch, makes its data directory read-only (as Linux does to a file
// system with errors) and starts it again: it refuses to start with a
// clear error; once the directory is writable again, it starts and
// everything reaches review.
func TestFaultJetStreamStorageReadOnly(t *testing.T) {
	dir := smallFS(t, "16m")
	db := dbtest.New(t)
	ta := startApp(t, db, dir, nil)
	cases := testSize(6, 40)
	sources := bulkCases(t, cases, testSize(7, 20))
	uploadTo(t, ta.srv.URL, ta.adminToken(t), sources)
	waitInReview(t, db, 1, 5*time.Minute, nil)
	ta.stop() // SIGTERM with the batch half done

	remount("ro")(t, dir)
	_, err := openApp(t.Context(), testConfig(dir), slog.New(slog.DiscardHandler), true, db)
	if err == nil || !strings.Contains(err.Error(), "skrivskyddad") {
		t.Fatalf("start on a read-only data directory: %v; want a clear error", err)
	}
	inReview := count(t, db, `SELECT count(*) FROM review_items`)
	t.Logf("read-only store: serve refuses to start: %v; %d of %d cases in review", err, inReview, cases)

	remount("rw")(t, dir)
	startApp(t, db, dir, nil)
	waitInReview(t, db, cases, 5*time.Minute, nil)
	time.Sleep(2 * time.Second)
	o := tally(t, db, cases, len(sources))
	t.Logf("read-only store, writable again: %s", o)
	o.check(t, db)
}

// remount returns a step that remounts the test's file system with opt.
func remount(opt string) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		if out, err := exec.Command("mount", "-o", "remount,"+opt, dir).CombinedOutput(); err != nil {
			t.Fatalf("remount %s: %v %s", opt, err, out)
		}
	}
}
