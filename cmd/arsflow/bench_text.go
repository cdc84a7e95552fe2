package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"arsflow/extract"
	"arsflow/extract/pdftext"
)

// benchFile is one PDF of the bench with its text layer.
type benchFile struct {
	path  string
	data  []byte
	pages []pdftext.Page
}

// benchFiles reads every PDF in the folders.
func benchFiles(folders []string) ([]*benchFile, error) {
	var out []*benchFile
	for _, dir := range folders {
		paths, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				return nil, fmt.Errorf("bench: %w", err)
			}
			out = append(out, &benchFile{path: p, data: data})
		}
	}
	return out, nil
}

// parallel runs fn on every file, n at a time, and returns the wall time.
func parallel(files []*benchFile, n int, fn func(f *benchFile) error) (time.Duration, error) {
	work := make(chan *benchFile)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	start := time.Now()
	for range max(n, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range work {
				if err := fn(f); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for _, f := range files {
		work <- f
	}
	close(work)
	wg.Wait()
	return time.Since(start), first
}

func countPages(files []*benchFile) int {
	n := 0
	for _, f := range files {
		n += len(f.pages)
	}
	return n
}

// benchTextLayer reads every file's text layer in process as the extract
// stage does (pdftext with the pipeline's options, one page at a time per
// file), n files at a time, and returns pages per second.
func benchTextLayer(ctx context.Context, files []*benchFile, n int) (float64, error) {
	opts := extract.DefaultOptions().Text
	opts.Workers = 1
	took, err := parallel(files, n, func(f *benchFile) error {
		res, err := pdftext.Extract(ctx, f.data, opts)
		if err != nil {
			return fmt.Errorf("bench: text layer of %s: %w", f.path, err)
		}
		f.pages = res.Pages
		return nil
	})
	if err != nil {
		return 0, err
	}
	return float64(countPages(files)) / took.Seconds(), nil
}

// benchPdftotext runs pdftotext on every file, n processes at a time, and
// returns pages per second.
func benchPdftotext(ctx context.Context, files []*benchFile, n int) (float64, error) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		return 0, errNoPdftotext
	}
	took, err := parallel(files, n, func(f *benchFile) error {
		out, err := exec.CommandContext(ctx, "pdftotext", "-q", "-layout", "-enc", "UTF-8", f.path, os.DevNull).CombinedOutput()
		if err != nil {
			return fmt.Errorf("bench: pdftotext %s: %w: %s", f.path, err, strings.TrimSpace(string(out)))
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return float64(countPages(files)) / took.Seconds(), nil
}

// benchFields runs field extraction on the text read by benchTextLayer, n
// files at a time, and returns pages per second.
func benchFields(files []*benchFile, n int) float64 {
	took, _ := parallel(files, n, func(f *benchFile) error {
		extract.DocumentFromPages(filepath.Base(f.path), f.pages)
		return nil
	})
	return float64(countPages(files)) / took.Seconds()
}
