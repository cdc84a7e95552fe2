package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

type expectedDoc struct {
	File  string `json:"file"`
	Types []kind `json:"types"`
}

type expected struct {
	Case         string         `json:"case"`
	Scanned      bool           `json:"scanned"`
	Fields       map[string]any `json:"fields"`
	Documents    []expectedDoc  `json:"documents"`
	Checks       []string       `json:"checks"`
	PersonalData []string       `json:"personal_data"`
}

// fields returns the expected field values of a case, by the conventions
// of testdata/README.md.
func (k *kase) fields() map[string]any {
	a := k.Acc
	f := map[string]any{
		"association_name":       k.Name,
		"org_number":             k.Org,
		"fiscal_year_start":      iso(k.FYStart),
		"fiscal_year_end":        iso(k.FYEnd),
		"members_total":          k.Members,
		"members_eligible":       k.Eligible,
		"income_total":           a.incomePrinted(true),
		"costs_total":            a.costs(true),
		"result":                 a.result(true),
		"total_assets":           a.assets(true),
		"equity":                 a.equityEnd(true),
		"chair":                  k.Board.Chair.Name(),
		"treasurer":              k.Board.Treasurer.Name(),
		"auditor":                k.Auditor.Name(),
		"annual_meeting_date":    iso(k.AGMDate),
		"accounts_adopted":       true,
		"audit_report_presented": true,
		"discharge_granted":      !k.Avstyrker,
		"fee_decided":            !k.NoFee,
	}
	if m, ok := a.municipal(); ok {
		f["municipal_grants"] = m
	}
	if !k.NoFee {
		f["membership_fee"] = k.Fee
	}
	if !k.NoAudit {
		f["discharge_recommended"] = !k.Avstyrker
	}
	return f
}

func writeExpected(k *kase, dir string) error {
	e := expected{Case: k.Slug, Scanned: k.Scanned, Fields: k.fields(), Checks: k.Checks, PersonalData: k.PersonalData}
	if e.Checks == nil {
		e.Checks = []string{}
	}
	if e.PersonalData == nil {
		e.PersonalData = []string{}
	}
	for _, f := range k.Files {
		e.Documents = append(e.Documents, expectedDoc{File: f.Name, Types: f.Kinds})
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(e); err != nil {
		return fmt.Errorf("expected %s: %w", k.Slug, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "expected.json"), b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("expected %s: %w", k.Slug, err)
	}
	return nil
}

// printTable writes the README table of cases.
func printTable(w io.Writer, cs []*kase) {
	fmt.Fprintln(w, "| Case | Files (producer) | Expected checks | What it plants |")
	fmt.Fprintln(w, "| --- | --- | --- | --- |")
	for _, k := range cs {
		var fs []string
		for _, f := range k.Files {
			p := "chromium"
			if f.Scan {
				p = "scan"
			}
			fs = append(fs, fmt.Sprintf("%s (%s)", f.Name, p))
		}
		checks := "–"
		if len(k.Checks) > 0 {
			checks = strings.Join(k.Checks, ", ")
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", k.Slug, strings.Join(fs, "<br>"), checks, k.Plants)
	}
}
