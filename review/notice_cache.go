package review

import (
	"context"
	"sync"
	"time"
)

// noticeSnapshot is what the public pages read from the database.
type noticeSnapshot struct {
	Figures Figures
	History []ProcessChange // newest first
}

// figureCache keeps the public pages' snapshot for ttl, so that the pages
// cost no database work under load. One request computes a stale snapshot
// while the others wait for it.
type figureCache struct {
	ttl time.Duration // negative: no caching
	mu  sync.Mutex
	at  time.Time
	val noticeSnapshot
	ok  bool
}

// get returns the cached snapshot, or loads a new one when it is older than ttl.
func (c *figureCache) get(ctx context.Context, load func(context.Context) (noticeSnapshot, error)) (noticeSnapshot, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ok && c.ttl > 0 && time.Since(c.at) < c.ttl {
		return c.val, nil
	}
	v, err := load(ctx)
	if err != nil {
		return v, err
	}
	c.val, c.at, c.ok = v, time.Now(), true
	return v, nil
}

// noticeSnapshot loads the live figures and the process history.
func (s *Server) noticeSnapshot(ctx context.Context) (noticeSnapshot, error) {
	return s.figures.get(ctx, func(ctx context.Context) (noticeSnapshot, error) {
		f, err := s.svc.Figures(ctx)
		if err != nil {
			return noticeSnapshot{}, err
		}
		h, err := s.svc.processHistory(ctx)
		return noticeSnapshot{Figures: f, History: h}, err
	})
}
