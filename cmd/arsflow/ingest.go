package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"time"

	"arsflow/ingest"
)

// runIngest uploads files, folders and zips to the server at ARSFLOW_URL
// with the API token in ARSFLOW_TOKEN:
//
//	arsflow ingest [--wait] [--timeout D] PATH...
func runIngest(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	wait := fs.Bool("wait", false, "wait until every accepted document has reached review or failed")
	timeout := fs.Duration("timeout", 30*time.Minute, "with --wait, give up after this long")
	paths, err := ingestParseArgs(fs, args)
	if err != nil || len(paths) == 0 {
		return errUsage
	}
	client, err := ingest.NewClientFromEnv(os.Getenv)
	if err != nil {
		return err
	}
	ok, err := client.Run(ctx, paths, ingest.RunOptions{Wait: *wait, Timeout: *timeout}, os.Stdout)
	if err != nil {
		return err
	}
	if !ok {
		return exitCode(1)
	}
	return nil
}

// ingestParseArgs parses flags that may stand before, between or after the
// positional arguments, and returns the positional ones; everything after
// "--" is positional.
func ingestParseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest, tail []string
	if i := slices.Index(args, "--"); i >= 0 {
		args, tail = args[:i], args[i+1:]
	}
	for {
		if err := fs.Parse(args); err != nil {
			return nil, fmt.Errorf("%s: %w", fs.Name(), err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return append(rest, tail...), nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}
