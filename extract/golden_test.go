package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenCases are corpus cases whose `arsflow extract --json` output is kept
// as golden files: one clean case and one with planted problems.
var goldenCases = []string{"01-ekbackens-ik", "13-hagaby-scoutkar"}

// TestGoldenExtractJSON checks the JSON that `arsflow extract --json` prints
// (one line per path) for corpus cases against golden files. Run with
// -update after an intended change, and review the diff.
func TestGoldenExtractJSON(t *testing.T) {
	if testing.Short() {
		t.Skip("reads PDFs")
	}
	for _, name := range goldenCases {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("..", "testdata", "cases", name)
			if _, err := os.Stat(dir); err != nil {
				t.Fatalf("corpus case missing: %v", err)
			}
			opts := DefaultOptions()
			opts.Text.OCR = false
			c, err := ExtractPath(context.Background(), dir, opts)
			if err != nil {
				t.Fatal(err)
			}
			c.Path = name
			var got bytes.Buffer
			enc := json.NewEncoder(&got)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(c); err != nil {
				t.Fatal(err)
			}
			// The output is one line; the golden file is indented for review.
			if bytes.Count(got.Bytes(), []byte("\n")) != 1 {
				t.Fatalf("output is not one line")
			}
			var pretty bytes.Buffer
			if err := json.Indent(&pretty, got.Bytes(), "", "  "); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, pretty.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if !bytes.Equal(pretty.Bytes(), want) {
				t.Errorf("extract --json for %s differs from %s (run with -update and review the diff):\n%s", name, golden, firstDiff(pretty.String(), string(want)))
			}
			// The shape of issue 3 point 7.
			var shape map[string]any
			if err := json.Unmarshal(got.Bytes(), &shape); err != nil {
				t.Fatal(err)
			}
			for _, k := range []string{"path", "documents", "fields", "checks"} {
				if _, ok := shape[k]; !ok {
					t.Errorf("output lacks %q", k)
				}
			}
			for k, f := range shape["fields"].(map[string]any) {
				for _, p := range []string{"value", "file", "page", "quote", "bbox", "confidence"} {
					if _, ok := f.(map[string]any)[p]; !ok {
						t.Errorf("field %s lacks %q", k, p)
					}
				}
			}
		})
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(a, b string) string {
	al, bl := bytes.Split([]byte(a), []byte("\n")), bytes.Split([]byte(b), []byte("\n"))
	for i := 0; i < len(al) && i < len(bl); i++ {
		if !bytes.Equal(al[i], bl[i]) {
			return "line " + itoa(i+1) + ":\n  got:  " + string(al[i]) + "\n  want: " + string(bl[i])
		}
	}
	return "lengths differ"
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }
