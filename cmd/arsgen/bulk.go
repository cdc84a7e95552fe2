package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"
)

// Bulk cases are clean text-layer cases for load tests (`arsgen -bulk N`):
// each a different association, with a shortened activity log so that a case
// has about 20 pages. They are generated at run time into a temporary
// directory, never committed.
var (
	bulkPlaces = []string{"Ekby", "Sjöstad", "Lindvik", "Hagaby", "Östervik", "Tallmo", "Björkås",
		"Ängby", "Granlunda", "Åsbacka", "Norrvik", "Söderhamna", "Västerby", "Mossen", "Rönnäs",
		"Kvarnby", "Bergsjö", "Furulund", "Håkansta", "Ljungby", "Ormvik", "Prästbo", "Ramsta",
		"Stensby", "Tuvelund", "Ullvik", "Vallby", "Yxhult", "Åkerby", "Älvsta", "Örnäs",
		"Backa", "Dalby", "Fjällby", "Gölby", "Holmsta", "Ingarö", "Järvsta", "Kålltorp", "Löddby"}
	bulkKinds = []struct{ name, kind, band string }{
		{"Idrottsklubb", "idrott", "7\u201325 år"}, {"Scoutkår", "scout", "7\u201325 år"},
		{"Kulturförening", "kultur", "7\u201325 år"}, {"Pensionärsförening", "pension", "65 år och äldre"},
		{"Fotbollsförening", "idrott", "7\u201325 år"}, {"Schackklubb", "idrott", "7\u201325 år"},
		{"Konstförening", "kultur", "7\u201325 år"}, {"Seniorförening", "pension", "65 år och äldre"},
		{"Innebandyklubb", "idrott", "7\u201325 år"}, {"Ryttarförening", "idrott", "7\u201325 år"},
		{"Teaterförening", "kultur", "7\u201325 år"}, {"Kammarkör", "kultur", "7\u201325 år"},
		{"Folkdanslag", "kultur", "7\u201325 år"}, {"Handbollsklubb", "idrott", "7\u201325 år"},
		{"Simsällskap", "idrott", "7\u201325 år"}, {"Friluftsförening", "idrott", "7\u201325 år"},
		{"Bordtennisklubb", "idrott", "7\u201325 år"}, {"Musikförening", "kultur", "7\u201325 år"},
		{"Hembygdsförening", "kultur", "65 år och äldre"}, {"Orienteringsklubb", "idrott", "7\u201325 år"},
		{"Brukshundklubb", "idrott", "7\u201325 år"}, {"Filmstudio", "kultur", "7\u201325 år"},
		{"Tennisklubb", "idrott", "7\u201325 år"}, {"Fältrittklubb", "idrott", "7\u201325 år"},
		{"Slöjdförening", "kultur", "65 år och äldre"},
	}
)

// The usual four documents of a bulk case fill about 7 pages; its activity
// log takes about 60 rows a page.
const (
	bulkBasePages   = 7
	bulkRowsPerPage = 60
)

// bulkSpecs returns n distinct clean text-layer cases of about pages pages
// each (at least 7). n is at most len(bulkPlaces) × len(bulkKinds).
func bulkSpecs(n, pages int) ([]Spec, error) {
	if max := len(bulkPlaces) * len(bulkKinds); n > max {
		return nil, fmt.Errorf("-bulk %d: at most %d distinct associations", n, max)
	}
	out := make([]Spec, 0, n)
	for i := range n {
		place, k := bulkPlaces[i%len(bulkPlaces)], bulkKinds[(i/len(bulkPlaces)+i)%len(bulkKinds)]
		prod := prodUTF8
		if i%2 == 1 {
			prod = prodCore
		}
		slug := fmt.Sprintf("bulk-%04d", i+1)
		s := base(slug, place+"s "+k.name, k.kind, place, prod, i%4, day(2026, 2, 1+i%28))
		s.Members = 40 + (i*37)%400
		s.Eligible = s.Members * (30 + i%60) / 100
		s.Fee = 100 + 50*(i%8)
		s.Scale = 60000 + 10000*(i%90)
		s.Band = k.band
		if pages > bulkBasePages {
			s.Files[0].Long, s.Files[0].LogRows = true, (pages-bulkBasePages)*bulkRowsPerPage
		}
		s.Note = "Bulkärende för lasttest."
		out = append(out, s)
	}
	return out, nil
}

// writeBulk writes n bulk cases of about pages pages into out with all CPUs.
func writeBulk(ctx context.Context, out string, n, pages int) error {
	specs, err := bulkSpecs(n, pages)
	if err != nil {
		return err
	}
	start := time.Now()
	work := make(chan Spec)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range work {
				if err := writeCase(ctx, out, s, true); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		}()
	}
	for _, s := range specs {
		work <- s
	}
	close(work)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
	}
	fmt.Fprintf(os.Stderr, "arsgen: %d bulk cases in %s (%s)\n", n, filepath.Clean(out), time.Since(start).Round(time.Millisecond))
	return nil
}
