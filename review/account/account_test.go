package account_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"arsflow/queue/database"
	"arsflow/queue/database/dbtest"
	"arsflow/review/account"
)

func newService(t *testing.T) *account.Service {
	s, _ := newServiceDB(t)
	return s
}

func newServiceDB(t *testing.T) (*account.Service, *database.DB) {
	t.Helper()
	db := dbtest.New(t)
	return account.New(db, account.Config{BcryptCost: bcrypt.MinCost, MaxFailures: 3}), db
}

func TestEnsureFirstAdminIsIdempotent(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	pw, created, err := s.EnsureFirstAdmin(ctx, "chef", "")
	if err != nil || !created || len(pw) < account.MinPasswordLength {
		t.Fatalf("first call: pw=%d chars created=%v err=%v", len(pw), created, err)
	}
	if _, err := s.CheckPassword(ctx, "chef", pw); err != nil {
		t.Fatalf("generated password does not sign in: %v", err)
	}
	pw2, created, err := s.EnsureFirstAdmin(ctx, "chef", "another-password-1")
	if err != nil || created || pw2 != "" {
		t.Fatalf("second call: pw=%q created=%v err=%v", pw2, created, err)
	}
	users, _ := s.ListUsers(ctx)
	if len(users) != 1 || users[0].Role != account.RoleAdministrator {
		t.Fatalf("users = %+v", users)
	}
}

func TestCreateUserValidation(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	tests := []struct {
		name, user, pw, role string
		want                 error
	}{
		{"ok", "anna", "ett-långt-lösenord", account.RoleHandlaggare, nil},
		{"duplicate", "Anna", "ett-långt-lösenord", account.RoleHandlaggare, account.ErrExists},
		{"short password", "bo", "kort", account.RoleHandlaggare, account.ErrInvalid},
		{"bad role", "cecilia", "ett-långt-lösenord", "root", account.ErrInvalid},
		{"bad name", "a b", "ett-långt-lösenord", account.RoleHandlaggare, account.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.CreateUser(ctx, tt.user, "", tt.pw, tt.role)
			if !errors.Is(err, tt.want) && !(tt.want == nil && err == nil) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestSignInLockoutAndDisable(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	u, err := s.CreateUser(ctx, "anna", "Anna A", "ett-långt-lösenord", account.RoleHandlaggare)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CheckPassword(ctx, "anna", "fel-lösenord-här"); !errors.Is(err, account.ErrUnauthenticated) {
		t.Fatalf("wrong password: %v", err)
	}
	for i := 0; i < 2; i++ {
		_, _ = s.CheckPassword(ctx, "anna", "fel-lösenord-här")
	}
	if _, err := s.CheckPassword(ctx, "anna", "ett-långt-lösenord"); !errors.Is(err, account.ErrLocked) {
		t.Fatalf("after 3 failures: %v, want ErrLocked", err)
	}

	sess, err := s.CreateSession(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, got, err := s.SessionUser(ctx, sess.Token); err != nil || got.ID != u.ID {
		t.Fatalf("SessionUser: %v %v", got, err)
	}
	if err := s.SetDisabled(ctx, u.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.SessionUser(ctx, sess.Token); !errors.Is(err, account.ErrUnauthenticated) {
		t.Fatalf("session of disabled user: %v", err)
	}
}

func TestTokensAndAuthenticate(t *testing.T) {
	ctx := context.Background()
	s, db := newServiceDB(t)
	u, err := s.CreateUser(ctx, "admin", "", "ett-långt-lösenord", account.RoleAdministrator)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := s.CreateToken(ctx, u.ID, "ingest")
	if err != nil {
		t.Fatal(err)
	}
	sess, err := s.CreateSession(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		header  string
		cookie  string
		wantErr bool
	}{
		{"bearer", "Bearer " + plain, "", false},
		{"cookie", "", sess.Token, false},
		{"wrong bearer", "Bearer arsf_nope", "", true},
		{"basic scheme", "Basic " + plain, "", true},
		{"wrong cookie", "", "nope", true},
		{"nothing", "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			if tt.header != "" {
				r.Header.Set("Authorization", tt.header)
			}
			if tt.cookie != "" {
				r.AddCookie(&http.Cookie{Name: account.CookieName, Value: tt.cookie})
			}
			got, _, err := s.Authenticate(r)
			if tt.wantErr {
				if !errors.Is(err, account.ErrUnauthenticated) {
					t.Fatalf("err = %v, want ErrUnauthenticated", err)
				}
				return
			}
			if err != nil || got.ID != u.ID {
				t.Fatalf("got %v, %v", got, err)
			}
		})
	}
	toks, err := s.ListTokens(ctx)
	if err != nil || len(toks) != 1 || toks[0].LastUsedAt == nil {
		t.Fatalf("ListTokens = %+v, %v", toks, err)
	}
	if err := s.RevokeToken(ctx, toks[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UserFromToken(ctx, plain); !errors.Is(err, account.ErrUnauthenticated) {
		t.Fatalf("revoked token: %v", err)
	}
	var n int
	err = db.Pool.QueryRow(ctx, `SELECT count(*) FROM api_tokens WHERE encode(token_hash, 'escape') LIKE '%' || $1 || '%'`, plain[5:]).Scan(&n)
	if err != nil || n != 0 {
		t.Fatalf("plaintext token found in database: %d %v", n, err)
	}
}
