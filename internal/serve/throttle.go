package serve

import (
	"sync"
	"time"
)

// throttle counts failed logins per key (a user name, a client address) in
// a fixed window: a key with limit failures in the window is refused until
// the window ends. It holds at most max keys: when full it drops expired
// windows, then the oldest, so memory stays bounded under a flood of names
// or addresses.
type throttle struct {
	mu     sync.Mutex
	limit  int
	window time.Duration
	max    int
	keys   map[string]*attempts
	now    func() time.Time
}

type attempts struct {
	start    time.Time
	failures int
}

func newThrottle(limit int, window time.Duration, max int, now func() time.Time) *throttle {
	return &throttle{limit: limit, window: window, max: max, keys: map[string]*attempts{}, now: now}
}

// blocked reports whether key has used up its failures, and until when.
func (t *throttle) blocked(key string) (bool, time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	a := t.keys[key]
	if a == nil {
		return false, time.Time{}
	}
	end := a.start.Add(t.window)
	if !t.now().Before(end) {
		delete(t.keys, key)
		return false, time.Time{}
	}
	return a.failures >= t.limit, end
}

// fail records a failed attempt of key.
func (t *throttle) fail(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	a := t.keys[key]
	if a != nil && !now.Before(a.start.Add(t.window)) {
		a = nil
	}
	if a == nil {
		if len(t.keys) >= t.max {
			t.evict(now)
		}
		a = &attempts{start: now}
		t.keys[key] = a
	}
	a.failures++
}

// succeed forgets key's failures (a user who logged in).
func (t *throttle) succeed(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.keys, key)
}

// evict drops expired windows, or else the oldest one; mu held.
func (t *throttle) evict(now time.Time) {
	var oldest string
	var at time.Time
	for k, a := range t.keys {
		if !now.Before(a.start.Add(t.window)) {
			delete(t.keys, k)
			continue
		}
		if oldest == "" || a.start.Before(at) {
			oldest, at = k, a.start
		}
	}
	if len(t.keys) >= t.max && oldest != "" {
		delete(t.keys, oldest)
	}
}

func (t *throttle) size() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.keys)
}
