// Package dbtest gives each test a fresh, migrated PostgreSQL database.
// Tests fail (never skip) when PostgreSQL is unreachable, except under
// `go test -short`, where they are skipped.
package dbtest

import (
	"context"
	"os"
	"testing"
	"time"

	"arsflow/queue/database"
)

// URL returns the server URL tests use: TEST_DATABASE_URL, else the default.
func URL() string {
	if u := os.Getenv("TEST_DATABASE_URL"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

// New creates a new database named after the test, migrates it, and drops it
// when the test ends.
func New(t testing.TB) *database.DB {
	t.Helper()
	if testing.Short() {
		t.Skip("needs PostgreSQL; skipped under -short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	db, cleanup, err := database.OpenTemp(ctx, URL(), "arsflow_test_")
	if err != nil {
		t.Fatalf("PostgreSQL is required for this test (set TEST_DATABASE_URL or run -short): %v", err)
	}
	t.Cleanup(cleanup)
	return db
}
