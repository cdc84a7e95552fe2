package database

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"time"

	"github.com/jackc/pgx/v5"
)

// OpenTemp creates a new database named prefix plus random hex on the server
// of serverURL (through its maintenance database "postgres"), opens and
// migrates it, and returns it with a function that closes it and drops the
// database. Tests and `arsflow bench` use it.
func OpenTemp(ctx context.Context, serverURL, prefix string) (*DB, func(), error) {
	u, err := url.Parse(serverURL)
	if err != nil {
		return nil, nil, fmt.Errorf("database.OpenTemp: %w", err)
	}
	u.Path = "/postgres"
	maintenance := u.String()
	admin, err := pgx.Connect(ctx, maintenance)
	if err != nil {
		return nil, nil, fmt.Errorf("database.OpenTemp: %w", err)
	}
	defer admin.Close(ctx)
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := prefix + hex.EncodeToString(b)
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		return nil, nil, fmt.Errorf("database.OpenTemp: create: %w", err)
	}
	u.Path = "/" + name
	drop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if c, err := pgx.Connect(ctx, maintenance); err == nil {
			_, _ = c.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
			c.Close(ctx)
		}
	}
	db, err := Open(ctx, u.String())
	if err != nil {
		drop()
		return nil, nil, err
	}
	return db, func() { db.Close(); drop() }, nil
}
