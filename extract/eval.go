package extract

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"arsflow/extract/casefile"
	"arsflow/extract/layout"
)

// Expected is a case's expected.json in the evaluation corpus.
type Expected struct {
	Case      string         `json:"case"`
	Scanned   bool           `json:"scanned"`
	Fields    map[string]any `json:"fields"`
	Documents []struct {
		File  string   `json:"file"`
		Types []string `json:"types"`
	} `json:"documents"`
	Checks       []string `json:"checks"`
	PersonalData []string `json:"personal_data"`
}

// Counts are true positives, false positives and false negatives.
type Counts struct {
	TP int `json:"tp"`
	FP int `json:"fp"`
	FN int `json:"fn"`
}

// Precision is TP/(TP+FP), 1 when nothing was predicted.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP/(TP+FN), 1 when nothing was expected.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func (c *Counts) add(o Counts) { c.TP += o.TP; c.FP += o.FP; c.FN += o.FN }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// MarshalJSON adds precision, recall and F1 to the counts.
func (c Counts) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		TP, FP, FN            int
		Precision, Recall, F1 float64
	}{c.TP, c.FP, c.FN, round3(c.Precision()), round3(c.Recall()), round3(c.F1())})
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

// Mismatch is one difference between expected and extracted.
type Mismatch struct {
	Kind     string `json:"kind"` // "field", "check", "type", "personal_data"
	Key      string `json:"key"`
	Expected any    `json:"expected,omitempty"`
	Got      any    `json:"got,omitempty"`
}

// CaseEval is the evaluation of one case.
type CaseEval struct {
	Dir        string     `json:"dir"`
	Scanned    bool       `json:"scanned"`
	Fields     Counts     `json:"fields"`
	Mismatches []Mismatch `json:"mismatches,omitempty"`
	Error      string     `json:"error,omitempty"`
}

// Report is the evaluation of a corpus.
type Report struct {
	Cases         []CaseEval         `json:"cases"`
	Fields        map[string]*Counts `json:"fields"`
	FieldsText    Counts             `json:"fields_text_layer"`
	FieldsScanned Counts             `json:"fields_scanned"`
	FieldsAll     Counts             `json:"fields_all"`
	Checks        map[string]*Counts `json:"checks"`
	ChecksAll     Counts             `json:"checks_all"`
	DocumentTypes Counts             `json:"document_types"`
	PersonalData  Counts             `json:"personal_data"`
	// PlantedMissed counts expected checks that were not raised.
	PlantedMissed int `json:"planted_missed"`
	// Calibration is the accuracy of the reported values per confidence
	// band, highest band first.
	Calibration []Band `json:"calibration"`
}

// Band counts the reported field values whose confidence lies in [Low,
// High): how many there were and how many were right (a value reported
// where none is expected is wrong).
type Band struct {
	Low, High float64
	Values    int
	Right     int
}

// Accuracy is Right/Values, 1 for an empty band.
func (b Band) Accuracy() float64 { return ratio(b.Right, b.Values) }

// MarshalJSON adds the accuracy.
func (b Band) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Low, High     float64
		Values, Right int
		Accuracy      float64
	}{b.Low, b.High, b.Values, b.Right, round3(b.Accuracy())})
}

// bandEdges are the lower edges of the confidence bands.
var bandEdges = []float64{casefile.ConfidentAt, 0.8, 0.7, 0.5, 0}

func (r *Report) calibrate(conf float64, right bool) {
	if r.Calibration == nil {
		high := 1.01
		for _, e := range bandEdges {
			r.Calibration = append(r.Calibration, Band{Low: e, High: high})
			high = e
		}
	}
	for i := range r.Calibration {
		if b := &r.Calibration[i]; conf >= b.Low && conf < b.High {
			b.Values++
			if right {
				b.Right++
			}
			return
		}
	}
}

// CaseDirs returns the case folders under each dir: dir itself when it
// holds expected.json, else its subfolders that do, in name order.
func CaseDirs(dirs []string) ([]string, error) {
	var out []string
	for _, dir := range dirs {
		if _, err := os.Stat(filepath.Join(dir, "expected.json")); err == nil {
			out = append(out, dir)
			continue
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("eval: %w", err)
		}
		n := 0
		for _, e := range entries {
			if _, err := os.Stat(filepath.Join(dir, e.Name(), "expected.json")); e.IsDir() && err == nil {
				out = append(out, filepath.Join(dir, e.Name()))
				n++
			}
		}
		if n == 0 {
			return nil, fmt.Errorf("eval: %s: %w", dir, ErrNoExpected)
		}
	}
	return out, nil
}

// ErrNoExpected is returned for a folder without expected.json files.
var ErrNoExpected = errors.New("no expected.json")

// Eval extracts every case under dirs and compares it with its
// expected.json: precision and recall per field, per check, for document
// types and for personal data; fields split into text-layer and scanned
// cases. progress, when not nil, is called after each case.
func Eval(ctx context.Context, dirs []string, opts Options, progress func(CaseEval)) (*Report, error) {
	cases, err := CaseDirs(dirs)
	if err != nil {
		return nil, err
	}
	r := &Report{Fields: map[string]*Counts{}, Checks: map[string]*Counts{}}
	for _, dir := range cases {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("eval: %w", err)
		}
		ce := evalCase(ctx, dir, opts, r)
		r.Cases = append(r.Cases, ce)
		if progress != nil {
			progress(ce)
		}
	}
	for _, c := range r.Checks {
		r.ChecksAll.add(*c)
	}
	return r, nil
}

func evalCase(ctx context.Context, dir string, opts Options, r *Report) CaseEval {
	ce := CaseEval{Dir: dir}
	b, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		ce.Error = err.Error()
		return ce
	}
	var exp Expected
	if err := json.Unmarshal(b, &exp); err != nil {
		ce.Error = fmt.Sprintf("expected.json: %v", err)
		return ce
	}
	ce.Scanned = exp.Scanned
	c, err := ExtractPath(ctx, dir, opts)
	if err != nil {
		ce.Error = err.Error()
		c = &casefile.Case{Fields: map[string]casefile.Field{}}
	}
	// Fields.
	for _, k := range casefile.FieldKeys() {
		want, inExp := exp.Fields[k]
		got, inGot := c.Fields[k]
		var cnt Counts
		if inGot {
			r.calibrate(got.Confidence, inExp && sameValue(want, got.Value))
		}
		switch {
		case inExp && inGot && sameValue(want, got.Value):
			cnt.TP = 1
		case inExp && inGot:
			cnt.FP, cnt.FN = 1, 1
			ce.Mismatches = append(ce.Mismatches, Mismatch{"field", k, want, got.Value})
		case inExp:
			cnt.FN = 1
			ce.Mismatches = append(ce.Mismatches, Mismatch{"field", k, want, nil})
		case inGot:
			cnt.FP = 1
			ce.Mismatches = append(ce.Mismatches, Mismatch{"field", k, nil, got.Value})
		default:
			continue
		}
		if r.Fields[k] == nil {
			r.Fields[k] = &Counts{}
		}
		r.Fields[k].add(cnt)
		ce.Fields.add(cnt)
	}
	r.FieldsAll.add(ce.Fields)
	if exp.Scanned {
		r.FieldsScanned.add(ce.Fields)
	} else {
		r.FieldsText.add(ce.Fields)
	}
	// Checks, as sets of codes.
	want := map[string]bool{}
	for _, code := range exp.Checks {
		want[code] = true
	}
	got := map[string]bool{}
	for _, ch := range c.Checks {
		got[ch.Code] = true
	}
	for code := range union2(want, got) {
		if r.Checks[code] == nil {
			r.Checks[code] = &Counts{}
		}
		switch {
		case want[code] && got[code]:
			r.Checks[code].TP++
		case want[code]:
			r.Checks[code].FN++
			r.PlantedMissed++
			ce.Mismatches = append(ce.Mismatches, Mismatch{Kind: "check", Key: code, Expected: true})
		default:
			r.Checks[code].FP++
			ce.Mismatches = append(ce.Mismatches, Mismatch{Kind: "check", Key: code, Got: true})
		}
	}
	// casefile.Document types.
	for _, ed := range exp.Documents {
		var types []string
		for _, d := range c.Documents {
			if d.File == ed.File || filepath.Base(d.File) == ed.File {
				types = d.Types
			}
		}
		w, g := setOf(ed.Types), setOf(types)
		for t := range union2(w, g) {
			switch {
			case w[t] && g[t]:
				r.DocumentTypes.TP++
			case w[t]:
				r.DocumentTypes.FN++
				ce.Mismatches = append(ce.Mismatches, Mismatch{Kind: "type", Key: ed.File, Expected: t})
			default:
				r.DocumentTypes.FP++
				ce.Mismatches = append(ce.Mismatches, Mismatch{Kind: "type", Key: ed.File, Got: t})
			}
		}
	}
	// Personal data: every planted item must be found.
	var found []casefile.PersonalDatum
	for _, d := range c.Documents {
		found = append(found, casefile.FindPersonalData(joinLines(layout.New(d.File, d.Text).Lines))...)
	}
	for _, item := range exp.PersonalData {
		if personalFound(item, found) {
			r.PersonalData.TP++
		} else {
			r.PersonalData.FN++
			ce.Mismatches = append(ce.Mismatches, Mismatch{Kind: "personal_data", Key: "missed"})
		}
	}
	return ce
}

func personalFound(item string, found []casefile.PersonalDatum) bool {
	norm := func(s string) string {
		if strings.Contains(s, "@") {
			return strings.ToLower(strings.TrimSpace(s))
		}
		if d := onlyDigits(s); len(d) >= 8 && len(d) >= len(strings.ReplaceAll(s, " ", ""))-3 {
			return d
		}
		return strings.ToLower(strings.Join(strings.Fields(s), " "))
	}
	want := norm(item)
	for _, f := range found {
		got := norm(f.Text)
		if got == want || strings.Contains(got, want) || strings.Contains(want, got) && len(got) >= 6 {
			return true
		}
		// A 12-digit personnummer matches its 10-digit form.
		if len(want) == 12 && got == want[2:] || len(got) == 12 && want == got[2:] {
			return true
		}
	}
	return false
}

// sameValue compares an expected JSON value with an extracted one.
func sameValue(want, got any) bool {
	switch w := want.(type) {
	case float64:
		g, ok := got.(float64)
		return ok && math.Abs(w-g) < 0.5
	case bool:
		g, ok := got.(bool)
		return ok && w == g
	case string:
		g, ok := got.(string)
		return ok && normalizeName(w) == normalizeName(g)
	}
	return fmt.Sprint(want) == fmt.Sprint(got)
}

func setOf(xs []string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return m
}

func union2(a, b map[string]bool) map[string]bool {
	m := map[string]bool{}
	for k := range a {
		m[k] = true
	}
	for k := range b {
		m[k] = true
	}
	return m
}

// SortedKeys returns the keys of a counts map in order.
func SortedKeys(m map[string]*Counts) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// onlyDigits returns the ASCII digits of s.
func onlyDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}
