package account

import (
	"sync"
	"time"
)

// limiter locks a username for a while after too many failed sign-ins. It is
// in memory: a restart forgets it, and several servers each count alone.
type limiter struct {
	mu      sync.Mutex
	max     int
	lockout time.Duration
	now     func() time.Time
	entries map[string]*failures
}

type failures struct {
	count       int
	lockedUntil time.Time
	last        time.Time
}

func newLimiter(max int, lockout time.Duration, now func() time.Time) *limiter {
	return &limiter{max: max, lockout: lockout, now: now, entries: map[string]*failures{}}
}

func (l *limiter) locked(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	f := l.entries[key]
	return f != nil && l.now().Before(f.lockedUntil)
}

func (l *limiter) fail(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if len(l.entries) > 10000 { // forget stale entries rather than grow without bound
		for k, f := range l.entries {
			if now.Sub(f.last) > l.lockout && now.After(f.lockedUntil) {
				delete(l.entries, k)
			}
		}
	}
	f := l.entries[key]
	if f == nil || now.Sub(f.last) > l.lockout {
		f = &failures{}
		l.entries[key] = f
	}
	f.count++
	f.last = now
	if f.count >= l.max {
		f.lockedUntil = now.Add(l.lockout)
		f.count = 0
	}
}

func (l *limiter) reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.entries, key)
}
