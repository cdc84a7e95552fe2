package database_test

import (
	"context"
	"strings"
	"testing"

	"arsflow/queue/database/dbtest"
)

// The application's role reads and writes rows but cannot change the
// schema: no ALTER, no disabling the trigger that guards decisions, no
// TRUNCATE (which skips row triggers), no UPDATE or DELETE on append-only
// tables. A table a later migration creates as the owner gets the grants
// without anything else to do.
func TestApplicationRoleCannotAlterTablesOrTriggers(t *testing.T) {
	ctx := context.Background()
	app, owner := dbtest.NewWithOwner(t)
	if p, err := app.Privileged(ctx); err != nil || p {
		t.Fatalf("application role privileged = %v, %v", p, err)
	}
	if p, err := owner.Privileged(ctx); err != nil || !p {
		t.Fatalf("owner privileged = %v, %v", p, err)
	}
	if _, err := app.Pool.Exec(ctx, `INSERT INTO audit_log (actor, action) VALUES ('system', 'test')`); err != nil {
		t.Fatalf("insert as application: %v", err)
	}
	refused := []string{
		`ALTER TABLE review_items DISABLE TRIGGER review_items_require_decision`,
		`ALTER TABLE decisions DISABLE TRIGGER ALL`,
		`DROP TRIGGER review_items_require_decision ON review_items`,
		`CREATE OR REPLACE FUNCTION arsflow_require_decision() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
		`ALTER TABLE users ADD COLUMN x int`,
		`TRUNCATE audit_log`,
		`UPDATE audit_log SET action = 'x'`,
		`DELETE FROM decisions`,
		`CREATE TABLE evil (id int)`,
		`SET session_replication_role = replica`,
		`INSERT INTO schema_migrations (name) VALUES ('9999_evil.sql')`,
	}
	for _, sql := range refused {
		t.Run(sql, func(t *testing.T) {
			_, err := app.Pool.Exec(ctx, sql)
			if err == nil {
				t.Fatalf("the application role may run %q", sql)
			}
			if !strings.Contains(err.Error(), "permission denied") && !strings.Contains(err.Error(), "must be owner") &&
				!strings.Contains(err.Error(), "append-only") {
				t.Errorf("refused for another reason: %v", err)
			}
		})
	}
	// A later migration's table, created by the owner, is usable at once.
	if _, err := owner.Pool.Exec(ctx, `CREATE TABLE later_table (id bigserial PRIMARY KEY, v text)`); err != nil {
		t.Fatal(err)
	}
	if _, err := app.Pool.Exec(ctx, `INSERT INTO later_table (v) VALUES ('x')`); err != nil {
		t.Fatalf("default privileges: %v", err)
	}
	if _, err := app.Pool.Exec(ctx, `TRUNCATE later_table`); err == nil {
		t.Error("TRUNCATE granted by default")
	}
}
