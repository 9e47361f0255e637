package store

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkRecord measures recording a 100k-result scan (bench/RESULTS.md):
// "new" into an empty store (every result a new lifecycle), "churn" the
// next day's scan of the same account with 1% of the results changed.
//
//	go test ./internal/store -run '^$' -bench Record -benchtime 3x
//
// PostgreSQL needs SHOULDER_TEST_POSTGRES (.ci/pg.sh).
func BenchmarkRecord(b *testing.B) {
	const n = 100_000
	for _, be := range []struct {
		name string
		dsn  func(b *testing.B) string
	}{
		{"sqlite", func(b *testing.B) string { return filepath.Join(b.TempDir(), "bench.db") }},
		{"postgres", func(b *testing.B) string { return pgDatabaseTB(b) }},
	} {
		b.Run(be.name+"/new", func(b *testing.B) {
			defer cpuMetric(b)()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				s := open(b, be.dsn(b))
				sc := synthScan(n, uint64(i), "111122223333")
				b.StartTimer()
				if _, err := s.Record(context.Background(), sc); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(be.name+"/churn1pct", func(b *testing.B) {
			s := open(b, be.dsn(b))
			sc := synthScan(n, 1, "111122223333")
			if _, err := s.Record(context.Background(), sc); err != nil {
				b.Fatal(err)
			}
			rng := rand.New(rand.NewPCG(2, 2))
			b.ResetTimer()
			defer cpuMetric(b)()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				churn(sc, rng, 0.01, i)
				b.StartTimer()
				if _, err := s.Record(context.Background(), sc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// cpuMetric reports this process's CPU seconds per op (user+system): on a
// shared, loaded machine wall time says more about the neighbours. The
// PostgreSQL server's own CPU is not in it.
func cpuMetric(b *testing.B) func() {
	c0 := cpuSeconds()
	return func() { b.ReportMetric((cpuSeconds()-c0)/float64(b.N), "cpu-s/op") }
}

var (
	yearDays    = flag.Int("store.year", 0, "TestSimulatedYear: record this many daily scans (365 for the recorded figure)")
	yearResults = flag.Int("store.results", 100_000, "TestSimulatedYear: results per scan")
	yearBackend = flag.String("store.backend", "sqlite", "TestSimulatedYear: sqlite or postgres")
	yearKeep    = flag.String("store.keep", "", "TestSimulatedYear (sqlite): keep the year's store in this file, or time the queries over it if it exists")
)

// TestSimulatedYear records a year of daily scans of 100k results with 1%
// daily churn and reports the store's size (bench/RESULTS.md). It runs
// only when asked:
//
//	go test ./internal/store -run SimulatedYear -store.year 365 -v -timeout 2h
func TestSimulatedYear(t *testing.T) {
	if *yearDays == 0 {
		t.Skip("a benchmark: run with -store.year 365")
	}
	var dsn string
	reuse := false
	switch *yearBackend {
	case "sqlite":
		dsn = filepath.Join(t.TempDir(), "year.db")
		if *yearKeep != "" {
			dsn = *yearKeep
			_, err := os.Stat(dsn)
			reuse = err == nil
		}
	case "postgres":
		dsn = pgDatabaseTB(t)
	default:
		t.Fatalf("-store.backend %q", *yearBackend)
	}
	s := open(t, dsn)
	ctx := context.Background()
	start := time.Date(2026, 1, 1, 6, 0, 0, 0, time.UTC)
	if reuse {
		t.Logf("timing the queries over the kept store %s", dsn)
		timeHistoryQueries(t, s, start.AddDate(0, 0, *yearDays))
		return
	}
	sc := synthScan(*yearResults, 1, "111122223333")
	rng := rand.New(rand.NewPCG(3, 3))
	var slowest time.Duration
	began := time.Now()
	for d := 0; d < *yearDays; d++ {
		if d > 0 {
			churn(sc, rng, 0.01, d)
		}
		sc.RecordedAt = start.AddDate(0, 0, d)
		sc.Counts = countsOf(sc)
		t0 := time.Now()
		if _, err := s.Record(ctx, sc); err != nil {
			t.Fatalf("day %d: %v", d, err)
		}
		slowest = max(slowest, time.Since(t0))
		if d%30 == 0 {
			in, _ := s.Info(ctx)
			t.Logf("day %d: %d MiB, %d findings, %d events", d, in.Size>>20, in.Findings, in.Events)
		}
	}
	in, err := s.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fileSize := int64(0)
	if st, err := os.Stat(dsn); err == nil {
		fileSize = st.Size()
	}
	t.Logf("%s after %d daily scans of %d results (1%% churn): %d MiB in tables (file %d MiB), %d findings, %d events; slowest scan %v, all %v",
		*yearBackend, *yearDays, *yearResults, in.Size>>20, fileSize>>20, in.Findings, in.Events, slowest.Round(time.Millisecond), time.Since(began).Round(time.Second))
	if *yearDays >= 365 && in.Size >= 1<<30 {
		t.Errorf("a year takes %d MiB, the target is under 1 GiB", in.Size>>20)
	}
	fmt.Fprintf(os.Stderr, "YEAR %s size=%d findings=%d events=%d\n", *yearBackend, in.Size, in.Findings, in.Events)
	timeHistoryQueries(t, s, start.AddDate(0, 0, *yearDays))
}
