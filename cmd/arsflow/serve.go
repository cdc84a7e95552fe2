package main

import (
	"context"
	"errors"
)

// runServe is not built yet.
func runServe(ctx context.Context, args []string) error { return errors.New("serve: not implemented yet") }
