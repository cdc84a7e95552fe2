// Package database opens arsflow's PostgreSQL pool, creates the database when it
// is missing, applies the embedded, numbered migrations, and runs closure
// transactions. PostgreSQL is the system of record; each table is written by
// exactly one package, named in the migration that creates it.
package database

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// DefaultURL works on a development machine with a local trust-auth PostgreSQL.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/arsflow?sslmode=disable"

//go:embed migrations/*.sql
var migrations embed.FS

// DB wraps a pgx pool.
type DB struct {
	Pool *pgxpool.Pool
}

// DefaultMaxConns is the pool size when dsn sets no pool_max_conns: enough
// for `arsflow serve`'s stage workers, relay and web server at once
// (connections are opened only when needed).
const DefaultMaxConns = 16

// Open connects to the database at dsn, creating the database if it does not
// exist, and applies pending migrations.
func Open(ctx context.Context, dsn string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("database.Open: parse DATABASE_URL: %w", err)
	}
	if !strings.Contains(dsn, "pool_max_conns") {
		cfg.MaxConns = max(cfg.MaxConns, DefaultMaxConns)
	}
	if err := ensureDatabase(ctx, cfg.ConnConfig); err != nil {
		return nil, fmt.Errorf("database.Open: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("database.Open: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("database.Open: ping: %w", err)
	}
	db := &DB{Pool: pool}
	if err := db.Migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return db, nil
}

// Close closes the pool.
func (db *DB) Close() { db.Pool.Close() }

// ensureDatabase creates the target database through the maintenance database
// "postgres" when it is missing.
func ensureDatabase(ctx context.Context, cc *pgx.ConnConfig) error {
	conn, err := pgx.ConnectConfig(ctx, cc)
	if err == nil {
		return conn.Close(ctx)
	}
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "3D000" { // invalid_catalog_name
		return fmt.Errorf("connect: %w", err)
	}
	admin := cc.Copy()
	admin.Database = "postgres"
	conn, err = pgx.ConnectConfig(ctx, admin)
	if err != nil {
		return fmt.Errorf("connect to maintenance database: %w", err)
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{cc.Database}.Sanitize())
	var exists *pgconn.PgError
	if errors.As(err, &exists) && exists.Code == "42P04" { // duplicate_database: a racing start created it
		return nil
	}
	if err != nil {
		return fmt.Errorf("create database %s: %w", cc.Database, err)
	}
	return nil
}

// Migrate applies, in order and each in its own transaction, every embedded
// migration not yet recorded in schema_migrations. An advisory lock keeps
// concurrent starts from racing.
func (db *DB) Migrate(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("database.Migrate: %w", err)
	}
	sort.Strings(names)
	if db.migrated(ctx, names) {
		// Nothing to do: a restricted role, which may not create tables,
		// can open a database its owner migrated.
		return nil
	}
	conn, err := db.Pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("database.Migrate: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock(7243001)`); err != nil {
		return fmt.Errorf("database.Migrate: lock: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(7243001)`)
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return fmt.Errorf("database.Migrate: %w", err)
	}
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		var done bool
		if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE name = $1)`, base).Scan(&done); err != nil {
			return fmt.Errorf("database.Migrate: %w", err)
		}
		if done {
			continue
		}
		sql, err := migrations.ReadFile(name)
		if err != nil {
			return fmt.Errorf("database.Migrate: %w", err)
		}
		err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, string(sql)); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_migrations (name) VALUES ($1)`, base)
			return err
		})
		if err != nil {
			return fmt.Errorf("database.Migrate: %s: %w", base, err)
		}
	}
	return nil
}

// migrated reports whether schema_migrations records every one of names.
func (db *DB) migrated(ctx context.Context, names []string) bool {
	base := make([]string, len(names))
	for i, n := range names {
		base[i] = strings.TrimPrefix(n, "migrations/")
	}
	var exists bool
	if err := db.Pool.QueryRow(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL`).Scan(&exists); err != nil || !exists {
		return false
	}
	var done int
	err := db.Pool.QueryRow(ctx, `SELECT count(*) FROM schema_migrations WHERE name = ANY($1)`, base).Scan(&done)
	return err == nil && done == len(base)
}

// Transact runs fn in a transaction. It commits when fn returns nil and rolls
// back when fn returns an error or panics (the panic is re-raised).
func (db *DB) Transact(ctx context.Context, fn func(tx pgx.Tx) error) (err error) {
	tx, err := db.Pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("database.Transact: begin: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback(context.WithoutCancel(ctx))
			panic(p)
		}
		if err != nil {
			_ = tx.Rollback(context.WithoutCancel(ctx))
			return
		}
		if cerr := tx.Commit(ctx); cerr != nil {
			err = fmt.Errorf("database.Transact: commit: %w", cerr)
		}
	}()
	return fn(tx)
}

// Redact returns dsn with any password replaced, for logging.
func Redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
