package main

import (
	"context"
	"math/rand/v2"
	"net/http"
	"testing"
	"time"

	"arsflow/queue/database"
	"arsflow/queue/database/dbtest"
)

// The fault tests each run a batch through arsflow spread over processes,
// break one component in the middle of it, and print what they saw. Each
// stops by itself; every case must reach review exactly once and no upload
// may be lost. `make test` runs them small; ARSFLOW_FULL=1 runs the sizes
// the README reports.

// countSoft is count that returns -1 while the database is unreachable.
func countSoft(db *database.DB, sql string) int {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	var n int
	if err := db.Pool.QueryRow(ctx, sql).Scan(&n); err != nil {
		return -1
	}
	return n
}

// waitFor polls until cond holds or limit passes (a bound, not a timing assertion).
func waitUntil(limit time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if cond() {
			return true
		}
		time.Sleep(50 * time.Millisecond)
	}
	return false
}

// settle waits for the batch to reach review, then past an ack wait, so that
// a duplicate delivery would have shown.
func settle(t *testing.T, db *database.DB, cases int) {
	t.Helper()
	if !waitUntil(10*time.Minute, func() bool { return countSoft(db, `SELECT count(*) FROM review_items`) >= cases }) {
		t.Logf("gave up after 10 minutes with %d of %d cases in review", countSoft(db, `SELECT count(*) FROM review_items`), cases)
	}
	time.Sleep(2500 * time.Millisecond)
}

// TestFaultWorkersKilled SIGKILLs worker processes at random moments during
// a batch and starts them again, as an orchestrator would.
func TestFaultWorkersKilled(t *testing.T) {
	db := dbtest.New(t)
	cases, kills := testSize(16, 200), testSize(8, 24)
	sources := bulkCases(t, cases, testSize(7, 20))
	c := startCluster(t, db)
	uploadTo(t, c.front.url(), c.token, sources)

	rng := rand.New(rand.NewPCG(1, 2))
	workers := c.workers()
	done := 0
	for done < kills && countSoft(db, `SELECT count(*) FROM review_items`) < cases {
		time.Sleep(time.Duration(100+rng.IntN(400)) * time.Millisecond)
		p := workers[rng.IntN(len(workers))]
		p.kill()
		done++
		time.Sleep(time.Duration(rng.IntN(300)) * time.Millisecond)
		p.start()
	}
	settle(t, db, cases)
	o := tally(t, db, cases, len(sources))
	t.Logf("workers killed: %d SIGKILLs; %s", done, o)
	if done < kills {
		t.Logf("the batch finished after %d of the planned %d kills", done, kills)
	}
	o.check(t, db)
}

// restartMidBatch runs a batch on a cluster, stops a component with stop
// once the first case reached review, checks that /readyz says so, starts
// it again with start two seconds later, and checks the outcome.
func restartMidBatch(t *testing.T, what string, db *database.DB, c *cluster, stop, start func()) {
	t.Helper()
	cases := testSize(10, 200)
	sources := bulkCases(t, cases, testSize(7, 20))
	uploadTo(t, c.front.url(), c.token, sources)
	waitUntil(5*time.Minute, func() bool { return countSoft(db, `SELECT count(*) FROM review_items`) >= 1 })
	before := countSoft(db, `SELECT count(*) FROM review_items`)

	stop()
	var status int
	if !waitUntil(30*time.Second, func() bool {
		resp, err := http.Get(c.front.url() + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		status = resp.StatusCode
		return status == http.StatusServiceUnavailable
	}) {
		t.Errorf("/readyz still answered %d with %s down", status, what)
	}
	t.Logf("%s down with %d of %d cases in review: /readyz %d", what, before, cases, status)
	time.Sleep(2 * time.Second)
	start()

	settle(t, db, cases)
	o := tally(t, db, cases, len(sources))
	t.Logf("%s restart: %s", what, o)
	o.check(t, db)
}

// TestFaultNATSRestart kills the external nats-server in the middle of a
// batch and starts it again on the same storage.
func TestFaultNATSRestart(t *testing.T) {
	db := dbtest.New(t)
	c := startCluster(t, db)
	restartMidBatch(t, "nats-server", db, c, c.nats.kill, c.nats.start)
}

// TestFaultPostgresRestart crashes PostgreSQL (SIGKILL of the postmaster:
// an immediate stop, recovery at the next start) in the middle of a batch
// and starts it again.
func TestFaultPostgresRestart(t *testing.T) {
	pg, db := pgServer(t)
	c := startCluster(t, db)
	restartMidBatch(t, "PostgreSQL", db, c, pg.kill, pg.start)
}
