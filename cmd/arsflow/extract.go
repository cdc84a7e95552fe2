package main

import (
	"context"
	"os"

	"arsflow/extract/cli"
)

// runExtract implements `arsflow extract`: see package extract/cli. The
// slim cmd/arsflow-extract does the same without the server's code.
func runExtract(ctx context.Context, args []string) error {
	switch cli.Run(ctx, "arsflow", args, os.Stdout, os.Stderr) {
	case 0:
		return nil
	case 2:
		return errUsage
	}
	return exitCode(1)
}
