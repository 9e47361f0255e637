package serve

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/store"
)

// TestGenerationsCoalesce: calls made while a read of the generation is in
// flight share one read, begun after that read ends; none of them takes
// the answer of the read that began before they were made (a scan
// recorded meanwhile would be missed), and a caller that gives up is
// answered at once.
func TestGenerationsCoalesce(t *testing.T) {
	var version, reads atomic.Int64
	version.Store(1)
	started := make(chan int64, 10)
	gate := make(chan struct{})
	g := &generations{read: func(context.Context) (string, error) {
		v := version.Load()
		reads.Add(1)
		started <- v
		<-gate
		return fmt.Sprint(v), nil
	}}
	ctx := context.Background()
	first := make(chan string, 1)
	go func() {
		gen, err := g.get(ctx)
		if err != nil {
			t.Error(err)
		}
		first <- gen
	}()
	if v := <-started; v != 1 {
		t.Fatalf("first read saw version %d", v)
	}
	version.Store(2) // a scan recorded while the first read is in flight
	const late = 8
	var wg sync.WaitGroup
	answers := make(chan string, late)
	for i := 0; i < late; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			gen, err := g.get(ctx)
			if err != nil {
				t.Error(err)
			}
			answers <- gen
		}()
	}
	waitFor(t, func() bool {
		g.mu.Lock()
		defer g.mu.Unlock()
		return g.next != nil && g.next.waiters == late
	})
	// One more caller gives up while it waits.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := g.get(cctx); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled caller: %v", err)
	}
	gate <- struct{}{}
	if gen := <-first; gen != "1" {
		t.Errorf("the first caller got %q, want 1", gen)
	}
	if v := <-started; v != 2 {
		t.Fatalf("the second read saw version %d", v)
	}
	gate <- struct{}{}
	wg.Wait()
	close(answers)
	for gen := range answers {
		if gen != "2" {
			t.Errorf("a caller made after the scan got generation %q, want 2", gen)
		}
	}
	if n := reads.Load(); n != 2 {
		t.Errorf("%d reads for %d calls, want 2", n, late+2)
	}
	// Nothing in flight: the next call reads again.
	go func() { <-started; gate <- struct{}{} }()
	if gen, err := g.get(ctx); gen != "2" || err != nil {
		t.Errorf("a later call: %q, %v", gen, err)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(time.Millisecond)
	}
}

// TestOneGenerationReadPerRequest: a page that consults several caches
// (the overview: its rows and its history) reads the store's generation
// once.
func TestOneGenerationReadPerRequest(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "shoulder.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Record(ctx, &store.Scan{Accounts: []string{"111111111111"}, Results: []store.Result{{
		Key:   store.Key{Check: "iam_root_mfa_enabled", Account: "111111111111", Resource: "root"},
		State: store.State{Present: true, Status: "fail", Severity: "critical"}}}}); err != nil {
		t.Fatal(err)
	}
	s, err := New(st, "test", func(f string, args ...any) { t.Errorf("logged: "+f, args...) })
	if err != nil {
		t.Fatal(err)
	}
	var reads atomic.Int64
	s.gens.read = func(ctx context.Context) (string, error) { reads.Add(1); return st.Generation(ctx) }
	h := s.Handler()
	for _, path := range []string{"/", "/accounts/111111111111", "/findings?status=open", "/frameworks", "/waivers"} {
		reads.Store(0)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: %d", path, rec.Code)
		}
		if n := reads.Load(); n != 1 {
			t.Errorf("%s read the generation %d times, want once", path, n)
		}
	}
}
