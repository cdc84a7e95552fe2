package extract

import (
	"fmt"
	"sort"
	"strings"

	"arsflow/extract/casefile"
	"arsflow/extract/pdftext"
)

// maxCandidates bounds the candidates kept per field.
const maxCandidates = 12

// DocumentFromPages classifies a document and reads its fields from its
// pages' text. It needs no PDF: the pipeline, the CLI and the tests feed it
// what pdftext produced or hand-made pages.
func DocumentFromPages(file string, pages []pdftext.Page) *casefile.Document {
	doc := &casefile.Document{File: file, Pages: len(pages), Text: pages}
	for _, p := range pages {
		doc.TextSource = append(doc.TextSource, p.Source)
	}
	d := newDocText(file, pages)
	doc.Types = classify(d)
	doc.Fields = readFields(d, doc.Types)
	return doc
}

// readFields reads every field a document holds. Each field carries its best
// candidate and, when the document offers several different values, all of
// them.
func readFields(d *docText, types []string) map[string]casefile.Field {
	var all = map[string][]casefile.Candidate{}
	add := func(key string, c casefile.Candidate) { all[key] = append(all[key], c) }
	findHeader(d, types, add)
	findMembers(d, add)
	findStatementFigures(d, add)
	findPeople(d, hasType(types, casefile.TypeAGMMinutes), add)
	findDecisions(d, types, add)
	if sum, ok := municipalGrantSum(d, all[casefile.FieldMunicipalGrants]); ok {
		all[casefile.FieldMunicipalGrants] = append(all[casefile.FieldMunicipalGrants], sum)
	}
	out := make(map[string]casefile.Field, len(all))
	for k, cs := range all {
		out[k] = choose(cs)
	}
	return out
}

// municipalGrantSum adds up several municipal grant rows on one statement
// page ("Kommunalt aktivitetsbidrag", "Kommunalt lokalbidrag").
func municipalGrantSum(d *docText, cs []casefile.Candidate) (casefile.Candidate, bool) {
	byPage := map[int][]casefile.Candidate{}
	for _, c := range cs {
		if strings.Contains(strings.ToLower(c.Quote), "summa") {
			return casefile.Candidate{}, false
		}
		byPage[c.Page] = append(byPage[c.Page], c)
	}
	for _, list := range byPage {
		quotes := map[string]bool{}
		sum := 0.0
		var box *pdftext.BBox
		var qs []string
		for _, c := range list {
			if quotes[c.Quote] {
				continue
			}
			quotes[c.Quote] = true
			v, _ := c.Value.(float64)
			sum += v
			qs = append(qs, c.Quote)
			if c.BBox != nil {
				b := *c.BBox
				if box != nil {
					b = union(*box, b)
				}
				box = &b
			}
		}
		if len(qs) >= 2 && len(qs) <= 4 {
			return casefile.Candidate{Value: sum, File: list[0].File, Page: list[0].Page, Quote: strings.Join(qs, "\n"), BBox: box, Confidence: 0.92}, true
		}
	}
	return casefile.Candidate{}, false
}

// choose picks the most confident candidate; ties go to the value found
// most often, then to the earliest. Distinct values are all kept.
func choose(cs []casefile.Candidate) casefile.Field {
	count := map[string]int{}
	for _, c := range cs {
		count[valueKey(c.Value)]++
	}
	sorted := append([]casefile.Candidate(nil), cs...)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i], sorted[j]
		if a.Confidence != b.Confidence {
			return a.Confidence > b.Confidence
		}
		return count[valueKey(a.Value)] > count[valueKey(b.Value)]
	})
	f := casefile.Field{Candidate: sorted[0]}
	// Agreement between several places raises confidence a little.
	if n := count[valueKey(f.Value)]; n > 1 {
		f.Confidence = clamp01(f.Confidence + 0.02*float64(min(n-1, 3)))
	}
	if len(count) > 1 {
		f.Candidates = dedupe(sorted)
	}
	return f
}

// dedupe drops repeated candidates (same value, page and quote) and bounds
// the list.
func dedupe(cs []casefile.Candidate) []casefile.Candidate {
	seen := map[string]bool{}
	var out []casefile.Candidate
	for _, c := range cs {
		k := fmt.Sprintf("%s|%s|%d|%s", valueKey(c.Value), c.File, c.Page, c.Quote)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, c)
		if len(out) == maxCandidates {
			break
		}
	}
	return out
}

// valueKey is a comparable form of a field value.
func valueKey(v any) string {
	switch x := v.(type) {
	case float64:
		return fmt.Sprintf("%.2f", x)
	case string:
		return strings.ToLower(strings.Join(strings.Fields(x), " "))
	default:
		return fmt.Sprint(x)
	}
}
