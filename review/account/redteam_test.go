package account_test

import (
	"context"
	"errors"
	"testing"

	"arsflow/review/account"
)

// One colleague's careless confirmation must not give an administrator a
// supply of deciding accounts: a handläggare whose account an administrator
// brought in (directly, or through an administrator they invited) never
// confirms another account of that administrator's making. Before, the
// administrator's first confirmed sock puppet confirmed the second, and the
// two approved four-eyes cases for one person.
func TestSockPuppetsCannotConfirmEachOther(t *testing.T) {
	ctx := context.Background()
	s, db, _ := newServiceDB(t)
	admin := mustUser(t, s, "admin", account.RoleAdministrator)
	hanna := mustUser(t, s, "hanna", account.RoleHandlaggare)
	other := mustUser(t, s, "other-admin", account.RoleAdministrator)

	invite := func(by *account.User, name, role string) *account.User {
		t.Helper()
		code, err := s.CreateInvitation(ctx, by, name, "", role)
		if err != nil {
			t.Fatal(err)
		}
		u, err := s.CompleteInvitation(ctx, code, "ett-eget-lösenord-i-skafferiet")
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	grantOf := func(u *account.User) int64 {
		t.Helper()
		grants, err := s.ListGrants(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range grants {
			if g.UserID == u.ID {
				return g.ID
			}
		}
		t.Fatalf("no grant for %s", u.Username)
		return 0
	}
	confirm := func(by, who *account.User) error {
		t.Helper()
		by, err := s.UserByID(ctx, by.ID)
		if err != nil {
			t.Fatal(err)
		}
		return s.ConfirmGrant(ctx, by, grantOf(who))
	}

	sock1 := invite(admin, "sock1", account.RoleHandlaggare)
	admin2 := invite(admin, "admin2", account.RoleAdministrator)
	sock2 := invite(admin2, "sock2", account.RoleHandlaggare)
	sock3 := invite(admin, "sock3", account.RoleHandlaggare)
	// The one careless confirmation this cannot prevent.
	if err := confirm(hanna, sock1); err != nil {
		t.Fatal(err)
	}
	for _, who := range []*account.User{sock2, sock3} {
		if err := confirm(sock1, who); !errors.Is(err, account.ErrForbidden) {
			t.Errorf("sock1 confirms %s, another account of the same administrator: %v", who.Username, err)
		}
		// The database refuses it whatever the code does.
		if _, err := db.Pool.Exec(ctx, `INSERT INTO role_confirmations (grant_id, confirmed_by) VALUES ($1, $2)`, grantOf(who), sock1.ID); err == nil {
			t.Errorf("the database accepted sock1's confirmation of %s", who.Username)
		}
	}
	if u, _ := s.UserByID(ctx, sock2.ID); u.MayDecide {
		t.Fatal("sock2 decides")
	}
	// A colleague from elsewhere still confirms: a handläggare whom another
	// administrator invited, or one from the operator.
	x := invite(other, "xena", account.RoleHandlaggare)
	if err := confirm(hanna, x); err != nil {
		t.Fatal(err)
	}
	if err := confirm(x, sock2); err != nil {
		t.Errorf("a handläggare of another administrator confirms: %v", err)
	}
	if err := confirm(hanna, sock3); err != nil {
		t.Errorf("the operator's handläggare confirms: %v", err)
	}
}
