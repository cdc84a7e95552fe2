// Package dbtest gives each test a fresh, migrated PostgreSQL database.
// Tests fail (never skip) when PostgreSQL is unreachable, except under
// `go test -short`, where they are skipped.
//
// As in production, the database is migrated by its owner (the server role
// of TEST_DATABASE_URL) and the pool a test gets connects as the restricted
// application role AppRole, which may read and write rows but cannot alter
// tables, disable triggers or truncate.
package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"arsflow/queue/database"
)

// AppRole is the restricted role test pools connect as. It is created once
// on the server (NOLOGIN roles cannot connect, so it may log in; the test
// server trusts local connections).
const AppRole = "arsflow_test_app"

// URL returns the server URL tests use: TEST_DATABASE_URL, else the default.
func URL() string {
	if u := os.Getenv("TEST_DATABASE_URL"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

// New creates a new database, migrates it as the owner, and returns a pool
// connected as AppRole. The database is dropped when the test ends.
func New(t testing.TB) *database.DB {
	t.Helper()
	db, _ := NewWithOwner(t)
	return db
}

// NewWithOwner is New that also returns a pool connected as the owner, for
// tests of what only the owner may do (migrations, grants).
func NewWithOwner(t testing.TB) (app, owner *database.DB) {
	t.Helper()
	if testing.Short() {
		t.Skip("needs PostgreSQL; skipped under -short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, URL())
	if err != nil {
		t.Fatalf("PostgreSQL is required for this test (set TEST_DATABASE_URL or run -short): %v", err)
	}
	defer admin.Close(ctx)
	if err := ensureRole(ctx, admin); err != nil {
		t.Fatalf("create role %s: %v", AppRole, err)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "arsflow_test_" + hex.EncodeToString(b)
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	u, err := url.Parse(URL())
	if err != nil {
		t.Fatalf("TEST_DATABASE_URL: %v", err)
	}
	u.Path = "/" + name
	ownerURL := u.String()
	u.User = url.User(AppRole)
	app, err = database.OpenConfig(ctx, database.Config{URL: u.String(), OwnerURL: ownerURL})
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	owner, err = database.Open(ctx, ownerURL)
	if err != nil {
		t.Fatalf("open test database as owner: %v", err)
	}
	t.Cleanup(func() {
		app.Close()
		owner.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, URL())
		if err != nil {
			return
		}
		defer c.Close(ctx)
		_, _ = c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	return app, owner
}

// ensureRole creates AppRole unless it exists; parallel test binaries may
// race to create it.
func ensureRole(ctx context.Context, c *pgx.Conn) error {
	var exists bool
	if err := c.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)`, AppRole).Scan(&exists); err != nil || exists {
		return err
	}
	_, err := c.Exec(ctx, "CREATE ROLE "+AppRole+" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && (pgErr.Code == "42710" || pgErr.Code == "23505") { // duplicate_object, unique_violation
		return nil
	}
	return err
}
