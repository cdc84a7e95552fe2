package summarize

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"

	"arsflow/extract/casefile"
)

// hashInput is the canonical form of a case that InputHash covers: every
// document's name, types and page text, the fields with their evidence, and
// the checks.
type hashInput struct {
	Documents []hashDoc                 `json:"documents"`
	Fields    map[string]casefile.Field `json:"fields"`
	Checks    []casefile.Check          `json:"checks"`
}

type hashDoc struct {
	File  string   `json:"file"`
	Types []string `json:"types"`
	Pages []string `json:"pages"`
	Error string   `json:"error,omitempty"`
}

// InputHash returns the hex sha256 of the summariser's input: the documents'
// text, the fields and the checks of c. The case's path is not part of it, so
// the same documents give the same hash wherever they lie.
func InputHash(c *casefile.Case) string {
	in := hashInput{Fields: c.Fields, Checks: c.Checks}
	for _, d := range c.Documents {
		hd := hashDoc{File: d.File, Types: append([]string{}, d.Types...), Error: d.Error}
		sort.Strings(hd.Types)
		for _, p := range d.Text {
			hd.Pages = append(hd.Pages, p.Text)
		}
		in.Documents = append(in.Documents, hd)
	}
	sort.Slice(in.Documents, func(i, j int) bool { return in.Documents[i].File < in.Documents[j].File })
	b, err := json.Marshal(in) // map keys are sorted by encoding/json
	if err != nil {
		// Field values come from JSON or from extract's own types; a value
		// that cannot be marshalled still gets a stable, distinct hash.
		b = []byte(err.Error())
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// CacheKey returns the key under which a summary of input hash inputHash by
// backend b is cached: the same input, backend, model and prompt version
// (all part of b.Version()) and location give the same key.
func CacheKey(b Backend, inputHash string) string {
	sum := sha256.Sum256([]byte(b.Name() + "\x00" + b.Version() + "\x00" + b.Location() + "\x00" + inputHash))
	return hex.EncodeToString(sum[:])
}
