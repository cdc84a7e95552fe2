package main

import (
	"context"
	"errors"
)

// runToken is not built yet.
func runToken(ctx context.Context, args []string) error { return errors.New("token: not implemented yet") }
