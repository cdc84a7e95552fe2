package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"time"

	"arsflow/extract"
	"arsflow/extract/casefile"
	"arsflow/review"
)

// runEval implements `arsflow eval [--json] [-v] [--record FILE --role ROLE] DIR...`:
// it extracts every case under DIR (a folder of case folders, or one case
// folder) and prints precision, recall and F1 per field and per check against
// expected.json, with the overall field F1 split into text-layer and scanned
// cases. --record keeps the result, dated, in the evaluation record that the
// public notice embeds (review/notice/evaluation.json). The exit status is 1
// when a case could not be evaluated.
func runEval(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	verbose := fs.Bool("v", false, "print every mismatch per case")
	ocr := fs.Bool("ocr", true, "OCR pages without a text layer with tesseract")
	record := fs.String("record", "", "keep the result in this evaluation record (review/notice/evaluation.json)")
	role := fs.String("role", "", "with --record: development, holdout, blind or real")
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil || fs.NArg() == 0 {
		return errUsage
	}
	switch {
	case *record == "":
	case *role == review.RoleDevelopment, *role == review.RoleHoldout, *role == review.RoleBlind, *role == review.RoleReal:
	default:
		return fmt.Errorf("eval: --role %q: want development, holdout, blind or real", *role)
	}
	opts := extract.DefaultOptions()
	opts.Text.OCR = *ocr
	progress := func(ce extract.CaseEval) {
		if *asJSON {
			return
		}
		status := fmt.Sprintf("fält F1 %.3f", ce.Fields.F1())
		if ce.Error != "" {
			status = "FEL: " + ce.Error
		}
		fmt.Fprintf(os.Stderr, "%-50s %s\n", ce.Dir, status)
		if *verbose {
			for _, m := range ce.Mismatches {
				fmt.Fprintf(os.Stderr, "    %-13s %-24s expected=%v got=%v\n", m.Kind, m.Key, m.Expected, m.Got)
			}
		}
	}
	r, err := extract.Eval(ctx, fs.Args(), opts, progress)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	if *asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			return fmt.Errorf("eval: write: %w", err)
		}
	} else {
		printReport(os.Stdout, r)
	}
	for _, c := range r.Cases {
		if c.Error != "" {
			return exitCode(1)
		}
	}
	if *record != "" {
		return recordEval(*record, *role, strings.Join(fs.Args(), " "), r)
	}
	return nil
}

// recordEval puts the result of one corpus, dated today, into the
// evaluation record at path.
func recordEval(path, role, corpus string, r *extract.Report) error {
	ev, err := review.ReadEvaluation(path)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	scanned := 0
	for _, c := range r.Cases {
		if c.Scanned {
			scanned++
		}
	}
	round := func(v float64) float64 { return math.Round(v*1000) / 1000 }
	ev.Put(review.CorpusEvaluation{
		Corpus: corpus, Role: role, MeasuredAt: time.Now().Format(time.DateOnly),
		Cases: len(r.Cases), ScannedCases: scanned,
		FieldF1Text: round(r.FieldsText.F1()), FieldF1Scanned: round(r.FieldsScanned.F1()), FieldF1: round(r.FieldsAll.F1()),
		ChecksPrecision: round(r.ChecksAll.Precision()), ChecksRecall: round(r.ChecksAll.Recall()),
		PlantedMissed: r.PlantedMissed, DocumentTypesF1: round(r.DocumentTypes.F1()),
		PersonalDataRecall: round(r.PersonalData.Recall()),
	})
	if err := review.WriteEvaluation(path, ev); err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	fmt.Fprintf(os.Stderr, "recorded %s (%s) in %s\n", corpus, role, path)
	return nil
}

func printReport(w io.Writer, r *extract.Report) {
	row := func(name string, c extract.Counts) {
		fmt.Fprintf(w, "  %-28s %6.3f %6.3f %6.3f   %4d %4d %4d\n", name, c.Precision(), c.Recall(), c.F1(), c.TP, c.FP, c.FN)
	}
	head := func(title string) {
		fmt.Fprintf(w, "%s\n  %-28s %6s %6s %6s   %4s %4s %4s\n", title, "", "P", "R", "F1", "TP", "FP", "FN")
	}
	fmt.Fprintf(w, "%d cases\n\n", len(r.Cases))
	head("Fields")
	for _, k := range casefile.FieldKeys() {
		if c, ok := r.Fields[k]; ok {
			row(k, *c)
		}
	}
	fmt.Fprintln(w)
	head("Fields overall")
	row("text-layer cases", r.FieldsText)
	row("scanned cases", r.FieldsScanned)
	row("all cases", r.FieldsAll)
	fmt.Fprintln(w)
	head("Checks")
	for _, k := range extract.SortedKeys(r.Checks) {
		row(k, *r.Checks[k])
	}
	row("all checks", r.ChecksAll)
	fmt.Fprintln(w)
	head("Other")
	row("document types", r.DocumentTypes)
	row("personal data (planted)", r.PersonalData)
	fmt.Fprintf(w, "\nPlanted problems not flagged: %d\n", r.PlantedMissed)
	fmt.Fprintf(w, "\nCalibration\n  %-28s %6s %6s %8s\n", "confidence", "values", "right", "accuracy")
	for _, b := range r.Calibration {
		fmt.Fprintf(w, "  %-28s %6d %6d %8.3f\n", fmt.Sprintf("%.2f – %.2f", b.Low, min(b.High, 1)), b.Values, b.Right, b.Accuracy())
	}
}
