package main

import (
	"context"
	"errors"
)

// runIngest is not built yet.
func runIngest(ctx context.Context, args []string) error { return errors.New("ingest: not implemented yet") }
