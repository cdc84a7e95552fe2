package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"arsflow/review"
	"arsflow/review/account"
)

// runUser implements `arsflow user invite USER --role ROLE [--name NAME]`:
// the operator, with the database's credentials, invites a person and gets
// a one-time link with which that person chooses their own password. A
// handläggare invited this way decides at once: it is how an installation
// gets its first handläggare, who has no colleague to confirm them.
func runUser(ctx context.Context, args []string) error {
	if len(args) < 2 || args[0] != "invite" {
		return errUsage
	}
	fs := flag.NewFlagSet("user invite", flag.ContinueOnError)
	role := fs.String("role", account.RoleHandlaggare, "handlaggare or administrator")
	name := fs.String("name", "", "the person's name as shown in arsflow")
	username := args[1]
	if err := fs.Parse(args[2:]); err != nil || fs.NArg() != 0 {
		return errUsage
	}
	db, err := openDB(ctx)
	if err != nil {
		return fmt.Errorf("user: %w", err)
	}
	defer db.Close()
	code, err := account.New(db, account.Config{}).InviteAsOperator(ctx, username, *name, *role)
	if err != nil {
		return fmt.Errorf("user: %w", err)
	}
	if err := review.New(db).Audit(ctx, nil, review.ActionInvitationCreate, "user", 0, map[string]any{"role": *role, "via": "cli"}); err != nil {
		return fmt.Errorf("user: %w", err)
	}
	base := strings.TrimRight(env("ARSFLOW_URL", "http://localhost:8080"), "/")
	fmt.Fprintf(os.Stderr, "Invitation for %s (%s), valid three days; give the link to that person only:\n", account.NormalizeUsername(username), *role)
	fmt.Println(base + "/inbjudan/" + code)
	return nil
}
