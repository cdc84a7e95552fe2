package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"arsflow/extract"
	"arsflow/summarize"
)

// runSummarize implements `arsflow summarize [--json] [--backend rules|openai]
// PATH...`: offline (no server, NATS or database) it extracts each PATH (a
// PDF, or a folder of PDFs that make up a case) and summarises it with the
// backend configured by flags and environment (ARSFLOW_SUMMARIZE_BACKEND,
// ARSFLOW_LLM_*). It prints per case the sections with their references, the
// grounding flags, the backend, the model and the token counts; with --json
// one JSON object per PATH, one per line. The exit status is 1 when any case
// could not be summarised.
func runSummarize(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("summarize", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print one JSON object per PATH, one per line")
	backend := fs.String("backend", "", "rules or openai (default: ARSFLOW_SUMMARIZE_BACKEND, else rules)")
	ocr := fs.Bool("ocr", true, "OCR pages without a text layer with tesseract")
	isolate := fs.Bool("isolate", false, "parse each PDF in a child process")
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil || fs.NArg() == 0 {
		return errUsage
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	b, err := summarize.New(*backend, os.Getenv, summarize.Options{Cache: summarize.NewMemoryCache(), Logger: log})
	if err != nil {
		return err
	}
	opts := extract.DefaultOptions()
	opts.Text.OCR = *ocr
	opts.Isolate = *isolate
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	failed := false
	for _, path := range fs.Args() {
		s, err := summarizePath(ctx, b, path, opts)
		if err != nil {
			failed = true
			if *asJSON {
				_ = enc.Encode(map[string]any{"path": path, "error": err.Error()})
			} else {
				fmt.Fprintf(os.Stderr, "arsflow summarize: %s: %v\n", path, err)
			}
			continue
		}
		if *asJSON {
			if err := enc.Encode(struct {
				Path string `json:"path"`
				*summarize.Summary
			}{path, s}); err != nil {
				return fmt.Errorf("summarize: write: %w", err)
			}
			continue
		}
		printSummary(os.Stdout, path, s)
	}
	if failed {
		return exitCode(1)
	}
	return nil
}

// summarizePath extracts one case and summarises it.
func summarizePath(ctx context.Context, b summarize.Backend, path string, opts extract.Options) (*summarize.Summary, error) {
	c, err := extract.ExtractPath(ctx, path, opts)
	if err != nil {
		return nil, err
	}
	return b.Summarize(ctx, c)
}

// printSummary writes a summary for a person to read.
func printSummary(w io.Writer, path string, s *summarize.Summary) {
	fmt.Fprintf(w, "Ärende: %s\n", path)
	for _, sec := range s.Sections {
		fmt.Fprintf(w, "\n%s\n", sec.Title)
		for _, sent := range sec.Sentences {
			var refs []string
			for _, r := range sent.Refs {
				refs = append(refs, fmt.Sprintf("%s s. %d", r.File, r.Page))
			}
			ref := ""
			if len(refs) > 0 {
				ref = "  [" + strings.Join(refs, "; ") + "]"
			}
			fmt.Fprintf(w, "  %s%s\n", sent.Text, ref)
		}
	}
	if len(s.Flags) > 0 {
		fmt.Fprintln(w, "\nFlaggor:")
		for _, f := range s.Flags {
			fmt.Fprintf(w, "  [%s] %s\n", f.Code, f.Message)
		}
	}
	model := s.Model
	if model == "" {
		model = "-"
	}
	fmt.Fprintf(w, "\nMotor: %s (%s), modell: %s, plats: %s, reserv: %v, tokens in/ut: %d/%d, %.3f Wh, %d ms\n\n",
		s.Backend, s.BackendVersion, model, s.Location, s.Fallback, s.TokensIn, s.TokensOut, s.EnergyWh, s.Latency.Milliseconds())
}
