package fetch

import (
	"context"
	"sync"
	"time"
)

// limiter spaces the requests to each host: one request per interval,
// the first at once. It is safe for concurrent use.
type limiter struct {
	mu   sync.Mutex
	next map[string]time.Time // host -> earliest time of its next request
}

// wait blocks on clock until host may be sent a request, and books that
// slot. A zero interval never waits.
func (l *limiter) wait(ctx context.Context, clock Clock, host string, interval time.Duration) error {
	if interval <= 0 {
		return ctx.Err()
	}
	l.mu.Lock()
	if l.next == nil {
		l.next = map[string]time.Time{}
	}
	now := clock.Now()
	at := l.next[host]
	if at.Before(now) {
		at = now
	}
	l.next[host] = at.Add(interval)
	l.mu.Unlock()
	return clock.Sleep(ctx, at.Sub(now))
}
