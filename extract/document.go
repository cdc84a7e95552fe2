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
func ExtractDocument(ctx context.Context, file string, data []byte, opts Options) (doc *casefile.Document) {
	defer func() {
		if r := recover(); r != nil {
			doc = &casefile.Document{File: file, Types: []string{casefile.TypeOther}, Error: "Dokumentet kunde inte tolkas (internt fel)."}
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
	doc = DocumentFromPages(file, pages)
	if err != nil && !errors.Is(err, pdftext.ErrNoText) {
		doc.Error = pdftext.Reason(err)
	}
	if doc.TextSource == nil {
		doc.TextSource = []pdftext.Source{}
	}
	return doc
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
			docs = append(docs, &casefile.Document{File: name, Types: []string{casefile.TypeOther}, TextSource: []pdftext.Source{}, Error: "Filen kunde inte läsas."})
			continue
		}
		docs = append(docs, ExtractDocument(ctx, name, data, opts))
	}
	return AssembleCase(path, docs), nil
}
