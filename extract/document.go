package extract

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"arsflow/extract/casefile"
	"arsflow/extract/pdftext"
)

// Options control how documents are read.
type Options struct {
	// Text are the text-layer options (OCR, languages, binaries).
	Text pdftext.Options
	// Isolate parses each PDF in a child process (see
	// pdftext.ExtractIsolated); the binary must call pdftext.MaybeRunChild.
	Isolate bool
	// MemLimit bounds the child's memory in bytes when Isolate is set.
	MemLimit int64
	// Timeout bounds the reading of one document; zero means no bound
	// beyond ctx.
	Timeout time.Duration
}

// DefaultOptions returns the options used by the CLI and the pipeline:
// pdftext's defaults, no child process, ten minutes per document.
func DefaultOptions() Options {
	return Options{Text: pdftext.DefaultOptions(), Timeout: 10 * time.Minute}
}

// ErrNoPDF is returned by ExtractPath for a folder without PDF files.
var ErrNoPDF = errors.New("no PDF files")

// ExtractDocument reads one PDF and returns its document with types and
// fields. It never panics: a file that cannot be read comes back with a
// plain Swedish Error and whatever pages could be read.
func ExtractDocument(ctx context.Context, file string, data []byte, opts Options) *casefile.Document {
	doc, _ := extractDocument(ctx, file, data, opts)
	return doc
}

func extractDocument(ctx context.Context, file string, data []byte, opts Options) (doc *casefile.Document, rd *reading) {
	defer func() {
		if r := recover(); r != nil {
			doc = &casefile.Document{File: file, Types: []string{casefile.TypeOther}, TextSource: []casefile.Source{}, Error: "Dokumentet kunde inte tolkas (internt fel)."}
			rd = read(file, nil)
			_ = debug.Stack()
		}
	}()
	if opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.Timeout)
		defer cancel()
	}
	var res *pdftext.Result
	var err error
	if opts.Isolate {
		res, err = pdftext.ExtractIsolated(ctx, data, opts.Text, opts.MemLimit)
	} else {
		res, err = pdftext.Extract(ctx, data, opts.Text)
	}
	var pages []pdftext.Page
	if res != nil {
		pages = res.Pages
	}
	doc, rd = readDocument(file, pages)
	if err != nil && !errors.Is(err, pdftext.ErrNoText) {
		doc.Error = pdftext.Reason(err)
	}
	if doc.TextSource == nil {
		doc.TextSource = []pdftext.Source{}
	}
	return doc, rd
}

// DocumentFromPages classifies a document and reads its fields from its
// pages' text. It needs no PDF: the pipeline, the CLI and the tests feed it
// what pdftext produced or hand-made pages.
func DocumentFromPages(file string, pages []casefile.Page) *casefile.Document {
	doc, _ := readDocument(file, pages)
	return doc
}

func readDocument(file string, pages []casefile.Page) (*casefile.Document, *reading) {
	doc := &casefile.Document{File: file, Pages: len(pages), Text: pages, TextSource: []casefile.Source{}}
	for _, p := range pages {
		doc.TextSource = append(doc.TextSource, p.Source)
	}
	r := read(file, pages)
	doc.Types = r.types
	doc.Fields = r.fields()
	return doc, r
}

// ExtractPath reads PATH, one PDF (a case of one document) or a folder (a
// case of every PDF inside, recursively, in name order), and assembles the
// case. Unreadable files become documents with an Error; only a missing
// path or a folder without PDFs is an error.
func ExtractPath(ctx context.Context, path string, opts Options) (*casefile.Case, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("extract %s: %w", path, err)
	}
	var files []string
	if info.IsDir() {
		err := filepath.WalkDir(path, func(p string, e os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !e.IsDir() && strings.EqualFold(filepath.Ext(p), ".pdf") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("extract %s: %w", path, err)
		}
		sort.Strings(files)
		if len(files) == 0 {
			return nil, fmt.Errorf("extract %s: %w", path, ErrNoPDF)
		}
	} else {
		files = []string{path}
	}
	var docs []*casefile.Document
	var rs []*reading
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("extract %s: %w", path, err)
		}
		name := filepath.Base(f)
		if info.IsDir() {
			if rel, err := filepath.Rel(path, f); err == nil {
				name = filepath.ToSlash(rel)
			}
		}
		data, err := os.ReadFile(f)
		if err != nil {
			docs = append(docs, &casefile.Document{File: name, Types: []string{casefile.TypeOther}, TextSource: []casefile.Source{}, Error: "Filen kunde inte läsas."})
			rs = append(rs, read(name, nil))
			continue
		}
		d, r := extractDocument(ctx, name, data, opts)
		docs, rs = append(docs, d), append(rs, r)
	}
	return assemble(path, docs, rs), nil
}

// CaseKey returns the key the pipeline groups documents by: the valid
// organisation number, else the normalised association name; with the name,
// the org number (valid or "") and the year of the fiscal year's end (0 when
// unknown).
func CaseKey(c *casefile.Case) (key, name, orgNumber string, fiscalYear int) {
	if f, ok := c.Fields[casefile.FieldAssociationName]; ok {
		name, _ = f.Value.(string)
	}
	if f, ok := c.Fields[casefile.FieldOrgNumber]; ok {
		if s, _ := f.Value.(string); casefile.ValidOrgNumber(s) {
			orgNumber = s
		}
	}
	if f, ok := c.Fields[casefile.FieldFiscalYearEnd]; ok {
		if s, _ := f.Value.(string); len(s) >= 4 {
			fiscalYear = max(0, atoi(s[:4]))
		}
	}
	switch {
	case orgNumber != "":
		key = "org:" + orgNumber
	case name != "":
		key = "name:" + normalizeName(name)
	}
	return key, name, orgNumber, fiscalYear
}

// pagesOf makes pages of plain text, for callers and tests without a PDF.
func pagesOf(texts ...string) []casefile.Page {
	out := make([]casefile.Page, len(texts))
	for i, t := range texts {
		out[i] = casefile.Page{Number: i + 1, Source: casefile.SourcePDF, Quality: 1, Text: t}
	}
	return out
}
