package summarize

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"arsflow/extract"
	"arsflow/extract/casefile"
)

// BenchmarkCorpusTokens extracts every case in ../testdata/cases and sends
// it to a recording server, to count the tokens per case: the tokens the
// backend sends (estimated with EstimateTokens, location external, so
// redacted) against the tokens of every page. It prints the table for the
// README and reports the mean share of the text that is sent.
//
//	go test -run '^$' -bench CorpusTokens -benchtime 1x ./summarize
func BenchmarkCorpusTokens(b *testing.B) {
	dirs, err := filepath.Glob(filepath.Join("..", "testdata", "cases", "*"))
	if err != nil || len(dirs) == 0 {
		b.Fatalf("no cases in ../testdata/cases: %v", err)
	}
	var cases []*casefile.Case
	for _, d := range dirs {
		if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
			continue
		}
		c, err := extract.ExtractPath(context.Background(), d, extract.DefaultOptions())
		if err != nil {
			b.Fatalf("%s: %v", d, err)
		}
		cases = append(cases, c)
	}
	b.ResetTimer()
	for b.Loop() {
		var table strings.Builder
		table.WriteString("| case | pages | tokens, all pages | pages sent | tokens in | calls |\n|---|---:|---:|---:|---:|---:|\n")
		var share float64
		for _, c := range cases {
			f := newFakeLLM(b, func(n int, body string) reply {
				if strings.Contains(body, "anteckningar") && !strings.Contains(body, "FAKTA (JSON)") {
					return reply{content: `{"notes":[]}`}
				}
				return reply{content: minimalAnswer}
			})
			o, _ := newTestOpenAI(b, testConfig(f, LocationExternal))
			pages, all := 0, 0
			for _, d := range c.Documents {
				for _, p := range d.Text {
					pages++
					all += EstimateTokens(p.Text)
				}
			}
			if _, err := o.Summarize(context.Background(), c); err != nil {
				b.Fatalf("%s: %v", c.Path, err)
			}
			in := 0
			sent := 0
			for _, r := range f.requests() {
				var req chatRequest
				_ = json.Unmarshal([]byte(r), &req)
				for _, m := range req.Messages {
					in += EstimateTokens(m.Content) + 4
					if m.Role == "user" {
						sent += strings.Count(m.Content, "<<<DOKUMENT ")
					}
				}
			}
			if all > 0 {
				share += float64(in) / float64(all)
			}
			fmt.Fprintf(&table, "| %s | %d | %d | %d | %d | %d |\n", filepath.Base(c.Path), pages, all, sent, in, len(f.requests()))
		}
		b.ReportMetric(share/float64(len(cases)), "sent/all")
		fmt.Fprintln(os.Stdout, table.String())
	}
}

// minimalAnswer is a valid answer for any case with a document: one
// sentence per section.
var minimalAnswer = func() string {
	var secs []string
	for _, k := range SectionKeys() {
		secs = append(secs, `{"key":"`+k+`","sentences":[{"text":"Se handlingen.","refs":[{"doc":"D1","page":1}]}]}`)
	}
	return `{"sections":[` + strings.Join(secs, ",") + `]}`
}()
