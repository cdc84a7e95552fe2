package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"arsflow/queue/database"
)

// openDB opens the database as the configuration says: migrated by the
// owner role of ARSFLOW_DATABASE_OWNER_URL when set, the application
// connected as DATABASE_URL's role. It warns (log non-nil) when the
// application's role could alter tables or disable triggers.
func (c *config) openDB(ctx context.Context, log *slog.Logger) (*database.DB, error) {
	db, err := database.OpenConfig(ctx, database.Config{URL: c.DatabaseURL, OwnerURL: c.OwnerURL})
	if err != nil {
		return nil, fmt.Errorf("DATABASE_URL=%s: %w", database.Redact(c.DatabaseURL), err)
	}
	if log != nil {
		if p, err := db.Privileged(ctx); err == nil && p {
			log.Warn("the server's database role owns the tables or is a superuser, so it could disable the triggers that guard decisions; set ARSFLOW_DATABASE_OWNER_URL and a restricted DATABASE_URL (README, Least privilege)")
		}
	}
	return db, nil
}

// openDB opens the database from the environment, for commands without
// flags of their own.
func openDB(ctx context.Context) (*database.DB, error) {
	fs := flag.NewFlagSet("db", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	cfg, err := loadConfig(fs, nil)
	if err != nil {
		return nil, err
	}
	return cfg.openDB(ctx, nil)
}
