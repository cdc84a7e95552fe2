package account_test

import (
	"context"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"arsflow/queue/database/dbtest"
	"arsflow/review/account"
)

// BenchmarkSignInUnknownVsKnown measures a wrong sign-in for a known user
// and for an unknown one, alternately in the same loop, at the production
// bcrypt cost, and reports unknown/known: near 1 means an attacker cannot
// tell which usernames exist by the time of the answer.
//
//	go test -run '^$' -bench SignIn -benchtime 20x ./review/account
func BenchmarkSignInUnknownVsKnown(b *testing.B) {
	ctx := context.Background()
	s := account.New(dbtest.New(b), account.Config{BcryptCost: bcrypt.DefaultCost, MaxFailures: 1 << 20})
	if _, err := s.CreateUser(ctx, "anna", "", pw, account.RoleHandlaggare); err != nil {
		b.Fatal(err)
	}
	_, _ = s.CheckPassword(ctx, "nobody", "warm-up-password", "bench") // builds the dummy hash
	var known, unknown time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		_, _ = s.CheckPassword(ctx, "anna", "fel-lösenord-här", "bench")
		t1 := time.Now()
		_, _ = s.CheckPassword(ctx, "nobody", "fel-lösenord-här", "bench")
		known, unknown = known+t1.Sub(t0), unknown+time.Since(t1)
	}
	b.ReportMetric(float64(known.Microseconds())/float64(b.N)/1000, "ms/known")
	b.ReportMetric(float64(unknown.Microseconds())/float64(b.N)/1000, "ms/unknown")
	b.ReportMetric(float64(unknown)/float64(known), "unknown/known")
}
