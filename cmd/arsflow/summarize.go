package main

import (
	"context"
	"errors"
)

// runSummarize is not built yet.
func runSummarize(ctx context.Context, args []string) error { return errors.New("summarize: not implemented yet") }
