package main

import (
	"context"
	"errors"
)

// runExtract is not built yet.
func runExtract(ctx context.Context, args []string) error { return errors.New("extract: not implemented yet") }
