package cli

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/store"
)

// yearEndStore records a store shaped like the simulated year's end of
// bench/RESULTS.md (the shape of store.BenchmarkFindingsEveryLifecycle):
// present lifecycles still reported and gone ones no longer, over the
// built-in checks, four regions and one account.
func yearEndStore(tb testing.TB, path string, present, gone int) {
	tb.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, path)
	if err != nil {
		tb.Fatal(err)
	}
	defer st.Close()
	var ids []string
	for _, c := range checks.All() {
		ids = append(ids, c.ID)
	}
	rng := rand.New(rand.NewPCG(1, 1))
	regions := []string{"", "eu-west-1", "us-east-1", "ap-southeast-2"}
	statuses := []string{"pass", "pass", "fail", "unknown", "not_applicable", "waived"}
	const acct = "111122223333"
	sc := &store.Scan{Accounts: []string{acct}, Regions: regions[1:], Checks: ids,
		RecordedAt: time.Date(2026, 1, 1, 6, 0, 0, 0, time.UTC)}
	for i := 0; i < present+gone; i++ {
		region := regions[i%len(regions)]
		sc.Results = append(sc.Results, store.Result{
			Key: store.Key{Check: ids[i%len(ids)], Account: acct, Region: region,
				Resource: fmt.Sprintf("arn:aws:svc:%s:%s:resource/shoulder-synthetic-%08d", region, acct, i)},
			State: store.State{Present: true, Status: statuses[rng.IntN(len(statuses))],
				Severity: []string{"low", "medium", "high", "critical"}[rng.IntN(4)]},
			Message: fmt.Sprintf("synthetic evidence for resource %d: setting is %d", i, rng.IntN(1000)),
		})
	}
	if _, err := st.Record(ctx, sc); err != nil {
		tb.Fatal(err)
	}
	sc.Results = sc.Results[:present] // the rest is gone
	sc.RecordedAt = sc.RecordedAt.AddDate(1, 0, 0)
	if _, err := st.Record(ctx, sc); err != nil {
		tb.Fatal(err)
	}
}

// countingWriter counts what `shoulder findings` writes and drops it.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// peakHeap samples the heap in use every 5 ms until stop is called, which
// returns the highest sample in MiB.
func peakHeap() (stop func() float64) {
	var mu sync.Mutex
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var ms runtime.MemStats
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			mu.Lock()
			peak = max(peak, ms.HeapInuse)
			mu.Unlock()
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() float64 {
		close(done)
		wg.Wait()
		return float64(peak) / (1 << 20)
	}
}

// BenchmarkFindingsFormats runs `shoulder findings --format F` without
// filters end to end through the CLI over a store shaped like the
// simulated year's end (221,256 lifecycles, 121,256 of them gone; issue
// #13: each query answers in at most 1 s). It reports the CPU seconds and
// the peak heap in use per listing. SHOULDER_FINDINGS_STORE keeps the store
// in that file (and reuses it when it exists).
//
//	go test ./internal/cli -run '^$' -bench FindingsFormats -benchtime 3x
func BenchmarkFindingsFormats(b *testing.B) {
	const present, gone = 100_000, 121_256
	path := os.Getenv("SHOULDER_FINDINGS_STORE")
	if path == "" {
		path = filepath.Join(b.TempDir(), "year.db")
	}
	if _, err := os.Stat(path); err != nil {
		yearEndStore(b, path, present, gone)
	}
	for _, format := range []string{"table", "json", "csv"} {
		b.Run("format="+format, func(b *testing.B) {
			var heap float64
			c0 := cpuSeconds()
			for i := 0; i < b.N; i++ {
				var out countingWriter
				var errb strings.Builder
				app := &App{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""),
					IsTTY: func(io.Writer) bool { return false }, Getenv: func(string) string { return "" }}
				runtime.GC()
				stop := peakHeap()
				code := app.Run(context.Background(), []string{"findings", "--format", format, "--store", path})
				heap = max(heap, stop())
				if code != 0 || out.n == 0 {
					b.Fatalf("exit %d, %d bytes: %s", code, out.n, errb.String())
				}
				b.SetBytes(out.n)
			}
			b.ReportMetric((cpuSeconds()-c0)/float64(b.N), "cpu-s/op")
			b.ReportMetric(heap, "peak-heap-MiB")
		})
	}
}
