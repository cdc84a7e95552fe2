package main

import (
	"fmt"
	"strings"
)

func readme(specs []*Spec) string {
	var b strings.Builder
	b.WriteString(`# testdata/holdout2: second blind held-out corpus

Ten fictional associations' årshandlingar, made by ` + "`go run ./cmd/arsgen/holdout2`" + `
(run from the repo root; needs chromium, groff with gropdf, and poppler's
pdftoppm). All associations, people, organisation numbers (valid Luhn,
802xxx-xxxx), personnummer (random, valid Luhn), phone numbers (PTS fiction range
070-174 06 xx) and e-mail addresses (exempel.se) are invented.

**Written blind.** The generator was written without reading the extractor
(` + "`extract/`" + `), the summariser, the first generator (` + "`cmd/arsgen/`" + `) or the other
corpora (` + "`testdata/cases`" + `, ` + "`testdata/holdout`" + `): only the expected.json
conventions in testdata/README.md, one expected.json for its format, the domain
notes and issue 3. Wording and layout were chosen independently.

**Never tune the extractor on this corpus.** Do not read its PDFs or its
generator to fix extraction rules; fix general behaviour found elsewhere and
only *measure* here. Once someone has tuned against it, it stops measuring
generalisation and a new blind corpus is needed.

## Producers

- ` + "`chromium`" + `: HTML printed by headless Chromium (` + "`--print-to-pdf`" + `), in four layouts:
  a letterhead with the organisation number in a header box, a coloured
  sidebar beside the text (organisation number and fiscal year in the
  sidebar), a ruled, table-heavy K2-style report, and a newsletter layout with
  headings on coloured bars.
- ` + "`groff`" + `: ` + "`groff -k -ms -t -Tpdf`" + ` in Times, tables by tbl.
- ` + "`groff-tt`" + `: the same in Courier, a typewriter-like plain document.
- ` + "`scan`" + `: the printed document rasterised by ` + "`pdftoppm -r 150 -gray`" + `, turned by at
  most 0.6°, shifted, with Gaussian noise and specks, stored as JPEG quality 60
  and wrapped by go-pdf/fpdf; no text layer (` + "`scanned: true`" + `).

expected.json follows testdata/README.md: kronor (tkr multiplied out), costs
positive, ` + "`result`" + ` negative for a deficit, ISO dates, a missing document raises
only its ` + "`missing_*`" + ` code, ` + "`personal_data`" + ` lists every planted personnummer, street
address, phone number and e-mail as printed. Where there are financial items
(cases 01, 08) ` + "`income_total`" + ` and ` + "`costs_total`" + ` are the operating sums and
` + "`result`" + ` is the result after financial items. ` + "`municipal_grants`" + ` is the row for the
municipal grant only (case 01 also has a state LOK-stöd row, which is not
municipal); case 06 has no such row.

## Cases

| Case | Files (producer) | Expected checks | What it plants |
| --- | --- | --- | --- |
`)
	for _, sp := range specs {
		var files []string
		for _, d := range sp.Docs {
			p := d.Producer
			if sp.C.Scanned {
				p += " → scan"
			}
			files = append(files, fmt.Sprintf("%s (%s)", d.File, p))
		}
		checks := "–"
		if len(sp.Checks) > 0 {
			checks = strings.Join(sp.Checks, ", ")
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", sp.C.Slug, strings.Join(files, "<br>"), checks, sp.C.Note)
	}
	return b.String()
}
