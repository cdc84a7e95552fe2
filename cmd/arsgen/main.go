// Command arsgen generates the evaluation corpus in testdata/cases: PDFs of
// realistic Swedish årshandlingar for fictional associations, with the
// expected extraction result beside them in expected.json. The output is
// deterministic; run it from the repository root:
//
//	go run ./cmd/arsgen
//
// With -bulk N it writes N clean cases of about 20 text-layer pages each
// for load tests instead (never commit them):
//
//	go run ./cmd/arsgen -bulk 1000 -out /tmp/bulk
//
// It needs groff (with gropdf) and pdftoppm (poppler-utils) for the groff
// and scanned documents.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	out := flag.String("out", "testdata/cases", "directory to write the cases into")
	only := flag.String("case", "", "generate only the case with this slug")
	list := flag.Bool("list", false, "print the case table of testdata/README.md and exit")
	bulk := flag.Int("bulk", 0, "write this many clean load-test cases into -out instead of the corpus")
	pages := flag.Int("pages", 20, "with -bulk: about this many pages a case (at least 7)")
	flag.Parse()
	if *list {
		printList(os.Stdout)
		return
	}
	if *bulk > 0 {
		if err := writeBulk(context.Background(), *out, *bulk, *pages); err != nil {
			fmt.Fprintln(os.Stderr, "arsgen:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(context.Background(), *out, *only); err != nil {
		fmt.Fprintln(os.Stderr, "arsgen:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, out, only string) error {
	for _, s := range cases() {
		if only != "" && s.Slug != only {
			continue
		}
		if err := writeCase(ctx, out, s, true); err != nil {
			return err
		}
		fmt.Println(s.Slug)
	}
	return nil
}

// buildCase builds the documents of a case and its expected result.
func buildCase(s Spec) (map[string]Doc, Expected) {
	b := newBuilder(s)
	docs := map[string]Doc{}
	for _, f := range s.Files {
		var d Doc
		for i, k := range f.Kinds {
			var part Doc
			switch k {
			case kindVB:
				part = b.activityReport(f)
			case kindAR, kindRR, kindBR:
				part = b.annualAccounts(f, k)
			case kindRB:
				part = b.auditReport(f)
			case kindAMP:
				part = b.agmMinutes(f)
			case kindMF:
				part = b.membershipReport(f)
			}
			if i == 0 {
				d = part
				continue
			}
			d.add(PageBreak{})
			d.add(part.Blocks...)
			if d.Footer == "" {
				d.Footer = part.Footer
			}
		}
		docs[f.Name] = d
	}
	return docs, b.expected()
}

// writeCase writes the case's PDFs (when pdfs is set) and expected.json.
func writeCase(ctx context.Context, out string, s Spec, pdfs bool) error {
	dir := filepath.Join(out, s.Slug)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write case %s: %w", s.Slug, err)
	}
	docs, exp := buildCase(s)
	if pdfs {
		for i, f := range s.Files {
			data, err := renderFile(ctx, f, docs[f.Name], s.seed()+int64(i))
			if err != nil {
				return fmt.Errorf("case %s file %s: %w", s.Slug, f.Name, err)
			}
			if err := os.WriteFile(filepath.Join(dir, f.Name), data, 0o644); err != nil {
				return fmt.Errorf("write case %s: %w", s.Slug, err)
			}
		}
	}
	js, err := json.MarshalIndent(exp, "", "  ")
	if err != nil {
		return fmt.Errorf("encode expected %s: %w", s.Slug, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "expected.json"), append(js, '\n'), 0o644); err != nil {
		return fmt.Errorf("write case %s: %w", s.Slug, err)
	}
	return nil
}

// renderFile renders one file with its producer, and scans it if asked.
func renderFile(ctx context.Context, f File, d Doc, seed int64) ([]byte, error) {
	if f.Scanned {
		base, err := renderFpdf(d, false, true, "arsgen")
		if err != nil {
			return nil, err
		}
		return scanPDF(ctx, base, seed)
	}
	switch f.Producer {
	case prodGroff:
		return renderGroff(ctx, d)
	case prodCore:
		return renderFpdf(d, false, false, "fpdf (standardtypsnitt, cp1252)")
	default:
		return renderFpdf(d, true, false, "fpdf (DejaVu Serif, UTF-8)")
	}
}

// printList writes a Markdown table of the cases: files, producers, checks
// and what each case plants.
func printList(w io.Writer) {
	fmt.Fprintln(w, "| Case | Files (producer) | Expected checks | What it plants |")
	fmt.Fprintln(w, "| --- | --- | --- | --- |")
	for _, s := range cases() {
		_, exp := buildCase(s)
		var files []string
		for _, f := range s.Files {
			prod := f.Producer
			if f.Scanned {
				prod = "scan"
			}
			if prod == "" {
				prod = prodUTF8
			}
			files = append(files, fmt.Sprintf("%s (%s)", f.Name, prod))
		}
		checks := strings.Join(exp.Checks, ", ")
		if checks == "" {
			checks = "–"
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", s.Slug, strings.Join(files, "<br>"), checks, s.Note)
	}
}
