package account_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"arsflow/queue/database"
	"arsflow/queue/database/dbtest"
	"arsflow/review/account"
)

const pw = "ett-långt-lösenord"

// clock is a movable time for expiry tests.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func newService(t *testing.T) *account.Service {
	s, _, _ := newServiceDB(t)
	return s
}

func newServiceDB(t *testing.T) (*account.Service, *database.DB, *clock) {
	t.Helper()
	db := dbtest.New(t)
	c := &clock{t: time.Now()}
	return account.New(db, account.Config{BcryptCost: bcrypt.MinCost, MaxFailures: 3, Now: c.now}), db, c
}

func mustUser(t *testing.T, s *account.Service, name, role string) *account.User {
	t.Helper()
	u, err := s.CreateUser(context.Background(), name, "", pw, role)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// The first administrator: with a password from the operator it signs in;
// without one, an invitation code is returned instead, and no password is
// generated.
func TestEnsureFirstAdmin(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	code, created, err := s.EnsureFirstAdmin(ctx, "chef", "")
	if err != nil || !created || code == "" {
		t.Fatalf("first call: created=%v err=%v", created, err)
	}
	if _, err := s.CheckPassword(ctx, "chef", code, "c"); err == nil {
		t.Fatal("the invitation code works as a password")
	}
	if _, created, _ := s.EnsureFirstAdmin(ctx, "chef", ""); created {
		t.Fatal("a second invitation while the first is open")
	}
	u, err := s.CompleteInvitation(ctx, code, "mitt-eget-hemliga-val")
	if err != nil || !u.IsAdmin() {
		t.Fatalf("complete: %v %v", u, err)
	}
	if _, err := s.CheckPassword(ctx, "chef", "mitt-eget-hemliga-val", "c"); err != nil {
		t.Fatal(err)
	}
	if _, created, _ := s.EnsureFirstAdmin(ctx, "other", "another-password-1"); created {
		t.Fatal("second administrator created")
	}
}

// The password policy counts characters, not bytes, and refuses common
// passwords.
func TestPasswordPolicy(t *testing.T) {
	tests := []struct {
		pw string
		ok bool
	}{
		{"åäöåäöåäöåä", false}, // 11 characters, 22 bytes: too short
		{"ålänningar på ön", true},
		{"kort", false},
		{"password1234", false},
		{"Lösenord2026!", false},
		{"sommar2024sommar", false},
		{"qwertyuiopå", false},
		{"123456789012", false},
		{"abcabcabcabcabc", false},
		{"anna-svensson-1", false}, // contains the username
		{"kaffe och kanelbullar", true},
		{"ett-långt-lösenord-med-" + string(make([]byte, 0)) + "\x00nul", false},
	}
	for _, tt := range tests {
		if got := account.PasswordProblem("anna-svensson", tt.pw) == ""; got != tt.ok {
			t.Errorf("%q accepted = %v, want %v (%s)", tt.pw, got, tt.ok, account.PasswordProblem("anna-svensson", tt.pw))
		}
	}
}

func TestCreateUserValidation(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	tests := []struct {
		name, user, pw, role string
		want                 error
	}{
		{"ok", "anna", pw, account.RoleHandlaggare, nil},
		{"duplicate", "Anna", pw, account.RoleHandlaggare, account.ErrExists},
		{"short password", "bo", "kort", account.RoleHandlaggare, account.ErrInvalid},
		{"bad role", "cecilia", pw, "root", account.ErrInvalid},
		{"bad name", "a b", pw, account.RoleHandlaggare, account.ErrInvalid},
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

// An administrator invites; the invitee sets the password. A handläggare so
// invited decides only once another handläggare confirmed them; neither the
// invitee nor the inviting administrator can confirm, and nobody who has
// invited can become a handläggare.
func TestInvitationAndConfirmation(t *testing.T) {
	ctx := context.Background()
	s, db, _ := newServiceDB(t)
	admin := mustUser(t, s, "admin", account.RoleAdministrator)
	hanna := mustUser(t, s, "hanna", account.RoleHandlaggare)
	if !hanna.MayDecide || admin.MayDecide {
		t.Fatalf("may decide: hanna %v, admin %v", hanna.MayDecide, admin.MayDecide)
	}
	if _, err := s.CreateInvitation(ctx, hanna, "x", "", account.RoleHandlaggare); !errors.Is(err, account.ErrForbidden) {
		t.Fatalf("handläggare invites: %v", err)
	}
	code, err := s.CreateInvitation(ctx, admin, "olle", "Olle O", account.RoleHandlaggare)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateInvitation(ctx, admin, "olle", "", account.RoleHandlaggare); !errors.Is(err, account.ErrExists) {
		t.Fatalf("second invitation for the same name: %v", err)
	}
	if _, err := s.CompleteInvitation(ctx, code, "kort"); !errors.Is(err, account.ErrInvalid) {
		t.Fatalf("short password: %v", err)
	}
	olle, err := s.CompleteInvitation(ctx, code, "min-egen-fras-här")
	if err != nil {
		t.Fatal(err)
	}
	if olle.MayDecide {
		t.Fatal("an invited handläggare decides before a colleague confirmed")
	}
	if _, err := s.CompleteInvitation(ctx, code, "min-egen-fras-här"); !errors.Is(err, account.ErrNotFound) {
		t.Fatalf("invitation used twice: %v", err)
	}
	grants, err := s.ListGrants(ctx)
	if err != nil || len(grants) != 3 || grants[0].UserID != olle.ID || !grants[0].NeedsConfirmation() || grants[0].GrantedBy != "admin" {
		t.Fatalf("grants = %+v, %v", grants, err)
	}
	g := grants[0].ID
	for _, by := range []*account.User{olle, admin} {
		if err := s.ConfirmGrant(ctx, by, g); !errors.Is(err, account.ErrForbidden) {
			t.Errorf("%s confirms: %v", by.Username, err)
		}
	}
	// The database refuses the same, whatever the code does.
	for _, by := range []int64{olle.ID, admin.ID} {
		if _, err := db.Pool.Exec(ctx, `INSERT INTO role_confirmations (grant_id, confirmed_by) VALUES ($1, $2)`, g, by); err == nil {
			t.Errorf("the database accepted a confirmation by user %d", by)
		}
	}
	if err := s.ConfirmGrant(ctx, hanna, g); err != nil {
		t.Fatal(err)
	}
	// The operator's invitation (the first handläggare) needs no colleague.
	opCode, err := s.InviteAsOperator(ctx, "forsta", "", account.RoleHandlaggare)
	if err != nil {
		t.Fatal(err)
	}
	if first, err := s.CompleteInvitation(ctx, opCode, "den-första-i-kommunen"); err != nil || !first.MayDecide {
		t.Fatalf("operator's invitee: %+v, %v", first, err)
	}
	if olle, _ = s.UserByID(ctx, olle.ID); !olle.MayDecide {
		t.Fatal("confirmed handläggare may not decide")
	}
	// The administrator who invited can never hold the handläggare role;
	// nobody grants a role to themself.
	for _, sql := range []string{
		`INSERT INTO role_grants (user_id, role, source) VALUES ($1, 'handlaggare', 'operator')`,
		`INSERT INTO role_grants (user_id, role, source, granted_by) VALUES ($1, 'handlaggare', 'invitation', $1)`,
		`INSERT INTO role_grants (user_id, role, source, granted_by) VALUES ($1, 'administrator', 'invitation', $1)`,
		`UPDATE users SET role = 'handlaggare' WHERE id = $1`,
	} {
		if _, err := db.Pool.Exec(ctx, sql, admin.ID); err == nil {
			t.Errorf("the database accepted %s", sql)
		}
	}
}

// Sessions end when idle, at their absolute end, when the user is disabled
// or gets another role; a new session never reuses the old cookie.
func TestSessionLifetimes(t *testing.T) {
	ctx := context.Background()
	s, db, c := newServiceDB(t)
	u := mustUser(t, s, "anna", account.RoleHandlaggare)
	start := func(prev string) *account.Session {
		t.Helper()
		sess, err := s.CreateSession(ctx, u.ID, prev)
		if err != nil {
			t.Fatal(err)
		}
		return sess
	}
	alive := func(sess *account.Session) bool {
		_, _, err := s.SessionUser(ctx, sess.Token)
		return err == nil
	}
	a := start("")
	b := start(a.Token)
	if alive(a) || !alive(b) || a.Token == b.Token {
		t.Fatal("sign-in did not rotate the session")
	}
	c.add(20 * time.Minute)
	if !alive(b) {
		t.Fatal("session ended while in use")
	}
	c.add(31 * time.Minute)
	if alive(b) {
		t.Fatal("idle session still valid")
	}
	d := start("")
	for i := 0; i < 17; i++ { // used every 29 minutes for 8 hours
		c.add(29 * time.Minute)
		_ = alive(d)
	}
	if alive(d) {
		t.Fatal("session valid past its absolute end")
	}
	e := start("")
	if err := s.SetDisabled(ctx, u.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetDisabled(ctx, u.ID, false); err != nil {
		t.Fatal(err)
	}
	if alive(e) {
		t.Fatal("session of a disabled user survived")
	}
	f := start("")
	var grant int64
	if err := db.Pool.QueryRow(ctx, `INSERT INTO role_grants (user_id, role, source) VALUES ($1, 'administrator', 'operator') RETURNING id`, u.ID).Scan(&grant); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Pool.Exec(ctx, `UPDATE users SET role = 'administrator', grant_id = $2 WHERE id = $1`, u.ID, grant); err != nil {
		t.Fatal(err)
	}
	if alive(f) {
		t.Fatal("session survived a change of role")
	}
}

// Failed sign-ins are counted in the database before the password is
// checked: of 40 parallel attempts with a limit of 3, at most 3 are
// checked, and the right password is refused while locked. Another client
// is not locked out by them.
func TestLockoutHoldsUnderParallelAttempts(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	mustUser(t, s, "anna", account.RoleHandlaggare)
	var wg sync.WaitGroup
	var mu sync.Mutex
	wrong := 0
	for i := 0; i < 40; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.CheckPassword(ctx, "anna", "fel-lösenord-här", "10.0.0.1")
			if errors.Is(err, account.ErrUnauthenticated) {
				mu.Lock()
				wrong++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if wrong > 3 {
		t.Errorf("%d passwords were checked, want at most 3", wrong)
	}
	if _, err := s.CheckPassword(ctx, "anna", pw, "10.0.0.1"); !errors.Is(err, account.ErrLocked) {
		t.Fatalf("right password while locked: %v", err)
	}
	if _, err := s.CheckPassword(ctx, "anna", pw, "10.0.0.2"); err != nil {
		t.Fatalf("another client is locked out: %v", err)
	}
	// Unknown users are counted and answered alike.
	for i := 0; i < 3; i++ {
		_, _ = s.CheckPassword(ctx, "nobody", "fel-lösenord-här", "10.0.0.3")
	}
	if _, err := s.CheckPassword(ctx, "nobody", "fel-lösenord-här", "10.0.0.3"); !errors.Is(err, account.ErrLocked) {
		t.Fatalf("unknown user: %v", err)
	}
}

func TestTokensScopeAndExpiry(t *testing.T) {
	ctx := context.Background()
	s, db, c := newServiceDB(t)
	admin := mustUser(t, s, "admin", account.RoleAdministrator)
	hl := mustUser(t, s, "hanna", account.RoleHandlaggare)
	if _, err := s.CreateToken(ctx, hl.ID, "x", account.ScopeIngest, 0); !errors.Is(err, account.ErrInvalid) {
		t.Fatalf("handläggare with an ingest token: %v", err)
	}
	if _, err := s.CreateToken(ctx, admin.ID, "x", "admin", 0); !errors.Is(err, account.ErrInvalid) {
		t.Fatalf("unknown scope: %v", err)
	}
	plain, err := s.CreateToken(ctx, admin.ID, "ingest", account.ScopeIngest, 24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	sess, err := s.CreateSession(ctx, admin.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		header  string
		cookie  string
		scopes  []string
		wantErr error
	}{
		{"bearer in scope", "Bearer " + plain, "", []string{account.ScopeIngest}, nil},
		{"bearer out of scope", "Bearer " + plain, "", []string{account.ScopeExport}, account.ErrForbidden},
		{"bearer where no token counts", "Bearer " + plain, "", nil, account.ErrForbidden},
		{"cookie", "", sess.Token, nil, nil},
		{"wrong bearer", "Bearer arsf_nope", "", []string{account.ScopeIngest}, account.ErrUnauthenticated},
		{"basic scheme", "Basic " + plain, "", []string{account.ScopeIngest}, account.ErrUnauthenticated},
		{"wrong cookie", "", "nope", nil, account.ErrUnauthenticated},
		{"nothing", "", "", nil, account.ErrUnauthenticated},
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
			got, _, err := s.Authenticate(r, tt.scopes...)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil || got.ID != admin.ID {
				t.Fatalf("got %v, %v", got, err)
			}
		})
	}
	toks, err := s.ListTokens(ctx)
	if err != nil || len(toks) != 1 || toks[0].LastUsedAt == nil || toks[0].Scope != account.ScopeIngest || toks[0].UserID != admin.ID {
		t.Fatalf("ListTokens = %+v, %v", toks, err)
	}
	c.add(25 * time.Hour)
	if _, err := s.UserFromToken(ctx, plain, account.ScopeIngest); !errors.Is(err, account.ErrUnauthenticated) {
		t.Fatalf("expired token: %v", err)
	}
	c.add(-25 * time.Hour)
	if err := s.RevokeToken(ctx, toks[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UserFromToken(ctx, plain, account.ScopeIngest); !errors.Is(err, account.ErrUnauthenticated) {
		t.Fatalf("revoked token: %v", err)
	}
	var n int
	err = db.Pool.QueryRow(ctx, `SELECT count(*) FROM api_tokens WHERE encode(token_hash, 'escape') LIKE '%' || $1 || '%'`, plain[5:]).Scan(&n)
	if err != nil || n != 0 {
		t.Fatalf("plaintext token found in database: %d %v", n, err)
	}
}
