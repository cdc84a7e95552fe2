package main

import (
	"context"
	"errors"
)

// runStatus is not built yet.
func runStatus(ctx context.Context, args []string) error { return errors.New("status: not implemented yet") }
