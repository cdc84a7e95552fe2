// Command arsflow turns associations' annual documents into checked, uniform
// case summaries, with a handläggare in control of every result.
//
//	arsflow serve                  everything on one machine (embedded NATS)
//	arsflow worker STAGE           one stage against an external NATS (NATS_URL)
//	arsflow ingest PATH...         upload files, folders or zips (ARSFLOW_URL, ARSFLOW_TOKEN)
//	arsflow token create USER      create an API token for a user
//	arsflow user invite USER       invite a person (the first handläggare)
//	arsflow status --json          batches, cases and documents, read from the database
//	arsflow extract --json PATH... extract fields offline
//	arsflow summarize --json PATH... summarise cases offline
//	arsflow eval DIR               precision and recall against expected JSON
//	arsflow bench DIR              end-to-end throughput on generated cases
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"arsflow/extract/pdftext"
)

// command is one subcommand.
type command struct {
	run   func(ctx context.Context, args []string) error
	usage string
}

var commands = map[string]command{
	"serve":     {runServe, "serve [flags]: run every stage, the web server and an embedded NATS"},
	"worker":    {runWorker, "worker STAGE [flags]: run one stage (extract, summarize, review, relay) against NATS_URL"},
	"ingest":    {runIngest, "ingest [--wait] PATH...: upload PDFs, folders or zips to ARSFLOW_URL"},
	"token":     {runToken, "token create USER [--scope ingest|export|read] [--days N]: create an API token"},
	"user":      {runUser, "user invite USER [--role handlaggare|administrator] [--name NAME]: a one-time link to choose a password"},
	"status":    {runStatus, "status --json: batches, cases and documents with stage, status and error"},
	"extract":   {runExtract, "extract --json PATH...: extract fields offline (no server, NATS or database)"},
	"summarize": {runSummarize, "summarize --json PATH...: extract and summarise offline"},
	"eval":      {runEval, "eval [--record FILE --role ROLE] DIR...: precision and recall against expected JSON"},
	"bench":     {runBench, "bench [--batch N] [--cpuprofile FILE] DIR: end-to-end throughput on the case folders in DIR"},
}

// errUsage makes main print the usage and exit 2.
var errUsage = errors.New("usage")

func main() {
	// A child process for isolated PDF parsing re-executes this binary.
	pdftext.MaybeRunChild()
	// The programs arsflow starts on untrusted files (the parser child,
	// pdftotext, pdftoppm, tesseract) run as the same user: they must not
	// read this process's environment, with its secrets, through /proc.
	if err := pdftext.HideFromChildren(); err != nil {
		fmt.Fprintln(os.Stderr, "arsflow:", err)
		os.Exit(1)
	}

	if len(os.Args) < 2 {
		usage()
		os.Exit(2)
	}
	cmd, ok := commands[os.Args[1]]
	if !ok {
		usage()
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := cmd.run(ctx, os.Args[2:])
	var ec exitCode
	switch {
	case err == nil:
	case errors.Is(err, errUsage):
		fmt.Fprintln(os.Stderr, "usage: arsflow", cmd.usage)
		os.Exit(2)
	case errors.As(err, &ec):
		os.Exit(int(ec))
	default:
		fmt.Fprintln(os.Stderr, "arsflow:", err)
		os.Exit(1)
	}
}

// exitCode is returned by commands that already reported their outcome and
// only need to set the exit status (1: something failed).
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

func usage() {
	fmt.Fprintln(os.Stderr, "usage: arsflow COMMAND [args]\n\ncommands:")
	for _, name := range []string{"serve", "worker", "ingest", "token", "user", "status", "extract", "summarize", "eval", "bench"} {
		fmt.Fprintln(os.Stderr, "  "+commands[name].usage)
	}
}
