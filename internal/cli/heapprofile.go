package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/metrics"
	"runtime/pprof"
	"time"
)

// heapProfileEnv names the debugging variable that makes shoulder write an
// in-use heap profile (pprof) at its largest live heap: set to a file
// name, the profile there is rewritten each time the live heap passes its
// previous high by a tenth, so what is left at exit is the heap near the
// peak (`go tool pprof -sample_index=inuse_space FILE`); FILE.log gets one
// line a second and one at each new high of the resident set: seconds
// since start, live heap, heap objects (live and garbage), the memory
// limit, the resident set and its file-backed part, goroutine stacks and
// the goroutines (a count), in MiB unless said. For measuring
// where a long run's memory goes (bench/RESULTS.md); not a user option.
const heapProfileEnv = "SHOULDER_DEBUG_HEAP_PROFILE"

// startHeapProfile starts the sampler heapProfileEnv asks for, if any;
// the returned stop ends it (and writes nothing more).
func (app *App) startHeapProfile(ctx context.Context) (stop func()) {
	path := ""
	if app.Getenv != nil {
		path = app.Getenv(heapProfileEnv)
	}
	if path == "" {
		return func() {}
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/gomemlimit:bytes"}, {Name: "/memory/classes/heap/stacks:bytes"}, {Name: "/sched/goroutines:goroutines"}}
		var high uint64
		logf, err := os.Create(path + ".log")
		if err != nil {
			fmt.Fprintf(app.Stderr, "shoulder: %s: %v\n", heapProfileEnv, err)
			return
		}
		defer logf.Close()
		t0 := time.Now()
		n := 0
		var rssHigh int64
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			metrics.Read(s)
			if s[0].Value.Kind() != metrics.KindUint64 {
				continue
			}
			live := s[0].Value.Uint64()
			rss, file := residentMiB()
			if n++; n%10 == 0 || rss > rssHigh+4 {
				// Once a second, and at each new high of the resident set.
				rssHigh = max(rssHigh, rss)
				fmt.Fprintf(logf, "%.1f %d %d %d %d %d %d %d\n", time.Since(t0).Seconds(), live>>20, s[1].Value.Uint64()>>20, s[2].Value.Uint64()>>20, rss, file,
					s[3].Value.Uint64()>>20, s[4].Value.Uint64())
			}
			if live <= high+high/10 {
				continue
			}
			high = live
			if err := writeHeapProfile(path); err != nil {
				fmt.Fprintf(app.Stderr, "shoulder: %s: %v\n", heapProfileEnv, err)
				return
			}
		}
	}()
	return func() { cancel(); <-done }
}

// writeHeapProfile replaces path with the current heap profile.
func writeHeapProfile(path string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".heap-*")
	if err != nil {
		return fmt.Errorf("heap profile: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := pprof.Lookup("heap").WriteTo(tmp, 0); err != nil {
		tmp.Close()
		return fmt.Errorf("heap profile: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("heap profile: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("heap profile: %w", err)
	}
	return nil
}

// residentMiB is the process's resident set and its file-backed (shared)
// part, in MiB (zero where /proc is not).
func residentMiB() (rss, file int64) {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, 0
	}
	var size, res, shared int64
	if _, err := fmt.Sscan(string(b), &size, &res, &shared); err != nil {
		return 0, 0
	}
	page := int64(os.Getpagesize())
	return res * page >> 20, shared * page >> 20
}
