package database

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Config says how to reach the database. URL is what the application
// connects as. OwnerURL, when set, is the role that owns the tables and runs
// the migrations; the application's role is then granted only what it needs
// (rows, never the tables, their triggers or TRUNCATE). Without OwnerURL the
// application's role migrates and owns the tables itself, which is for
// development only.
type Config struct {
	URL      string
	OwnerURL string
}

// OpenConfig opens the database for the application as cfg says: when
// cfg.OwnerURL is set, it creates the database if missing, migrates and
// grants as the owner, then connects as cfg.URL's role; else it is Open.
func OpenConfig(ctx context.Context, cfg Config) (*DB, error) {
	if cfg.OwnerURL == "" || cfg.OwnerURL == cfg.URL {
		return Open(ctx, cfg.URL)
	}
	appCfg, err := pgxpool.ParseConfig(cfg.URL)
	if err != nil {
		return nil, fmt.Errorf("database.OpenConfig: parse DATABASE_URL: %w", err)
	}
	owner, err := Open(ctx, cfg.OwnerURL)
	if err != nil {
		return nil, err
	}
	err = owner.GrantApp(ctx, appCfg.ConnConfig.User)
	owner.Close()
	if err != nil {
		return nil, err
	}
	pool, err := pgxpool.NewWithConfig(ctx, appCfg)
	if err != nil {
		return nil, fmt.Errorf("database.OpenConfig: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("database.OpenConfig: ping: %w", err)
	}
	return &DB{Pool: pool}, nil
}

// GrantApp gives role what the application needs and no more: SELECT,
// INSERT, UPDATE and DELETE on the tables, and the sequences; the same for
// tables that later migrations create (ALTER DEFAULT PRIVILEGES, for tables
// the current role creates); only SELECT and INSERT on append-only tables
// (those with the arsflow_append_only trigger) and no DELETE on decisions;
// only SELECT on schema_migrations. Never TRUNCATE, REFERENCES, TRIGGER or ownership, so
// role cannot alter a table or disable a trigger. Run it as the owner after
// Migrate; it is idempotent.
func (db *DB) GrantApp(ctx context.Context, role string) error {
	r := pgx.Identifier{role}.Sanitize()
	stmts := []string{
		`GRANT USAGE ON SCHEMA public TO ` + r,
		`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ` + r,
		`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ` + r,
		`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ` + r,
		`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ` + r,
		`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ` + r,
		`REVOKE ALL ON schema_migrations FROM ` + r,
		`GRANT SELECT ON schema_migrations TO ` + r,
	}
	err := db.Transact(ctx, func(tx pgx.Tx) error {
		for _, s := range stmts {
			if _, err := tx.Exec(ctx, s); err != nil {
				return fmt.Errorf("%s: %w", s, err)
			}
		}
		// Append-only tables lose UPDATE and DELETE; decisions, whose guard
		// allows one update (retention removes quotes), lose DELETE.
		rows, err := tx.Query(ctx, `SELECT c.oid::regclass::text,
			       CASE WHEN bool_or(p.proname = 'arsflow_append_only') THEN 'UPDATE, DELETE' ELSE 'DELETE' END
			  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
			 WHERE p.proname IN ('arsflow_append_only', 'arsflow_decisions_guard') AND NOT t.tgisinternal
			 GROUP BY c.oid`)
		if err != nil {
			return err
		}
		type revoke struct{ Table, Privileges string }
		revokes, err := pgx.CollectRows(rows, pgx.RowToStructByPos[revoke])
		if err != nil {
			return err
		}
		for _, v := range revokes {
			// v.Table is a regclass name PostgreSQL quoted itself where needed.
			if _, err := tx.Exec(ctx, `REVOKE `+v.Privileges+` ON `+v.Table+` FROM `+r); err != nil {
				return fmt.Errorf("revoke on %s: %w", v.Table, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("database.GrantApp %s: %w", role, err)
	}
	return nil
}

// Privileged reports whether the connected role can change the schema: it
// is a superuser or owns a table. The server warns when it is, since then it
// could disable the triggers that guard decisions.
func (db *DB) Privileged(ctx context.Context) (bool, error) {
	var p bool
	err := db.Pool.QueryRow(ctx, `SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
		OR EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user)`).Scan(&p)
	if err != nil {
		return false, fmt.Errorf("database.Privileged: %w", err)
	}
	return p, nil
}
