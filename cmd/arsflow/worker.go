package main

import (
	"context"
	"errors"
)

// runWorker is not built yet.
func runWorker(ctx context.Context, args []string) error { return errors.New("worker: not implemented yet") }
