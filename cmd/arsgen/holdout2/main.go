// Command holdout2 writes the second blind held-out corpus of Swedish
// årshandlingar to testdata/holdout2: ten fictional associations, printed
// by headless Chromium (HTML) and by groff, two of them scanned.
//
// It was written without reading the extractor or the other corpora, so
// that it measures how well extraction generalises. Never tune the
// extractor on it.
//
//	go run ./cmd/arsgen/holdout2 [-out testdata/holdout2] [-case SLUG]
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

func main() {
	out := flag.String("out", "testdata/holdout2", "output folder")
	only := flag.String("case", "", "generate only this case")
	noScan := flag.Bool("noscan", false, "keep the text layer of scanned cases (to check expected values)")
	flag.Parse()
	for _, sp := range cases() {
		if *only != "" && sp.C.Slug != *only {
			continue
		}
		if *noScan {
			sp.C.Scanned = false
		}
		if err := generate(*out, sp); err != nil {
			log.Fatalf("%s: %v", sp.C.Slug, err)
		}
		fmt.Println(sp.C.Slug)
	}
	if *only == "" {
		if err := os.WriteFile(filepath.Join(*out, "README.md"), []byte(readme(cases())), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

func generate(root string, sp *Spec) error {
	dir := filepath.Join(root, sp.C.Slug)
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "holdout2-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for i, d := range sp.Docs {
		var blocks []Block
		for j, p := range d.Parts {
			if j > 0 {
				blocks = append(blocks, Break{})
			}
			blocks = append(blocks, p()...)
		}
		pdf := filepath.Join(tmp, d.File)
		switch d.Producer {
		case "chromium":
			err = chromium(tmp, pdf, renderHTML(d.Layout, sp.C.Name, sp.C.Org, sp.C.YearLabel, blocks))
		case "groff", "groff-tt":
			err = groff(pdf, renderGroff(d.Producer == "groff-tt", blocks))
		default:
			err = fmt.Errorf("unknown producer %q", d.Producer)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", d.File, err)
		}
		dst := filepath.Join(dir, d.File)
		if sp.C.Scanned {
			err = scan(pdf, dst, int64(len(sp.C.Slug)*31+i))
		} else {
			err = copyFile(pdf, dst)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", d.File, err)
		}
	}
	b, err := json.MarshalIndent(expected(sp), "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "expected.json"), append(b, '\n'), 0o644)
}

func chromium(tmp, pdf, page string) error {
	htmlPath := strings.TrimSuffix(pdf, ".pdf") + ".html"
	if err := os.WriteFile(htmlPath, []byte(page), 0o644); err != nil {
		return err
	}
	prof, err := os.MkdirTemp(tmp, "prof-")
	if err != nil {
		return err
	}
	cmd := exec.Command("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir="+prof,
		"--no-pdf-header-footer", "--print-to-pdf="+pdf, "file://"+htmlPath)
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("chromium: %w: %s", err, b)
	}
	if _, err := os.Stat(pdf); err != nil {
		return fmt.Errorf("chromium wrote no pdf: %w", err)
	}
	return nil
}

func groff(pdf, src string) error {
	cmd := exec.Command("groff", "-k", "-ms", "-t", "-Tpdf")
	cmd.Stdin = strings.NewReader(src)
	var errb strings.Builder
	cmd.Stderr = &errb
	b, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("groff: %w: %s", err, errb.String())
	}
	return os.WriteFile(pdf, b, 0o644)
}

func copyFile(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o644)
}

type docJSON struct {
	File  string   `json:"file"`
	Types []string `json:"types"`
}

type expJSON struct {
	Case         string         `json:"case"`
	Scanned      bool           `json:"scanned"`
	Fields       map[string]any `json:"fields"`
	Documents    []docJSON      `json:"documents"`
	Checks       []string       `json:"checks"`
	PersonalData []string       `json:"personal_data"`
}

func expected(sp *Spec) expJSON {
	c := sp.C
	f := map[string]any{
		"association_name":  c.Name,
		"org_number":        c.Org,
		"fiscal_year_start": c.FYStart,
		"fiscal_year_end":   c.FYEnd,
		"members_total":     c.Members,
		"members_eligible":  c.Eligible,
		"income_total":      c.IncomeTotal(),
		"costs_total":       c.CostsTotal(),
		"result":            c.Result(),
		"total_assets":      c.Assets(),
		"equity":            c.Equity(),
		"chair":             c.Chair,
		"treasurer":         c.Treasurer,
		"auditor":           c.Auditor,
	}
	if g := c.Grants(); g != 0 {
		f["municipal_grants"] = g
	}
	hasAGM, hasAudit := false, false
	for _, d := range sp.Docs {
		for _, t := range d.Types {
			hasAGM = hasAGM || t == tAGM
			hasAudit = hasAudit || t == tAud
		}
	}
	if hasAudit {
		f["discharge_recommended"] = true
	}
	if hasAGM {
		f["annual_meeting_date"] = c.MeetingDate
		f["membership_fee"] = c.Fee
		f["accounts_adopted"] = true
		f["audit_report_presented"] = true
		f["discharge_granted"] = true
		f["fee_decided"] = true
	}
	e := expJSON{Case: c.Slug, Scanned: c.Scanned, Fields: f, Checks: sp.Checks, PersonalData: sp.PD}
	if e.Checks == nil {
		e.Checks = []string{}
	}
	sort.Strings(e.Checks)
	if e.PersonalData == nil {
		e.PersonalData = []string{}
	}
	for _, d := range sp.Docs {
		e.Documents = append(e.Documents, docJSON{File: d.File, Types: d.Types})
	}
	return e
}
