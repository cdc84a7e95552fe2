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

// TestFaultNATSRestart kills the external nats-server in the middle of a
// batch and starts it again on the same storage. While it is down, /readyz
// says so.
func TestFaultNATSRestart(t *testing.T) {
	db := dbtest.New(t)
	cases := testSize(10, 200)
	sources := bulkCases(t, cases, testSize(7, 20))
	c := startCluster(t, db)
	uploadTo(t, c.front.url(), c.token, sources)
	waitUntil(5*time.Minute, func() bool { return countSoft(db, `SELECT count(*) FROM review_items`) >= 1 })
	before := countSoft(db, `SELECT count(*) FROM review_items`)

	c.nats.kill()
	if !waitUntil(30*time.Second, func() bool { return readyz(c.front.url()[len("http://"):]) != nil }) {
		t.Error("/readyz still answered 200 with NATS down")
	}
	resp, err := http.Get(c.front.url() + "/readyz")
	if err == nil {
		resp.Body.Close()
		t.Logf("NATS down with %d of %d cases in review: /readyz %s", before, cases, resp.Status)
	}
	time.Sleep(2 * time.Second)
	c.nats.start()

	settle(t, db, cases)
	o := tally(t, db, cases, len(sources))
	t.Logf("nats-server restart: %s", o)
	o.check(t, db)
}

// TestFaultPostgresRestart crashes PostgreSQL (SIGKILL of the postmaster:
// an immediate stop, recovery at the next start) in the middle of a batch
// and starts it again.
func TestFaultPostgresRestart(t *testing.T) {
	pg, db := pgServer(t)
	cases := testSize(10, 200)
	sources := bulkCases(t, cases, testSize(7, 20))
	c := startCluster(t, db)
	uploadTo(t, c.front.url(), c.token, sources)
	waitUntil(5*time.Minute, func() bool { return countSoft(db, `SELECT count(*) FROM review_items`) >= 1 })
	before := countSoft(db, `SELECT count(*) FROM review_items`)

	pg.kill()
	if !waitUntil(30*time.Second, func() bool { return readyz(c.front.url()[len("http://"):]) != nil }) {
		t.Error("/readyz still answered 200 with PostgreSQL down")
	}
	t.Logf("PostgreSQL down with %d of %d cases in review", before, cases)
	time.Sleep(2 * time.Second)
	pg.start()

	settle(t, db, cases)
	o := tally(t, db, cases, len(sources))
	t.Logf("PostgreSQL restart: %s", o)
	o.check(t, db)
}
