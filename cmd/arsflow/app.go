package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"sync"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"arsflow/ingest"
	"arsflow/queue"
	"arsflow/queue/database"
	"arsflow/review/account"
	"arsflow/review/retention"
	"arsflow/summarize"
)

// app is one arsflow process: its database, its NATS connection (and the
// embedded server when it runs one), the stage workers it runs, the outbox
// relay and, for serve, the web server.
type app struct {
	cfg *config
	log *slog.Logger
	db  *database.DB
	ns  *server.Server // nil when connected to an external NATS
	nc  *nats.Conn
	js  jetstream.JetStream

	qcfg    queue.Config
	workers []*queue.Worker
	relay   *queue.Relay
	reten   *retention.Job // serve only
	httpSrv *http.Server

	ownDB bool          // close the database on shutdown
	grace time.Duration // for in-flight work at shutdown; 0 means the worker default

	backendSet map[string]summarize.Backend
	acct       *account.Service
	ingest     *ingest.Service
	obs        *observability
	guard      *queue.StoreGuard // the embedded server's JetStream store; nil on an external NATS
}

// openApp opens the database (creating and migrating it), starts or
// connects to NATS, and sets up the stream and consumers.
// A non-nil db is used instead of opening DATABASE_URL (tests).
func openApp(ctx context.Context, cfg *config, log *slog.Logger, embedded bool, db *database.DB) (*app, error) {
	a := &app{cfg: cfg, log: log, qcfg: queue.DefaultConfig(), db: db, ownDB: db == nil}
	a.qcfg.MaxDeliver = cfg.MaxDeliver
	a.qcfg.Replicas = max(cfg.Replicas, 1)
	if cfg.AckWait > 0 {
		a.qcfg.AckWait = cfg.AckWait
	}
	var err error
	if a.db == nil {
		if a.db, err = cfg.openDB(ctx, log); err != nil {
			return nil, err
		}
	}
	if embedded {
		storeDir := filepath.Join(cfg.DataDir, "jetstream")
		a.ns, err = queue.StartServer(queue.ServerConfig{StoreDir: storeDir, Listen: cfg.NATSListen, Auth: cfg.NATSAuth})
		if err == nil {
			a.nc, err = queue.ConnectInProcess(a.ns, "arsflow", cfg.NATSAuth)
			a.guard = &queue.StoreGuard{Server: a.ns, Dir: storeDir, Log: log}
		}
	} else {
		if cfg.NATSURL == "" {
			err = errors.New("NATS_URL is not set (a worker needs an external NATS server)")
		} else {
			a.nc, err = queue.Connect(cfg.NATSURL, "arsflow-worker", cfg.NATSAuth)
		}
	}
	if err != nil {
		a.close()
		return nil, err
	}
	if a.js, err = jetstream.New(a.nc); err != nil {
		a.close()
		return nil, fmt.Errorf("jetstream: %w", err)
	}
	if _, err := queue.Setup(ctx, a.js, a.qcfg); err != nil {
		a.close()
		return nil, err
	}
	a.obs = newObservability(a)
	return a, nil
}

// addWorker runs stage with n parallel messages.
func (a *app) addWorker(ctx context.Context, stage string, h queue.Handler, n int) error {
	cons, err := a.js.Consumer(ctx, queue.StreamName, stage)
	if err != nil {
		return fmt.Errorf("consumer %s: %w", stage, err)
	}
	a.workers = append(a.workers, &queue.Worker{DB: a.db, Consumer: cons, Stage: stage, Handler: h,
		Config: a.qcfg, Concurrency: n, Grace: a.grace, Log: a.log, Metrics: a.obs.queue})
	return nil
}

// addRetention runs the retention job, which deletes originals and
// personal data when their time is up.
func (a *app) addRetention() {
	a.reten = &retention.Job{DB: a.db, Interval: a.cfg.RetentionEvery, Log: a.log,
		Policy: retention.Policy{Originals: a.cfg.RetainOriginals, PersonalData: a.cfg.RetainPersonal}}
}

// addRelay runs the outbox relay and the stale-item reconciler. An item
// counts as stale once it has waited, or run without a heartbeat, for an
// ack wait; the reconciler then publishes it again only if its message is
// gone from the stream.
func (a *app) addRelay() {
	a.relay = &queue.Relay{DB: a.db, JS: a.js, Log: a.log, StaleAfter: a.qcfg.AckWait, Metrics: a.obs.queue}
	if a.guard != nil {
		a.guard.Stalled = a.relay.Stalled
	}
}

// run runs everything until ctx ends, then shuts down in order: stop the
// consumers (in-flight work finishes within the grace period), stop the
// relay, drain NATS, shut the web server down, close the database and the
// embedded server.
func (a *app) run(ctx context.Context) error {
	wctx, stopWorkers := context.WithCancel(context.Background())
	defer stopWorkers()
	var wg sync.WaitGroup
	for _, w := range a.workers {
		wg.Add(1)
		go func() { defer wg.Done(); _ = w.Run(wctx) }()
	}
	rctx, stopRelay := context.WithCancel(context.Background())
	defer stopRelay()
	var rwg sync.WaitGroup
	if a.relay != nil {
		rwg.Add(1)
		go func() { defer rwg.Done(); _ = a.relay.Run(rctx) }()
	}
	if a.reten != nil {
		rwg.Add(1)
		go func() { defer rwg.Done(); _ = a.reten.Run(rctx) }()
	}
	if a.guard != nil {
		rwg.Add(1)
		go func() { defer rwg.Done(); a.guard.Run(rctx) }()
	}
	httpErr := make(chan error, 1)
	if a.httpSrv != nil {
		go func() {
			if err := a.httpSrv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
				httpErr <- err
			}
		}()
	}
	var runErr error
	select {
	case <-ctx.Done():
		a.log.Info("shutting down")
	case runErr = <-httpErr:
		a.log.Error("web server", "error", runErr)
	}
	stopWorkers()
	wg.Wait()
	stopRelay()
	rwg.Wait()
	if err := a.nc.Drain(); err != nil {
		a.log.Warn("drain NATS", "error", err)
	}
	if a.httpSrv != nil {
		sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		if err := a.httpSrv.Shutdown(sctx); err != nil {
			a.log.Warn("web server shutdown", "error", err)
		}
	}
	a.close()
	return runErr
}

func (a *app) close() {
	if a.nc != nil && !a.nc.IsClosed() {
		a.nc.Close()
	}
	if a.ns != nil {
		a.ns.Shutdown()
		a.ns.WaitForShutdown()
	}
	if a.db != nil && a.ownDB {
		a.db.Close()
	}
}
