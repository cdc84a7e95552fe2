package summarize

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// retryAfterKey carries a *retryAfter through a request's context, so that
// the HTTP layer can report the server's Retry-After, which go-openai's
// errors do not expose.
type retryAfterKey struct{}

type retryAfter struct {
	mu sync.Mutex
	d  time.Duration
}

// headerDoer is the HTTP client of the backend: it records Retry-After.
type headerDoer struct{ client *http.Client }

func (h headerDoer) Do(req *http.Request) (*http.Response, error) {
	resp, err := h.client.Do(req)
	if err != nil {
		return resp, err
	}
	if ra, ok := req.Context().Value(retryAfterKey{}).(*retryAfter); ok {
		if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			ra.mu.Lock()
			ra.d = d
			ra.mu.Unlock()
		}
	}
	return resp, nil
}

// parseRetryAfter reads a Retry-After header: seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d, true
		}
		return 0, true
	}
	return 0, false
}

// statusOf returns the HTTP status of a go-openai error, or 0.
func statusOf(err error) int {
	var apiErr *openai.APIError
	if errors.As(err, &apiErr) {
		return apiErr.HTTPStatusCode
	}
	var reqErr *openai.RequestError
	if errors.As(err, &reqErr) {
		return reqErr.HTTPStatusCode
	}
	return 0
}

// retryable reports whether a failed request is worth trying again: a
// timeout, a network fault, 408, 409, 429 or a 5xx.
func retryable(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	switch st := statusOf(err); {
	case st == http.StatusRequestTimeout, st == http.StatusConflict, st == http.StatusTooManyRequests, st >= 500:
		return true
	case st != 0:
		return false
	}
	var netErr net.Error
	if errors.As(err, &netErr) {
		return true
	}
	// A body cut off or garbled in transit.
	return !errors.Is(err, context.Canceled)
}

// limiter spaces request starts at least interval apart.
type limiter struct {
	mu       sync.Mutex
	interval time.Duration
	next     time.Time
}

func newLimiter(perSecond float64) *limiter {
	if perSecond <= 0 {
		return nil
	}
	return &limiter{interval: time.Duration(float64(time.Second) / perSecond)}
}

// wait blocks until the next request may start.
func (l *limiter) wait(ctx context.Context) error {
	if l == nil {
		return nil
	}
	l.mu.Lock()
	now := time.Now()
	t := l.next
	if t.Before(now) {
		t = now
	}
	l.next = t.Add(l.interval)
	l.mu.Unlock()
	return sleepCtx(ctx, time.Until(t))
}

// sleepCtx sleeps for d or until ctx is done.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
