package ingest

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"
	"time"
)

// BenchmarkExpandZip measures expanding and checking a zip of 20 PDFs of
// 1 MiB each and reports its time as a ratio to a reference measured in the
// same run: the plain archive/zip read of every entry plus its sha256, the
// least any ingest must do.
func BenchmarkExpandZip(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	var entries []zipEntry
	total := 0
	for i := range 20 {
		pad := make([]byte, 1<<20)
		for j := range pad {
			pad[j] = byte(rng.UintN(256))
		}
		data := append(testPDF(fmt.Sprint(i)), pad...)
		data = append(data, "\n%%EOF\n"...)
		entries = append(entries, zipEntry{name: fmt.Sprintf("Förening %d/%d.pdf", i%5, i), data: data})
		total += len(data)
	}
	z := testZip(b, entries...)
	files := []File{{Name: "alla.zip", Data: z}}
	reference := func() {
		zr, err := zip.NewReader(bytes.NewReader(z), int64(len(z)))
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range zr.File {
			rc, _ := f.Open()
			data, _ := io.ReadAll(rc)
			rc.Close()
			_ = sha256.Sum256(data)
		}
	}
	b.ResetTimer()
	var tRef, tExp time.Duration
	for b.Loop() {
		start := time.Now()
		items, _, err := expand(files, Limits{})
		tExp += time.Since(start)
		if err != nil || len(items) != 20 || items[0].reason != "" {
			b.Fatalf("expand: %d items, %v", len(items), err)
		}
		start = time.Now()
		reference()
		tRef += time.Since(start)
	}
	b.ReportMetric(float64(tExp)/float64(tRef), "x_reference")
	b.ReportMetric(float64(total)*float64(b.N)/tExp.Seconds()/1e6, "expand_MB/s")
}
