package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"arsflow/extract/pdftext"
)

// BenchmarkExtractVsPdftotext measures `arsflow extract` against pdftotext
// on the same text-layer PDFs, both as whole processes, one at a time, each
// single-threaded (GOMAXPROCS=1; pdftotext is single-threaded): pages per
// second of wall time and of CPU time (user + system), and our rate over
// pdftotext's. Three ways of calling: one arsflow process per case folder
// (how a case is read) against one pdftotext process per file (it takes
// one); one process per file for both; and one process per file for both
// with the slim cmd/arsflow-extract, which links only the reader and so
// starts faster. Every unit is run in turns with
// the two tools alternating first, ARSFLOW_SPEED_ROUNDS times (default 3),
// and the fastest run of each counts, so that other load on the machine
// weighs less. The files are the text-layer PDFs of testdata/cases and,
// when it is there, ../shared/real-corpus/cases. It fails if arsflow OCRs
// a page of them.
//
//	go test -run '^$' -bench ExtractVsPdftotext -benchtime 1x ./cmd/arsflow
func BenchmarkExtractVsPdftotext(b *testing.B) {
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		b.Skip("pdftotext is not installed")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		b.Skip("no go command to build arsflow with")
	}
	bin := filepath.Join(b.TempDir(), "arsflow")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	slim := filepath.Join(b.TempDir(), "arsflow-extract")
	if out, err := exec.Command(goTool, "build", "-o", slim, "../arsflow-extract").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	cases, pages := textLayerCases(b)
	if len(cases) == 0 {
		b.Skip("no text-layer cases")
	}
	rounds := 3
	if n, err := strconv.Atoi(os.Getenv("ARSFLOW_SPEED_ROUNDS")); err == nil && n > 0 {
		rounds = n
	}
	// Units of work: per case, and per file.
	type unit struct {
		ours   [][]string // arsflow extract calls
		theirs [][]string // pdftotext calls
	}
	var perCase, perFile, perFileSlim []unit
	files := 0
	for _, c := range cases {
		u := unit{ours: [][]string{{bin, "extract", "--json", c.dir}}}
		for _, f := range c.files {
			u.theirs = append(u.theirs, []string{pdftotext, "-q", "-layout", f, "-"})
			perFile = append(perFile, unit{ours: [][]string{{bin, "extract", "--json", f}}, theirs: [][]string{{pdftotext, "-q", "-layout", f, "-"}}})
			perFileSlim = append(perFileSlim, unit{ours: [][]string{{slim, "--json", f}}, theirs: [][]string{{pdftotext, "-q", "-layout", f, "-"}}})
			files++
		}
		perCase = append(perCase, u)
	}
	checkNoOCR(b, bin, cases)
	for i := 0; i < b.N; i++ {
		for _, mode := range []struct {
			name  string
			units []unit
		}{{"case", perCase}, {"file", perFile}, {"file_slim", perFileSlim}} {
			var oursWall, oursCPU, theirsWall, theirsCPU time.Duration
			for _, u := range mode.units {
				ow, oc, tw, tc := time.Duration(1<<62), time.Duration(1<<62), time.Duration(1<<62), time.Duration(1<<62)
				for r := 0; r < rounds; r++ {
					measure := func(ours bool) {
						calls := u.theirs
						if ours {
							calls = u.ours
						}
						var wall, cpu time.Duration
						for _, c := range calls {
							w, p := runTimed(b, c)
							wall += w
							cpu += p
						}
						if ours {
							ow, oc = min(ow, wall), min(oc, cpu)
						} else {
							tw, tc = min(tw, wall), min(tc, cpu)
						}
					}
					measure(r%2 == 0)
					measure(r%2 != 0)
				}
				oursWall += ow
				oursCPU += oc
				theirsWall += tw
				theirsCPU += tc
			}
			rate := func(d time.Duration) float64 { return float64(pages) / d.Seconds() }
			b.ReportMetric(rate(oursWall)/rate(theirsWall), "ratio_"+mode.name+"_wall")
			b.ReportMetric(rate(oursCPU)/rate(theirsCPU), "ratio_"+mode.name+"_cpu")
			if i == 0 {
				fmt.Printf("%d cases, %d files, %d pages; one process per %s for arsflow, per file for pdftotext; best of %d\n", len(cases), files, pages, strings.ReplaceAll(mode.name, "_slim", " (arsflow-extract)"), rounds)
				fmt.Printf("  wall: arsflow %6.0f pages/s, pdftotext %6.0f pages/s, ratio %.2f×\n", rate(oursWall), rate(theirsWall), rate(oursWall)/rate(theirsWall))
				fmt.Printf("  cpu:  arsflow %6.0f pages/s, pdftotext %6.0f pages/s, ratio %.2f×\n", rate(oursCPU), rate(theirsCPU), rate(oursCPU)/rate(theirsCPU))
			}
		}
	}
}

type speedCase struct {
	dir   string // a folder of links to the case's text-layer PDFs
	files []string
}

// textLayerCases links the text-layer PDFs of each case into a folder of
// its own and counts their pages.
func textLayerCases(b *testing.B) ([]speedCase, int) {
	var dirs []string
	for _, root := range []string{"../../testdata/cases", "../../../shared/real-corpus/cases"} {
		ds, _ := filepath.Glob(filepath.Join(root, "*"))
		dirs = append(dirs, ds...)
	}
	sort.Strings(dirs)
	tmp := b.TempDir()
	var out []speedCase
	pages := 0
	opts := pdftext.DefaultOptions()
	opts.OCR = false
	for i, d := range dirs {
		pdfs, _ := filepath.Glob(filepath.Join(d, "*.pdf"))
		c := speedCase{dir: filepath.Join(tmp, strconv.Itoa(i))}
		for _, f := range pdfs {
			data, err := os.ReadFile(f)
			if err != nil {
				continue
			}
			res, err := pdftext.Extract(context.Background(), data, opts)
			if err != nil || len(res.Pages) == 0 {
				continue
			}
			text := true
			for _, p := range res.Pages {
				text = text && p.Source != pdftext.SourceNone && p.Quality >= 0.5
			}
			if !text {
				continue
			}
			abs, _ := filepath.Abs(f)
			if len(c.files) == 0 {
				if err := os.Mkdir(c.dir, 0o755); err != nil {
					b.Fatal(err)
				}
			}
			link := filepath.Join(c.dir, filepath.Base(f))
			if err := os.Symlink(abs, link); err != nil {
				b.Fatal(err)
			}
			c.files = append(c.files, link)
			pages += len(res.Pages)
		}
		if len(c.files) > 0 {
			out = append(out, c)
		}
	}
	return out, pages
}

// runTimed runs one command single-threaded, its output discarded, and
// returns its wall and CPU time.
func runTimed(b *testing.B, args []string) (wall, cpu time.Duration) {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(os.Environ(), "GOMAXPROCS=1")
	start := time.Now()
	if err := cmd.Run(); err != nil {
		b.Fatalf("%v: %v", args, err)
	}
	wall = time.Since(start)
	return wall, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}

// checkNoOCR fails when arsflow sends a page of these text-layer PDFs to
// OCR.
func checkNoOCR(b *testing.B, bin string, cases []speedCase) {
	for _, c := range cases {
		out, err := exec.Command(bin, "extract", "--json", c.dir).Output()
		if err != nil {
			b.Fatalf("extract %s: %v", c.dir, err)
		}
		var got struct {
			Documents []struct {
				File       string   `json:"file"`
				TextSource []string `json:"text_source"`
			} `json:"documents"`
		}
		if err := json.Unmarshal(out, &got); err != nil {
			b.Fatal(err)
		}
		for _, d := range got.Documents {
			for p, s := range d.TextSource {
				if s == string(pdftext.SourceOCR) {
					b.Errorf("%s page %d has a text layer but was OCR'd", d.File, p+1)
				}
			}
		}
	}
}
