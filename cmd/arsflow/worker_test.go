package main

import (
	"context"
	"io"
	"log/slog"
	"net"
	"testing"
	"time"

	"arsflow/queue"
	"arsflow/queue/database/dbtest"
	"arsflow/queue/natstest"
)

// TestWorkerOverNetwork runs the extract stage as `arsflow worker extract`
// would: in a separate app connected to NATS over TCP, while the serving app
// runs the other stages. The embedded server requires a user, a password and
// TLS, as the environment configures them.
func TestWorkerOverNetwork(t *testing.T) {
	db := dbtest.New(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	natsAddr := l.Addr().String()
	l.Close()

	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg := testConfig(t.TempDir())
	cfg.NATSListen = natsAddr
	auth := natstest.Auth(t)
	cfg.NATSAuth = auth
	server, err := openApp(ctx, cfg, log, true, db)
	if err != nil {
		t.Fatal(err)
	}
	server.grace = 50 * time.Millisecond
	if err := server.wireStages(ctx, []string{queue.StageSummarize, queue.StageReview}); err != nil {
		t.Fatal(err)
	}
	server.addRelay()
	if err := server.wireHTTP(ctx); err != nil {
		t.Fatal(err)
	}
	ta := &testApp{app: server, done: make(chan struct{})}
	ta.srv = newHTTPTest(server)
	sctx, cancel := context.WithCancel(ctx)
	ta.cancel = cancel
	go func() { defer close(ta.done); _ = server.run(sctx) }()
	t.Cleanup(ta.stop)

	wcfg := testConfig(t.TempDir())
	wcfg.NATSURL = "nats://" + natsAddr
	wcfg.NATSAuth = auth
	wcfg.NATSAuth.CertFile, wcfg.NATSAuth.KeyFile = "", "" // a worker trusts the CA; it has no certificate of its own
	worker, err := openApp(ctx, wcfg, log, false, db)
	if err != nil {
		t.Fatal(err)
	}
	if err := worker.wireStages(ctx, []string{queue.StageExtract}); err != nil {
		t.Fatal(err)
	}
	wctx, stopWorker := context.WithCancel(ctx)
	wdone := make(chan struct{})
	go func() { defer close(wdone); _ = worker.run(wctx) }()
	t.Cleanup(func() { stopWorker(); <-wdone })

	ta.upload(t, ta.adminToken(t), demoCases[1])
	items := reviewItems(t, db)
	if len(items) != 1 || items[0].Status != "pending" {
		t.Fatalf("review items = %+v, want one pending case", items)
	}
	if n := count(t, db, `SELECT count(*) FROM work_items WHERE stage = 'extract' AND status = 'done'`); n != 4 {
		t.Errorf("%d documents extracted by the remote worker, want 4", n)
	}
}
