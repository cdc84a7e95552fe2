package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"time"

	"arsflow/ingest"
	"arsflow/queue/database"
	"arsflow/review/account"
)

// benchGoal is the goal: a year's intake of 1 000 cases in 5 minutes.
const (
	benchGoalCases = 1000
	benchGoalTime  = 5 * time.Minute
)

// runBench measures the whole pipeline: it runs what `arsflow serve` runs
// (embedded NATS, every stage, the relay, the web server) on a fresh,
// temporary database and data directory, uploads every case folder under
// DIR through the ingest API in batches, and waits until every case is in
// the review queue. Then it reads the same PDFs with the text layer alone
// and with pdftotext at the same parallelism.
func runBench(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	perBatch := fs.Int("batch", 100, "case folders per upload")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the end-to-end run to this file")
	keep := fs.Bool("keep", false, "keep the temporary database (its name is printed)")
	fieldSample := fs.Int("field-sample", 100, "measure field extraction alone on the documents of this many cases")
	cfg, err := loadConfig(fs, args)
	if err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errUsage
	}
	folders, err := caseFolders(fs.Arg(0))
	if err != nil {
		return err
	}
	files, err := benchFiles(folders)
	if err != nil {
		return err
	}
	// The text layer alone and pdftotext first, on the same files with the
	// same parallelism as the extract stage; this also counts the pages.
	par := cfg.ExtractConc
	text, err := benchTextLayer(ctx, files, par)
	if err != nil {
		return err
	}
	ref, err := benchPdftotext(ctx, files, par)
	if err != nil {
		return err
	}
	fields := benchFields(files[:min(len(files), 4*(*fieldSample))], par)
	pages := countPages(files)
	fmt.Printf("arsflow bench: %d cases, %d documents, %d pages, %d CPUs\n", len(folders), len(files), pages, runtime.NumCPU())

	elapsed, used, err := benchPipeline(ctx, cfg, folders, *perBatch, *cpuProfile, *keep)
	if err != nil {
		return err
	}
	perMin := float64(len(folders)) / elapsed.Minutes()
	goal := float64(benchGoalCases) / benchGoalTime.Minutes()
	e2e := float64(pages) / elapsed.Seconds()
	fmt.Printf("end to end:  %6.1f s  %6.1f cases/min  %6.1f pages/s  %.2f× the goal's rate of %d cases in %s (%s)\n",
		elapsed.Seconds(), perMin, e2e, perMin/goal, benchGoalCases, benchGoalTime, verdict(perMin/goal))
	fmt.Printf("CPU time:    arsflow %.1f s, its PDF parser processes %.1f s, PostgreSQL %.1f s: %.0f ms a case; the machine was busy %.1f s of %.1f s (with whatever else ran)\n",
		used.self.Seconds(), used.children.Seconds(), used.postgres.Seconds(),
		1000*(used.self+used.children+used.postgres).Seconds()/float64(len(folders)),
		used.machine.Seconds(), elapsed.Seconds()*float64(runtime.NumCPU()))
	fmt.Printf("text layer:  %6.1f pages/s (pdftext in process, %d files at a time)\n", text, par)
	fmt.Printf("pdftotext:   %6.1f pages/s (a process per file, %d at a time); text layer / pdftotext = %.2f×\n", ref, par, text/ref)
	fmt.Printf("fields:      %6.1f pages/s (field extraction on that text, %d files at a time, the first %d cases)\n", fields, par, min(len(folders), *fieldSample))
	fmt.Printf("share of the end-to-end time at that parallelism: text layer %.0f %%, fields %.0f %%, the rest %.0f %%\n",
		100*e2e/text, 100*e2e/fields, 100*(1-e2e/text-e2e/fields))
	return nil
}

func verdict(r float64) string {
	if r >= 1 {
		return "goal met"
	}
	return "goal not met"
}

// caseFolders returns the case folders under dir, in name order.
func caseFolders(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("bench: no case folders in %s (generate them with `go run ./cmd/arsgen -bulk 1000 -out %s`)", dir, dir)
	}
	sort.Strings(out)
	return out, nil
}

// benchPipeline runs serve's stages on a temporary database, uploads the
// folders and returns the time from the first upload until every case is in
// the review queue.
func benchPipeline(ctx context.Context, cfg *config, folders []string, perBatch int, cpuProfile string, keep bool) (time.Duration, cpuTimes, error) {
	db, drop, err := database.OpenTemp(ctx, cfg.DatabaseURL, "arsflow_bench_")
	if err != nil {
		return 0, cpuTimes{}, fmt.Errorf("bench: temporary database on DATABASE_URL's server: %w", err)
	}
	if keep {
		fmt.Println("database kept:", db.Pool.Config().ConnConfig.Database)
	} else {
		defer drop()
	}
	dataDir, err := os.MkdirTemp("", "arsflow-bench-")
	if err != nil {
		return 0, cpuTimes{}, err
	}
	defer os.RemoveAll(dataDir)
	cfg.DataDir = dataDir
	cfg.AdminPass = randomPassword()
	log := newLogger(cfg.LogLevel)
	a, err := openApp(ctx, cfg, log, true, db)
	if err != nil {
		return 0, cpuTimes{}, err
	}
	if err := a.wireStages(ctx, allStages); err != nil {
		a.close()
		return 0, cpuTimes{}, err
	}
	a.addRelay()
	if err := a.wireHTTP(ctx); err != nil {
		a.close()
		return 0, cpuTimes{}, err
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		a.close()
		return 0, cpuTimes{}, err
	}
	web := &http.Server{Handler: a.httpSrv.Handler, ReadHeaderTimeout: 10 * time.Second}
	a.httpSrv = nil
	go func() { _ = web.Serve(l) }()
	defer web.Close()
	actx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- a.run(actx) }()
	defer func() { stop(); <-done }()

	admin, err := a.acct.UserByName(ctx, cfg.AdminUser)
	if err != nil {
		return 0, cpuTimes{}, err
	}
	token, err := a.acct.CreateToken(ctx, admin.ID, "bench", account.ScopeIngest, time.Hour)
	if err != nil {
		return 0, cpuTimes{}, err
	}
	client := &ingest.Client{BaseURL: "http://" + l.Addr().String(), Token: token, HTTP: &http.Client{Timeout: 10 * time.Minute}}
	if cpuProfile != "" {
		f, err := os.Create(cpuProfile)
		if err != nil {
			return 0, cpuTimes{}, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return 0, cpuTimes{}, err
		}
		defer pprof.StopCPUProfile()
	}
	start, before := time.Now(), readCPU(ctx, db)
	uploaded := make(chan error, 1)
	go func() { uploaded <- benchUpload(ctx, client, folders, perBatch) }()
	t := time.NewTicker(250 * time.Millisecond)
	defer t.Stop()
	last := time.Now()
	for {
		select {
		case err := <-uploaded:
			if err != nil {
				return 0, cpuTimes{}, err
			}
			uploaded = nil
		case <-ctx.Done():
			return 0, cpuTimes{}, ctx.Err()
		case <-t.C:
		}
		var inReview, failed int
		if err := db.Pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM review_items),
			(SELECT count(*) FROM work_items WHERE status = 'failed')`).Scan(&inReview, &failed); err != nil {
			return 0, cpuTimes{}, err
		}
		if failed > 0 {
			return 0, cpuTimes{}, fmt.Errorf("bench: %d work items failed (see arsflow status with DATABASE_URL of the kept database, --keep)", failed)
		}
		if inReview >= len(folders) {
			took, used := time.Since(start), readCPU(ctx, db).sub(before)
			printStageTimes(a)
			return took, used, nil
		}
		if time.Since(last) >= 10*time.Second {
			last = time.Now()
			fmt.Printf("  %5.0f s: %d of %d cases in review\n", time.Since(start).Seconds(), inReview, len(folders))
		}
	}
}

// printStageTimes prints how long each stage's deliveries took, from the
// process's own metrics.
func printStageTimes(a *app) {
	families, err := a.obs.reg.Gather()
	if err != nil {
		return
	}
	for _, f := range families {
		if f.GetName() != "arsflow_stage_duration_seconds" {
			continue
		}
		for _, m := range f.GetMetric() {
			h := m.GetHistogram()
			if h.GetSampleCount() == 0 {
				continue
			}
			fmt.Printf("  stage %-10s %5d items, %7.1f ms each on average (%.1f s in all)\n", m.GetLabel()[0].GetValue(),
				h.GetSampleCount(), 1000*h.GetSampleSum()/float64(h.GetSampleCount()), h.GetSampleSum())
		}
	}
}

// benchUpload uploads the folders perBatch at a time, one upload after
// another, as an administrator with `arsflow ingest` would.
func benchUpload(ctx context.Context, c *ingest.Client, folders []string, perBatch int) error {
	perBatch = max(perBatch, 1)
	for i := 0; i < len(folders); i += perBatch {
		all, _, err := ingest.Collect(folders[i:min(i+perBatch, len(folders))])
		if err != nil {
			return err
		}
		var sources []ingest.Source
		for _, s := range all {
			if strings.EqualFold(filepath.Ext(s.Name), ".pdf") {
				sources = append(sources, s) // not the generator's expected.json
			}
		}
		rep, err := c.Upload(ctx, sources)
		if err != nil {
			return fmt.Errorf("bench: upload: %w", err)
		}
		if rep.Accepted != len(sources) {
			return fmt.Errorf("bench: upload: %d of %d files accepted (the bench needs fresh, distinct cases)", rep.Accepted, len(sources))
		}
	}
	return nil
}

func randomPassword() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

var errNoPdftotext = errors.New("bench: pdftotext is not installed (apt-get install poppler-utils)")
