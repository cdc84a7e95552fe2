package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"text/tabwriter"

	"arsflow/queue"
)

// runStatus prints batches, cases and documents with their stage, status and
// any error, read from the database directly.
func runStatus(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("status", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	cfg, err := loadConfig(fs, args)
	if err != nil {
		return err
	}
	db, err := cfg.openDB(ctx, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	snap, err := queue.Snap(ctx, db)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(snap)
	}
	w := tabwriter.NewWriter(os.Stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(w, "CASE\tASSOCIATION\tYEAR\tDOCS\tSTAGE\tSTATUS\tERROR")
	for _, c := range snap.Cases {
		fmt.Fprintf(w, "%d\t%s\t%d\t%d\t%s\t%s\t%s\n", c.ID, c.AssociationName, c.FiscalYear, c.Documents, c.Stage, c.Status, c.Error)
	}
	fmt.Fprintln(w, "\nDOCUMENT\tBATCH\tFILE\tCASE\tSTAGE\tSTATUS\tERROR")
	for _, b := range snap.Batches {
		for _, d := range b.Documents {
			fmt.Fprintf(w, "%d\t%d\t%s\t%d\t%s\t%s\t%s\n", d.ID, b.ID, d.Filename, d.CaseID, d.Stage, d.Status, d.Error)
		}
	}
	return w.Flush()
}
