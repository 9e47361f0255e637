package serve

import (
	"context"
	"sync"
	"time"
)

// WatchEvery is how often a running server asks the store for its
// generation when no request does (Serve), so that a scan recorded while
// nobody looks has its overview rendered before the next visitor comes.
const WatchEvery = 2 * time.Second

// ahead renders the overview of each new store generation (its account
// rows, heatmap and the history of every account) in the background, as
// soon as the server sees the generation: when the server starts (Warm),
// when a request reads it, or when Watch polls it. Requests of that
// generation then find it built instead of waiting for the render. Only
// the unrestricted view is rendered ahead (a viewer limited to some
// accounts gets it narrowed, `within`; their history is built on demand).
//
// At most one render runs at a time and at most one waits: generations
// seen during a render replace the waiting one, so the work stays bounded
// however often scans are recorded.
type ahead struct {
	mu      sync.Mutex
	last    string // the latest generation rendered, being rendered or waiting
	running bool
	waiting string // the generation to render after the running one ("": none)
}

// saw returns the generations' seen hook: it starts render(gen) for a
// generation not seen before.
func (a *ahead) saw(render func(context.Context, string) error) func(string) {
	return func(gen string) {
		a.mu.Lock()
		defer a.mu.Unlock()
		if gen == a.last {
			return
		}
		a.last = gen
		if a.running {
			a.waiting = gen
			return
		}
		a.running = true
		go a.loop(render, gen)
	}
}

func (a *ahead) loop(render func(context.Context, string) error, gen string) {
	for {
		// Errors are left to the requests, which log them and answer 500;
		// a failed render is tried again at the generation's next sighting.
		if err := render(context.Background(), gen); err != nil {
			a.mu.Lock()
			if a.last == gen {
				a.last = ""
			}
			a.mu.Unlock()
		}
		a.mu.Lock()
		gen, a.waiting = a.waiting, ""
		if gen == "" {
			a.running = false
			a.mu.Unlock()
			return
		}
		a.mu.Unlock()
	}
}

// movedOn reports whether a generation newer than gen was seen.
func (a *ahead) movedOn(gen string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.last != "" && a.last != gen
}

// Warm renders the overview of the store's current generation before the
// server takes requests, so that the first ones do not wait for it; it
// fails when the store cannot answer.
func (s *Server) Warm(ctx context.Context) error {
	gen, err := s.generation(ctx)
	if err != nil {
		return err
	}
	return s.warmAt(ctx, gen)
}

// warmAt renders what the overview of generation gen needs: its rows and
// the unrestricted history.
func (s *Server) warmAt(ctx context.Context, gen string) error {
	if _, err := s.cache.overview(gen, func() (*overviewView, error) { return s.buildOverview(ctx) }); err != nil {
		return err
	}
	if s.ahead.movedOn(gen) {
		return nil // a newer generation is waiting: its render replaces this one's
	}
	at := func(context.Context) (string, error) { return gen, nil }
	_, err := s.historyAt(ctx, at, AllAccounts())
	return err
}

// Watch reads the store's generation every interval until ctx ends; a new
// one is rendered ahead of requests. Serve runs it; a caller serving
// Handler on its own may.
func (s *Server) Watch(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			_, _ = s.gens.get(ctx) // errors: the requests report them
		}
	}
}
