package collect

import (
	"context"
	"sync"
	"time"
)

// TokenBucket paces calls: it holds up to Burst tokens, refills at RPS
// tokens per second, and Wait takes one token, sleeping until one is
// there. It is safe for concurrent use.
type TokenBucket struct {
	mu     sync.Mutex
	rate   float64 // tokens per second
	burst  float64
	tokens float64
	last   time.Time
	now    func() time.Time
}

// NewTokenBucket returns a full bucket.
func NewTokenBucket(r Rate) *TokenBucket {
	b := float64(r.Burst)
	if b < 1 {
		b = 1
	}
	return &TokenBucket{rate: r.RPS, burst: b, tokens: b, now: time.Now}
}

// reserve takes a token, possibly going into debt, and returns how long the
// caller must wait before using it.
func (t *TokenBucket) reserve() time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	if !t.last.IsZero() {
		t.tokens += now.Sub(t.last).Seconds() * t.rate
		if t.tokens > t.burst {
			t.tokens = t.burst
		}
	}
	t.last = now
	t.tokens--
	if t.tokens >= 0 || t.rate <= 0 {
		return 0
	}
	return time.Duration(-t.tokens / t.rate * float64(time.Second))
}

// cancel returns a token reserved by a caller that gave up waiting.
func (t *TokenBucket) cancel() {
	t.mu.Lock()
	t.tokens++
	if t.tokens > t.burst {
		t.tokens = t.burst
	}
	t.mu.Unlock()
}

// Wait blocks until the caller may make one call, or ctx ends. It returns
// how long it waited.
func (t *TokenBucket) Wait(ctx context.Context) (time.Duration, error) {
	d := t.reserve()
	if d <= 0 {
		return 0, ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return d, nil
	case <-ctx.Done():
		t.cancel()
		return 0, ctx.Err()
	}
}

// Limiters hands out one TokenBucket per (region, bucket name), created on
// first use with the declared rate.
type Limiters struct {
	mu      sync.Mutex
	buckets map[[2]string]*TokenBucket
}

// NewLimiters returns an empty set.
func NewLimiters() *Limiters { return &Limiters{buckets: map[[2]string]*TokenBucket{}} }

// For returns the bucket for op in region ("" for global operations).
func (l *Limiters) For(region string, op Operation) *TokenBucket {
	k := [2]string{region, op.Bucket()}
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[k]
	if !ok {
		b = NewTokenBucket(op.Rate)
		l.buckets[k] = b
	}
	return b
}
