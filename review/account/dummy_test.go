package account

import (
	"testing"

	"golang.org/x/crypto/bcrypt"
)

// An unknown user's sign-in compares against a hash of the service's own
// cost, so it takes as long as a known user's (BenchmarkSignIn measures it).
func TestDummyHashHasTheServiceCost(t *testing.T) {
	for _, cost := range []int{bcrypt.MinCost, bcrypt.MinCost + 2} {
		s := New(nil, Config{BcryptCost: cost})
		h := s.dummyHash()
		got, err := bcrypt.Cost([]byte(h[len(prehashPrefix):]))
		if err != nil || got != cost {
			t.Errorf("dummy hash cost = %d, %v; want %d", got, err, cost)
		}
	}
}
