package queue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"syscall"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// StoreGuard watches the embedded server's JetStream store directory. When
// the file system under it is full or read-only, JetStream can no longer
// write: its stream stops taking messages and stays broken even after the
// space returns. The guard then reports the problem (for /readyz and the
// log) while the pipeline stands still: uploads stay in PostgreSQL and
// their messages in the outbox, so nothing is lost. Once the directory
// takes writes again, the guard restarts JetStream, which reloads the
// stream and its consumers from disk, and the relay publishes what waited.
type StoreGuard struct {
	Server   *server.Server
	Dir      string        // JetStream's StoreDir
	MinFree  uint64        // bytes that must stay free; default 4 MiB
	Interval time.Duration // between checks; default 2s
	Log      *slog.Logger
	// Stalled, when set, says how long publishing has been failing; a store
	// that failed between two checks shows only there.
	Stalled func() time.Duration

	mu      sync.Mutex
	problem string
}

// Problem returns, in Swedish, what is wrong with the store; "" when nothing is.
func (g *StoreGuard) Problem() string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.problem
}

// Run checks the store until ctx ends.
func (g *StoreGuard) Run(ctx context.Context) {
	every := g.Interval
	if every <= 0 {
		every = 2 * time.Second
	}
	t := time.NewTicker(every)
	defer t.Stop()
	var lastRestart time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		p := StorageProblem(g.Dir, g.minFree())
		g.mu.Lock()
		prev := g.problem
		g.problem = p
		g.mu.Unlock()
		switch {
		case p != "" && prev == "":
			g.Log.Error("JetStream storage cannot take writes; the pipeline waits, nothing is lost", "dir", g.Dir, "problem", p)
		case p != "":
		case prev != "" || !g.Server.JetStreamEnabled() ||
			(g.Stalled != nil && g.Stalled() > 30*time.Second && time.Since(lastRestart) > time.Minute):
			lastRestart = time.Now()
			if err := g.restart(); err != nil {
				g.Log.Error("restart JetStream", "dir", g.Dir, "error", err)
				continue
			}
			g.Log.Warn("JetStream storage takes writes again; JetStream restarted", "dir", g.Dir)
		}
	}
}

func (g *StoreGuard) minFree() uint64 {
	if g.MinFree == 0 {
		return 4 << 20
	}
	return g.MinFree
}

// restart stops JetStream, keeping its state on disk, and starts it again
// on the same directory.
func (g *StoreGuard) restart() error {
	if g.Server.JetStreamEnabled() {
		g.Server.ShutdownJetStream()
	}
	return g.Server.EnableJetStream(&server.JetStreamConfig{StoreDir: g.Dir})
}

// StorageProblem says, in Swedish, why dir cannot take JetStream's writes:
// fewer than minFree bytes free, or a file system that refuses a write (say,
// read-only). It returns "" when dir is fine. The answer names no path or
// system error, since /readyz shows it to anyone; the log has both.
func StorageProblem(dir string, minFree uint64) string {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return "JetStream-katalogen går inte att läsa"
	}
	if free := st.Bavail * uint64(st.Bsize); free < minFree {
		return fmt.Sprintf("JetStream-katalogen är full (%d kB ledigt, minst %d kB behövs); frigör utrymme", free>>10, minFree>>10)
	}
	f, err := os.CreateTemp(dir, ".arsflow-write-check-")
	if err == nil {
		_, err = f.Write([]byte("ok"))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		_ = os.Remove(f.Name())
	}
	switch {
	case errors.Is(err, syscall.EROFS):
		return "JetStream-katalogen är skrivskyddad"
	case errors.Is(err, syscall.ENOSPC):
		return "JetStream-katalogen är full; frigör utrymme"
	case err != nil:
		return "JetStream-katalogen tar inte emot skrivningar"
	}
	return ""
}
