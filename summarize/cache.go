package summarize

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"arsflow/extract/casefile"
)

// Cache holds summaries by cache key. The database-backed cache is DBCache;
// MemoryCache serves the offline CLI and tests.
type Cache interface {
	// Get returns the summary stored under key, or ErrNotFound.
	Get(ctx context.Context, key string) (*Summary, error)
	// Put stores s under key.
	Put(ctx context.Context, key string, s *Summary) error
}

// MemoryCache is a Cache in memory, safe for concurrent use.
type MemoryCache struct {
	mu sync.Mutex
	m  map[string]*Summary
}

// NewMemoryCache returns an empty MemoryCache.
func NewMemoryCache() *MemoryCache { return &MemoryCache{m: map[string]*Summary{}} }

// Get returns a copy of the summary under key, or ErrNotFound.
func (c *MemoryCache) Get(ctx context.Context, key string) (*Summary, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.m[key]
	if !ok {
		return nil, ErrNotFound
	}
	cp := *s
	return &cp, nil
}

// Put stores a copy of s under key.
func (c *MemoryCache) Put(ctx context.Context, key string, s *Summary) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	cp := *s
	c.m[key] = &cp
	return nil
}

// cached serves a backend's summaries from a cache.
type cached struct {
	Backend
	cache Cache
}

// WithCache returns b with its summaries served from cache: an identical
// input (same input hash) for the same backend, model, prompt version and
// location (the cache key) is not summarised again. Fallback summaries are
// not cached, so the model is tried again next time.
func WithCache(b Backend, cache Cache) Backend {
	if cache == nil {
		return b
	}
	return &cached{Backend: b, cache: cache}
}

// Unwrap returns the wrapped backend.
func (c *cached) Unwrap() Backend { return c.Backend }

// Summarize returns the cached summary of an identical input, or makes and
// caches a new one.
func (c *cached) Summarize(ctx context.Context, ec *casefile.Case) (*Summary, error) {
	if ec == nil {
		return nil, fmt.Errorf("summarize: %w", ErrInvalid)
	}
	key := CacheKey(c.Backend, InputHash(ec))
	s, err := c.cache.Get(ctx, key)
	if err == nil {
		s.Cached = true
		return s, nil
	}
	if !errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("summarize: cache: %w", err)
	}
	s, err = c.Backend.Summarize(ctx, ec)
	if err != nil {
		return nil, err
	}
	if !s.Fallback {
		s.CacheKey = key
		if err := c.cache.Put(ctx, key, s); err != nil {
			return nil, fmt.Errorf("summarize: cache: %w", err)
		}
	}
	return s, nil
}
