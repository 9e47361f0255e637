package serve

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/store"
)

func oneScan(acct string) *store.Scan {
	return &store.Scan{Accounts: []string{acct}, Results: []store.Result{{
		Key:   store.Key{Check: "iam_root_mfa_enabled", Account: acct, Resource: "root"},
		State: store.State{Present: true, Status: "fail", Severity: "critical"}}}}
}

// TestAheadRendersNewScan: a scan recorded while the server runs is seen by
// Watch without any request, its overview (rows and history) is rendered
// ahead, and the next request gets that render, showing the new account.
func TestAheadRendersNewScan(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "shoulder.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Record(ctx, oneScan("111111111111")); err != nil {
		t.Fatal(err)
	}
	s, err := New(st, "test", func(f string, args ...any) { t.Errorf("logged: "+f, args...) })
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Warm(ctx); err != nil {
		t.Fatal(err)
	}
	wctx, stop := context.WithCancel(ctx)
	watched := make(chan struct{})
	go func() { s.Watch(wctx, 5*time.Millisecond); close(watched) }()
	defer func() { stop(); <-watched }()

	if _, err := st.Record(ctx, oneScan("222222222222")); err != nil {
		t.Fatal(err)
	}
	gen, err := st.Generation(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var view *overviewView
	waitFor(t, func() bool {
		s.cache.mu.Lock()
		if s.cache.gen == gen {
			view = s.cache.view
		}
		s.cache.mu.Unlock()
		s.pagesCache.mu.Lock()
		_, hist := s.pagesCache.answers["history|*"]
		if s.pagesCache.gen != gen {
			hist = false
		}
		s.pagesCache.mu.Unlock()
		return view != nil && hist
	})
	var accts []string
	for _, a := range view.Accounts {
		accts = append(accts, a.Account)
	}
	if strings.Join(accts, ",") != "111111111111,222222222222" && strings.Join(accts, ",") != "222222222222,111111111111" {
		t.Errorf("overview rendered ahead lists %v, want both accounts", accts)
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `href="/accounts/222222222222"`) {
		t.Errorf("overview after the new scan: %d, new account missing", rec.Code)
	}
	s.cache.mu.Lock()
	same := s.cache.view == view
	s.cache.mu.Unlock()
	if !same {
		t.Error("the request rendered the overview again instead of taking the one rendered ahead")
	}
}

// TestAheadBounded: generations seen while a render runs make at most one
// more render, of the newest of them; a failed render is retried at the
// generation's next sighting.
func TestAheadBounded(t *testing.T) {
	var a ahead
	gate := make(chan struct{})
	var mu sync.Mutex
	var rendered []string
	fail := map[string]bool{"g9": true}
	render := func(_ context.Context, gen string) error {
		<-gate
		mu.Lock()
		defer mu.Unlock()
		rendered = append(rendered, gen)
		if fail[gen] {
			delete(fail, gen)
			return errors.New("store closed")
		}
		return nil
	}
	saw := a.saw(render)
	saw("g1")
	for i := 2; i <= 9; i++ {
		saw(fmt.Sprintf("g%d", i))
		saw(fmt.Sprintf("g%d", i)) // seen twice: still one render
	}
	gate <- struct{}{}
	gate <- struct{}{}
	idle := func() bool { a.mu.Lock(); defer a.mu.Unlock(); return !a.running }
	waitFor(t, idle)
	saw("g9") // failed: rendered again
	gate <- struct{}{}
	waitFor(t, idle)
	saw("g9") // rendered: not again
	mu.Lock()
	defer mu.Unlock()
	if got := strings.Join(rendered, ","); got != "g1,g9,g9" {
		t.Errorf("rendered %s, want g1,g9,g9", got)
	}
}

// TestPageCacheSharesBuilds: requests missing the same answer at once wait
// for one build; a build that fails is not shared as an answer (each
// waiter builds for itself) and not kept.
func TestPageCacheSharesBuilds(t *testing.T) {
	var c pageCache
	gen := func(context.Context) (string, error) { return "g1", nil }
	var builds atomic.Int64
	gate := make(chan struct{})
	build := func() (any, error) { builds.Add(1); <-gate; return "answer", nil }
	const n = 20
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := c.get(context.Background(), gen, "k", build)
			if err != nil || v != "answer" {
				t.Errorf("got %v, %v", v, err)
			}
		}()
	}
	waitFor(t, func() bool { return builds.Load() == 1 })
	time.Sleep(20 * time.Millisecond) // let the others queue behind the build
	close(gate)
	wg.Wait()
	if b := builds.Load(); b != 1 {
		t.Errorf("%d builds for %d requests at once, want 1", b, n)
	}

	// A failing build: the waiter builds again, nothing is kept.
	var tries atomic.Int64
	fgate := make(chan struct{})
	failing := func() (any, error) {
		if tries.Add(1) == 1 {
			<-fgate
			return nil, context.Canceled
		}
		return "second", nil
	}
	first := make(chan error, 1)
	go func() { _, err := c.get(context.Background(), gen, "f", failing); first <- err }()
	waitFor(t, func() bool { return tries.Load() == 1 })
	second := make(chan any, 1)
	go func() {
		v, err := c.get(context.Background(), gen, "f", failing)
		if err != nil {
			t.Error(err)
		}
		second <- v
	}()
	waitFor(t, func() bool { c.mu.Lock(); defer c.mu.Unlock(); return c.flights["f"] != nil })
	time.Sleep(10 * time.Millisecond)
	close(fgate)
	if err := <-first; !errors.Is(err, context.Canceled) {
		t.Errorf("the failed build's caller got %v", err)
	}
	if v := <-second; v != "second" {
		t.Errorf("the waiter of a failed build got %v, want its own build", v)
	}
}
