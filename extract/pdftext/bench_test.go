package pdftext

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
	"unicode"

	"github.com/go-pdf/fpdf"
)

// corpusDir holds public test PDFs on the development machines; the
// benchmarks use it when present.
const corpusDir = "../../../shared/pdf-corpus"

// benchFile is one PDF with its pdftotext reference, measured once.
type benchFile struct {
	name  string
	data  []byte
	path  string
	pages int
	ref   string // pdftotext's text
}

func loadBench(b *testing.B, paths []string) []benchFile {
	b.Helper()
	var files []benchFile
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		res, err := Extract(context.Background(), data, noTools())
		if err != nil || len(res.Pages) == 0 {
			continue // only files both tools can read are compared
		}
		ref, err := exec.Command("pdftotext", "-q", "-layout", "-enc", "UTF-8", p, "-").Output()
		if err != nil || len(wordsOf(string(ref))) == 0 {
			continue
		}
		files = append(files, benchFile{name: filepath.Base(p), data: data, path: p, pages: len(res.Pages), ref: string(ref)})
	}
	if len(files) == 0 {
		b.Skip("no readable files")
	}
	return files
}

// wordsOf returns the words of text, lower case, without surrounding
// punctuation.
func wordsOf(text string) map[string]int {
	m := make(map[string]int)
	for _, w := range strings.Fields(text) {
		w = strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
		if w != "" {
			m[w]++
		}
	}
	return m
}

// overlap counts the words two multisets share.
func overlap(a, b map[string]int) (common, na, nb int) {
	for w, n := range a {
		na += n
		common += min(n, b[w])
	}
	for _, n := range b {
		nb += n
	}
	return common, na, nb
}

// BenchmarkExtract measures pages per second and words recovered against
// pdftotext on the same files in the same run. Metrics: pages/s (ours),
// speed_ratio (ours / pdftotext pages per second), word_recall (share of
// pdftotext's words we find), word_precision (share of our words
// pdftotext finds). "library" runs without external tools, "default" with
// the pdftotext fallback (OCR off).
func BenchmarkExtract(b *testing.B) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		b.Skip("pdftotext not installed")
	}
	sets := map[string]func() []string{
		"testdata": func() []string { p, _ := filepath.Glob("testdata/*.pdf"); return p },
		"corpus":   func() []string { p, _ := filepath.Glob(filepath.Join(corpusDir, "*.pdf")); return p },
	}
	for _, set := range []string{"testdata", "corpus"} {
		for _, mode := range []string{"library", "default"} {
			b.Run(set+"/"+mode, func(b *testing.B) {
				paths := sets[set]()
				if len(paths) == 0 {
					b.Skip("no files in " + set)
				}
				files := loadBench(b, paths)
				opts := noTools()
				if mode == "default" {
					opts = DefaultOptions()
					opts.OCR = false
				}
				pages := 0
				for _, f := range files {
					pages += f.pages
				}
				b.ResetTimer()
				start := time.Now()
				var got []string
				for i := 0; i < b.N; i++ {
					got = got[:0]
					for _, f := range files {
						res, _ := Extract(context.Background(), f.data, opts)
						if res != nil {
							got = append(got, res.Text())
						} else {
							got = append(got, "")
						}
					}
				}
				ours := float64(pages*b.N) / time.Since(start).Seconds()
				b.StopTimer()

				// pdftotext on the same files, as many rounds.
				start = time.Now()
				for i := 0; i < b.N; i++ {
					for _, f := range files {
						if err := exec.Command("pdftotext", "-q", "-layout", f.path, os.DevNull).Run(); err != nil {
							b.Logf("pdftotext %s: %v", f.name, err)
						}
					}
				}
				theirs := float64(pages*b.N) / time.Since(start).Seconds()

				var common, na, nb int
				for i, f := range files {
					c, x, y := overlap(wordsOf(got[i]), wordsOf(f.ref))
					common, na, nb = common+c, na+x, nb+y
				}
				b.ReportMetric(ours, "pages/s")
				b.ReportMetric(ours/theirs, "speed_ratio")
				b.ReportMetric(float64(common)/float64(nb), "word_recall")
				b.ReportMetric(float64(common)/float64(max(na, 1)), "word_precision")
				b.ReportMetric(float64(len(files)), "files")
				b.ReportMetric(0, "ns/op")
			})
		}
	}
}

// gen300 generates a 300-page text PDF.
func gen300(b *testing.B) []byte {
	pdf := fpdf.New("P", "pt", "A4", "")
	tr := pdf.UnicodeTranslatorFromDescriptor("")
	for p := 1; p <= 300; p++ {
		pdf.AddPage()
		pdf.SetFont("Helvetica", "B", 14)
		pdf.Text(60, 60, tr(fmt.Sprintf("Sida %d: %s", p, swedishTitle)))
		pdf.SetFont("Times", "", 10)
		pdf.SetXY(60, 80)
		pdf.MultiCell(470, 12, tr(strings.Repeat(swedishBody+" "+leftColumn+" ", 8)), "", "J", false)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkPeakMemory300 extracts a generated 300-page PDF and reports the
// peak Go heap (sampled), against pdftotext's peak resident memory on the
// same file, and the speed of both.
func BenchmarkPeakMemory300(b *testing.B) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		b.Skip("pdftotext not installed")
	}
	data := gen300(b)
	path := filepath.Join(b.TempDir(), "300.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	var peak atomic.Uint64
	stop := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
				runtime.ReadMemStats(&m)
				if m.HeapAlloc > peak.Load() {
					peak.Store(m.HeapAlloc)
				}
			}
		}
	}()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		res, err := Extract(context.Background(), data, noTools())
		if err != nil || len(res.Pages) != 300 {
			b.Fatalf("Extract: %v", err)
		}
	}
	ours := float64(300*b.N) / time.Since(start).Seconds()
	b.StopTimer()
	close(stop)

	start = time.Now()
	var rss int64
	for i := 0; i < b.N; i++ {
		cmd := exec.Command("pdftotext", "-q", "-layout", path, os.DevNull)
		if err := cmd.Run(); err != nil {
			b.Fatal(err)
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = max(rss, ru.Maxrss) // KiB
		}
	}
	theirs := float64(300*b.N) / time.Since(start).Seconds()
	peakMB := float64(peak.Load()-min(peak.Load(), base.HeapAlloc)) / (1 << 20)
	b.ReportMetric(peakMB, "peak_heap_MB")
	b.ReportMetric(float64(rss)/1024, "pdftotext_rss_MB")
	b.ReportMetric(float64(len(data))/(1<<20), "file_MB")
	b.ReportMetric(ours, "pages/s")
	b.ReportMetric(ours/theirs, "speed_ratio")
	b.ReportMetric(0, "ns/op")
}
