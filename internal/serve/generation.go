package serve

import (
	"context"
	"net/http"
	"sync"
)

// generations coalesces the reads of the store's generation
// (store.Generation), which every page asks before it may use a cached
// answer. Under load most of a cached page's time was waiting for a pooled
// connection to ask it (the load test's block profile): concurrent
// requests now share one read. A request takes the answer of a read that
// began after it arrived, never of one already in flight, so it never sees
// a generation older than a scan recorded before it came: at most one read
// is in flight and one waits to start after it, for every request that
// arrived meanwhile.
type generations struct {
	read func(context.Context) (string, error)
	// seen, when set, is told every generation read (the server renders a
	// new one ahead of the requests that follow: ahead.go).
	seen func(gen string)

	mu        sync.Mutex
	cur, next *genRead
}

// genRead is one read of the generation and the requests waiting for it.
type genRead struct {
	done    chan struct{}
	gen     string
	err     error
	waiters int // the calls answered by it (under generations.mu)
}

// get returns the store's generation as of a read begun after the call.
func (g *generations) get(ctx context.Context) (string, error) {
	g.mu.Lock()
	var r *genRead
	switch {
	case g.cur == nil:
		r = &genRead{done: make(chan struct{})}
		g.cur = r
		go g.run(ctx, r)
	case g.next == nil:
		r = &genRead{done: make(chan struct{})}
		g.next = r
	default:
		r = g.next
	}
	r.waiters++
	g.mu.Unlock()
	select {
	case <-r.done:
		return r.gen, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// run reads the generation for r and its waiters (not cancelled by the
// first caller leaving: others may wait for it), then starts the read that
// waited behind it.
func (g *generations) run(ctx context.Context, r *genRead) {
	ctx = context.WithoutCancel(ctx)
	for r != nil {
		r.gen, r.err = g.read(ctx)
		if r.err == nil && g.seen != nil {
			g.seen(r.gen)
		}
		g.mu.Lock()
		g.cur, g.next = g.next, nil
		done := r
		r = g.cur
		g.mu.Unlock()
		close(done.done)
	}
}

// genMemo is one request's generation: read at its first need, then the
// same for every cache the request consults (one read a request, and one
// generation for all its answers).
type genMemo struct {
	once sync.Once
	gen  string
	err  error
}

type genMemoKey struct{}

// withGenMemo gives each request a genMemo.
func withGenMemo(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), genMemoKey{}, &genMemo{})))
	})
}

// generation is the store's generation as of a read begun after the call
// (the request's first call, when ctx is a request's); every cached answer
// is keyed by it.
func (s *Server) generation(ctx context.Context) (string, error) {
	m, _ := ctx.Value(genMemoKey{}).(*genMemo)
	if m == nil {
		return s.gens.get(ctx)
	}
	m.once.Do(func() { m.gen, m.err = s.gens.get(ctx) })
	return m.gen, m.err
}
