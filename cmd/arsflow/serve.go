package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	"arsflow/queue"
)

// runServe runs everything on one machine: the embedded nats-server, every
// stage worker, the outbox relay and the web server. With NATS_URL set it
// uses that NATS (cluster) instead of an embedded server, and
// ARSFLOW_SERVE_STAGES chooses which stages it runs itself (the others run
// as `arsflow worker` elsewhere). With --demo it also creates the demo
// accounts and ingests the demo cases.
func runServe(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	demo := fs.String("demo", "", "space-separated case folders to ingest as a demo, with demo accounts")
	cfg, err := loadConfig(fs, args)
	if err != nil {
		return err
	}
	log := newLogger(cfg.LogLevel)
	a, err := openApp(ctx, cfg, log, cfg.NATSURL == "", nil)
	if err != nil {
		return err
	}
	if err := a.wireStages(ctx, cfg.ServeStages); err != nil {
		a.close()
		return err
	}
	a.addRelay()
	a.addRetention()
	startPprof(cfg.PprofAddr, log)
	if err := a.wireHTTP(ctx); err != nil {
		a.close()
		return err
	}
	log.Info("arsflow serve", "addr", cfg.HTTPAddr, "data_dir", cfg.DataDir, "backend", cfg.Backend,
		"external_nats", cfg.NATSURL != "", "stages", strings.Join(cfg.ServeStages, ","))
	if *demo != "" {
		go func() {
			if err := a.runDemo(ctx, strings.Fields(*demo)); err != nil {
				fmt.Fprintln(os.Stderr, "demo:", err)
			}
		}()
	}
	return a.run(ctx)
}

// allStages are the stages a single machine runs.
var allStages = []string{queue.StageExtract, queue.StageSummarize, queue.StageReview}

// runWorker runs one stage (or the outbox relay) against an external NATS.
func runWorker(ctx context.Context, args []string) error {
	if len(args) < 1 || strings.HasPrefix(args[0], "-") {
		return errUsage
	}
	stage := args[0]
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	cfg, err := loadConfig(fs, args[1:])
	if err != nil {
		return err
	}
	switch stage {
	case queue.StageExtract, queue.StageSummarize, queue.StageReview, "relay":
	default:
		return fmt.Errorf("worker: unknown stage %q (want extract, summarize, review or relay)", stage)
	}
	log := newLogger(cfg.LogLevel).With("worker", stage)
	a, err := openApp(ctx, cfg, log, false, nil)
	if err != nil {
		return err
	}
	startPprof(cfg.PprofAddr, log)
	if stage == "relay" {
		a.addRelay()
	} else if err := a.wireStages(ctx, []string{stage}); err != nil {
		a.close()
		return err
	}
	// Every worker also serves /metrics, /healthz and /readyz for its
	// orchestrator and Prometheus.
	if cfg.HTTPAddr != "" {
		mux := http.NewServeMux()
		a.opsRoutes(mux)
		a.httpSrv = &http.Server{Addr: cfg.HTTPAddr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	}
	log.Info("arsflow worker", "stage", stage)
	return a.run(ctx)
}
