// Command holdout writes testdata/holdout, a held-out evaluation corpus of
// Swedish årshandlingar printed by headless Chromium (HTML → PDF), with two
// cases scanned to image-only PDFs. It was written without looking at the
// extractor, and the extractor must never be tuned on its output: the corpus
// exists to measure how extraction generalises to unseen documents.
//
// Usage, from the repository root:
//
//	go run ./cmd/arsgen/holdout                      # all cases
//	go run ./cmd/arsgen/holdout -case h05-lovhojdens-skidklubb
//	go run ./cmd/arsgen/holdout -list                # README table
//	go run ./cmd/arsgen/holdout -html /tmp/h         # also keep the HTML
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

func main() {
	out := flag.String("out", "testdata/holdout", "output folder")
	only := flag.String("case", "", "generate only this case")
	list := flag.Bool("list", false, "print the README case table and exit")
	chromium := flag.String("chromium", "/usr/bin/chromium", "Chromium binary")
	keepHTML := flag.String("html", "", "also write the HTML of every document to this folder")
	flag.Parse()
	cs := cases()
	if *list {
		printTable(os.Stdout, cs)
		return
	}
	ctx := context.Background()
	var wg sync.WaitGroup
	sem := make(chan struct{}, 3)
	errs := make(chan error, len(cs))
	for _, k := range cs {
		if *only != "" && k.Slug != *only {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if err := writeCase(ctx, k, *out, *chromium, *keepHTML); err != nil {
				errs <- err
				return
			}
			slog.Info("case written", "case", k.Slug)
		}()
	}
	wg.Wait()
	close(errs)
	failed := false
	for err := range errs {
		slog.Error("generate", "err", err)
		failed = true
	}
	if failed {
		os.Exit(1)
	}
}

// writeCase renders every file of a case and its expected.json.
func writeCase(ctx context.Context, k *kase, out, chromium, keepHTML string) error {
	dir := filepath.Join(out, k.Slug)
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("case %s: %w", k.Slug, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("case %s: %w", k.Slug, err)
	}
	r := seeded(k.Slug + "/scan")
	for _, f := range k.Files {
		var bodies []string
		title := ""
		for _, kd := range f.Kinds {
			switch kd {
			case kindActivity:
				bodies, title = append(bodies, activityReport(k, k.MembersHTML)), "Verksamhetsberättelse "+k.fy()
			case kindAccounts:
				bodies, title = append(bodies, annualAccounts(k, k.MembersHTML)), "Årsredovisning "+k.fy()
			case kindAudit:
				bodies, title = append(bodies, auditReport(k)), "Revisionsberättelse "+k.fy()
			case kindAGM:
				bodies, title = append(bodies, agmMinutes(k)), "Årsmötesprotokoll"
			case kindMembers:
				bodies, title = append(bodies, memberList(k)), "Medlemsförteckning"
			}
		}
		if len(f.Kinds) > 1 {
			title = "Årshandlingar " + k.fy()
		}
		doc := page(k, title, bodies...)
		if keepHTML != "" {
			p := filepath.Join(keepHTML, k.Slug, strings.TrimSuffix(f.Name, ".pdf")+".html")
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err == nil {
				_ = os.WriteFile(p, []byte(doc), 0o644)
			}
		}
		dst := filepath.Join(dir, f.Name)
		if !f.Scan {
			if err := chromiumPDF(ctx, chromium, doc, dst); err != nil {
				return fmt.Errorf("case %s: %w", k.Slug, err)
			}
			continue
		}
		tmp, err := os.MkdirTemp("", "holdout-src-")
		if err != nil {
			return fmt.Errorf("case %s: %w", k.Slug, err)
		}
		src := filepath.Join(tmp, "src.pdf")
		err = chromiumPDF(ctx, chromium, doc, src)
		if err == nil {
			err = scanPDF(ctx, src, dst, r)
		}
		os.RemoveAll(tmp)
		if err != nil {
			return fmt.Errorf("case %s: %w", k.Slug, err)
		}
	}
	return writeExpected(k, dir)
}
