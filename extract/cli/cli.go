// Package cli is the offline reader's command line, shared by `arsflow
// extract` and the slim cmd/arsflow-extract.
package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sort"
	"strings"

	"arsflow/extract"
	"arsflow/extract/casefile"
)

// Run implements `extract [--json] [--ocr=false] [--isolate] PATH...` for
// both `arsflow extract` and the slim cmd/arsflow-extract: it reads each
// PATH (one PDF, or a folder of PDFs that make up a case) offline and prints
// the case to stdout, one JSON object per line with --json. It returns the
// exit status: 0, 1 when any document could not be read, 2 for a usage
// error (the caller prints the usage).
func Run(ctx context.Context, name string, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print one JSON object per PATH, one per line")
	ocr := fs.Bool("ocr", true, "OCR pages without a text layer with tesseract")
	isolate := fs.Bool("isolate", false, "parse each PDF in a child process")
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil || fs.NArg() == 0 {
		return 2
	}
	shortLivedHeap()
	opts := extract.DefaultOptions()
	opts.Text.OCR = *ocr
	opts.Isolate = *isolate
	failed := false
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	for _, path := range fs.Args() {
		c, err := extract.ExtractPath(ctx, path, opts)
		if err != nil {
			failed = true
			if *asJSON {
				// Keep one line per PATH so scripts can pair input and output.
				_ = enc.Encode(map[string]any{"path": path, "documents": []any{}, "fields": map[string]any{}, "checks": []any{}, "error": err.Error()})
			} else {
				fmt.Fprintf(stderr, "%s: %v\n", name, err)
			}
			continue
		}
		for _, d := range c.Documents {
			if d.Error != "" {
				failed = true
			}
		}
		if *asJSON {
			if err := enc.Encode(c); err != nil {
				fmt.Fprintf(stderr, "%s: write: %v\n", name, err)
				return 1
			}
			continue
		}
		printCase(stdout, c)
	}
	if failed {
		return 1
	}
	return 0
}

// Usage is the command's arguments, after its name.
const Usage = "extract [--json] [--ocr=false] [--isolate] PATH..."

// printCase writes a readable summary of a case.
func printCase(w io.Writer, c *casefile.Case) {
	fmt.Fprintf(w, "Ärende: %s\n", c.Path)
	fmt.Fprintln(w, "Handlingar:")
	for _, d := range c.Documents {
		src := map[string]int{}
		for _, s := range d.TextSource {
			src[string(s)]++
		}
		var srcs []string
		for k, n := range src {
			srcs = append(srcs, fmt.Sprintf("%s×%d", k, n))
		}
		sort.Strings(srcs) // the same output every run
		line := fmt.Sprintf("  %s  [%s]  %d sidor (%s)", d.File, strings.Join(d.Types, ", "), d.Pages, strings.Join(srcs, " "))
		if d.Error != "" {
			line += "  FEL: " + d.Error
		}
		fmt.Fprintln(w, line)
	}
	fmt.Fprintln(w, "Uppgifter:")
	for _, k := range casefile.FieldKeys() {
		f, ok := c.Fields[k]
		if !ok {
			continue
		}
		conflict := ""
		if len(f.Candidates) > 1 {
			conflict = fmt.Sprintf("  (%d kandidater)", len(f.Candidates))
		}
		fmt.Fprintf(w, "  %-24s %-30v %s s.%d  %.2f%s\n", k, f.Value, f.File, f.Page, f.Confidence, conflict)
	}
	fmt.Fprintln(w, "Kontroller:")
	for _, ch := range c.Checks {
		fmt.Fprintf(w, "  [%s] %s: %s\n", ch.Severity, ch.Code, ch.Message)
	}
	fmt.Fprintln(w)
}

// shortLivedHeap lets a one-shot command collect garbage only when its heap
// nears a limit (256 MiB) instead of at every doubling: reading a case
// allocates much that lives briefly, and on one core the collector would
// otherwise cost about a third of the run. GOGC or GOMEMLIMIT in the
// environment keep their say.
func shortLivedHeap() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(256 << 20)
	debug.SetGCPercent(-1)
}
