package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"arsflow/review"
	"arsflow/review/account"
)

// runToken implements `arsflow token create USER [--name N]`: it creates an
// API token for USER in the database at DATABASE_URL and prints it once.
func runToken(ctx context.Context, args []string) error {
	if len(args) < 2 || args[0] != "create" {
		return errUsage
	}
	fs := flag.NewFlagSet("token create", flag.ContinueOnError)
	name := fs.String("name", "cli", "a name that says what the token is for")
	scope := fs.String("scope", account.ScopeIngest, "what the token reaches: ingest, export or read")
	days := fs.Int("days", 90, "days the token is valid (1-366)")
	username := args[1]
	if err := fs.Parse(args[2:]); err != nil {
		return errUsage
	}
	if fs.NArg() != 0 {
		return errUsage
	}
	if *days < 1 || *days > 366 {
		return errUsage
	}
	db, err := openDB(ctx)
	if err != nil {
		return fmt.Errorf("token: %w", err)
	}
	defer db.Close()
	acct := account.New(db, account.Config{})
	u, err := acct.UserByName(ctx, username)
	if errors.Is(err, account.ErrNotFound) {
		return fmt.Errorf("token: no user %q", username)
	}
	if err != nil {
		return fmt.Errorf("token: %w", err)
	}
	plain, err := acct.CreateToken(ctx, u.ID, *name, *scope, time.Duration(*days)*24*time.Hour)
	if err != nil {
		return fmt.Errorf("token: %w", err)
	}
	if err := review.New(db).Audit(ctx, nil, review.ActionTokenCreate, "user", u.ID, map[string]any{"via": "cli", "scope": *scope, "days": *days}); err != nil {
		return fmt.Errorf("token: %w", err)
	}
	fmt.Fprintf(os.Stderr, "API token for %s (%s), scope %s, valid %d days; it is shown only now:\n", u.Username, u.Role, *scope, *days)
	fmt.Println(plain)
	return nil
}
