// Command arsflow-extract is `arsflow extract` in a binary of its own that
// links only the reader: no web server, queue, NATS server, metrics or
// database code, so that it starts in about a third of the time. Use it
// for reading many single files from scripts.
//
//	arsflow-extract [--json] [--ocr=false] [--isolate] PATH...
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"arsflow/extract/cli"
	"arsflow/extract/pdftext"
)

func main() {
	// Started as a parser child (by --isolate here, or by arsflow serve,
	// which runs this binary as its child), it parses and exits.
	pdftext.MaybeRunChild()
	// The parser child and the tools it starts must not read this
	// process's environment through /proc.
	if err := pdftext.HideFromChildren(); err != nil {
		fmt.Fprintln(os.Stderr, "arsflow-extract:", err)
		os.Exit(1)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	status := cli.Run(ctx, "arsflow-extract", os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if status == 2 {
		fmt.Fprintln(os.Stderr, "usage: arsflow-extract", cli.Usage[len("extract "):])
	}
	os.Exit(status)
}
