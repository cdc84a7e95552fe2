package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"arsflow/queue/database"
)

// pgServer starts a PostgreSQL server of the test's own (initdb into a
// temporary directory, as the postgres user when the test runs as root), so
// that a test may stop and restart it without touching the shared server.
// It returns the server and a fresh, migrated database on it.
func pgServer(t *testing.T) (*proc, *database.DB) {
	t.Helper()
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(bins) == 0 {
		t.Fatal("PostgreSQL's initdb is required for this test (apt-get install postgresql)")
	}
	sort.Strings(bins)
	binDir := filepath.Dir(bins[len(bins)-1])
	dir, err := os.MkdirTemp("", "arsflow-pg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	var cred *syscall.Credential
	if os.Getuid() == 0 { // initdb refuses to run as root
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Fatal("running as root, the test needs the postgres user to run its own PostgreSQL")
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
	data := filepath.Join(dir, "data")
	initdb := exec.Command(filepath.Join(binDir, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C")
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	if out, err := initdb.CombinedOutput(); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	p := newProc(t, "postgres", filepath.Join(binDir, "postgres"), func(addr string) ([]string, []string) {
		host, port, _ := net.SplitHostPort(addr)
		return []string{"-D", data, "-p", port, "-k", dir, "-c", "listen_addresses=" + host, "-c", "fsync=off"}, nil
	}, func(addr string) error {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, "postgres://postgres@"+addr+"/postgres?sslmode=disable")
		if err == nil {
			c.Close(ctx)
		}
		return err
	})
	p.cred = cred
	p.start()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	db, drop, err := database.OpenTemp(ctx, fmt.Sprintf("postgres://postgres@%s/postgres?sslmode=disable", p.addr), "arsflow_fault_")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(drop)
	return p, db
}
