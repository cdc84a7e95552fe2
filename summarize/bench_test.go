package summarize

import (
	"context"
	"testing"
	"time"
)

// BenchmarkOpenAIThroughput measures summaries per second against a server
// of fixed latency, with more callers than the configured concurrency. The
// reference is concurrency ÷ latency, the most the limit allows; the ratio
// (throughput ÷ reference) should stay within 10% of 1.
func BenchmarkOpenAIThroughput(b *testing.B) {
	for _, conc := range []int{1, 4, 16} {
		b.Run("concurrency="+itoa(conc), func(b *testing.B) {
			const latency = 200 * time.Millisecond // model answers take seconds; this is harsh
			f := newFakeLLM(b, func(n int, body string) reply { return reply{content: goodAnswer(body), delay: latency} })
			cfg := testConfig(f, LocationExternal)
			cfg.Concurrency = conc
			o, _ := newTestOpenAI(b, cfg)
			c := sampleCase()
			b.SetParallelism(2 * conc) // callers beyond the limit wait for a slot
			b.ResetTimer()
			start := time.Now()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if _, err := o.Summarize(context.Background(), c); err != nil {
						b.Error(err)
					}
				}
			})
			elapsed := time.Since(start)
			got := float64(b.N) / elapsed.Seconds()
			ref := float64(conc) / latency.Seconds()
			b.ReportMetric(got, "summaries/s")
			b.ReportMetric(ref, "ref_summaries/s")
			b.ReportMetric(got/ref, "ratio")
		})
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// BenchmarkSummarizeCPU measures the work arsflow itself does per summary
// (page selection, redaction, prompt, parsing, restoring, grounding) against
// a server that answers at once; the reference is the rule-based backend.
func BenchmarkSummarizeCPU(b *testing.B) {
	c := sampleCase()
	b.Run("rules", func(b *testing.B) {
		for b.Loop() {
			if _, err := (Rules{}).Summarize(context.Background(), c); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, loc := range []string{LocationInternal, LocationExternal} {
		b.Run("openai-"+loc, func(b *testing.B) {
			f := newFakeLLM(b, good)
			o, _ := newTestOpenAI(b, testConfig(f, loc))
			for b.Loop() {
				if _, err := o.Summarize(context.Background(), c); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
