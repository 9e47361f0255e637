package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// countsOf counts a synthetic scan's results as FromReport does (one area:
// the synthetic checks have none).
func countsOf(sc *Scan) Counts {
	c := Counts{ByStatus: map[string]int{}, FailBySeverity: map[string]int{}, FailByArea: map[string]int{}, FailByAccount: map[string]int{}}
	for _, r := range sc.Results {
		c.ByStatus[r.Status]++
		if r.Status == "fail" {
			c.FailBySeverity[r.Severity]++
			c.FailByArea[r.Check[:9]]++
			c.FailByAccount[r.Account]++
		}
	}
	return c
}

// historyYearLimit is the time each history and findings query may take
// over a simulated year (issue #13).
const historyYearLimit = time.Second

// timeHistoryQueries runs every query history, findings, report --scan and
// diff --since make over the store TestSimulatedYear filled (now: the day
// after its last scan), each three times, and reports the fastest; a
// history or findings query slower than historyYearLimit fails.
func timeHistoryQueries(t *testing.T, s *Store, now time.Time) {
	ctx := context.Background()
	last, err := s.ResolveScan(ctx, "last", 0, now)
	if err != nil {
		t.Fatal(err)
	}
	queries := []struct {
		name  string
		gated bool // a history/findings query, held to historyYearLimit
		run   func() (int, error)
	}{
		{"history: recent scans (10)", true, func() (int, error) { r, err := s.RecentScans(ctx, 10); return len(r), err }},
		{"history: trends, every scan", true, func() (int, error) { r, err := s.Trends(ctx, time.Time{}); return len(r), err }},
		{"history: trends + accounts grown", true, func() (int, error) {
			r, err := s.Trends(ctx, time.Time{})
			return len(Grown(r)), err
		}},
		{"history: mean time to resolve", true, func() (int, error) { r, err := s.MeanTimeToResolve(ctx); return len(r), err }},
		{"findings --status fail --severity critical", true, func() (int, error) {
			return countFindings(ctx, s, FindingFilter{Statuses: []string{"fail"}, Severities: []string{"critical"}})
		}},
		{"findings --status gone", true, func() (int, error) {
			return countFindings(ctx, s, FindingFilter{Statuses: []string{"gone"}})
		}},
		{"findings --since 7d", true, func() (int, error) {
			return countFindings(ctx, s, FindingFilter{FirstSeenSince: now.AddDate(0, 0, -7)})
		}},
		{"findings --check X --account Y", true, func() (int, error) {
			return countFindings(ctx, s, FindingFilter{Checks: []string{"service01_check_001"}, Accounts: []string{"111122223333"}})
		}},
		{"findings (every lifecycle)", true, func() (int, error) { return countFindings(ctx, s, FindingFilter{}) }},
		{"report --scan last (rebuild)", false, func() (int, error) {
			r, err := s.ScanReport(ctx, last, nil)
			if err != nil {
				return 0, err
			}
			return len(r.Results), nil
		}},
		{"report --scan (mid-year, rebuild)", false, func() (int, error) {
			r, err := s.ScanReport(ctx, last/2, nil)
			if err != nil {
				return 0, err
			}
			return len(r.Results), nil
		}},
	}
	for _, q := range queries {
		best := time.Duration(1 << 62)
		var n int
		for i := 0; i < 3; i++ {
			t0 := time.Now()
			if n, err = q.run(); err != nil {
				t.Fatalf("%s: %v", q.name, err)
			}
			best = min(best, time.Since(t0))
		}
		t.Logf("%-45s %8d rows  %v", q.name, n, best.Round(time.Millisecond))
		fmt.Fprintf(os.Stderr, "QUERY %s | %s | %d | %v\n", *yearBackend, q.name, n, best.Round(time.Millisecond))
		if q.gated && best > historyYearLimit {
			t.Errorf("%s took %v over the year, the target is %v", q.name, best, historyYearLimit)
		}
	}
}

// countFindings reads every finding f selects as `shoulder findings`
// does (streamed, EachFinding) and counts them.
func countFindings(ctx context.Context, s *Store, f FindingFilter) (int, error) {
	n := 0
	err := s.EachFinding(ctx, f, func(FindingRow) error { n++; return nil })
	return n, err
}

// BenchmarkFindingsEveryLifecycle lists every lifecycle of a store shaped
// like the simulated year's end (221k lifecycles, 121k of them gone; see
// bench/RESULTS.md) as `shoulder findings` without filters reads them
// (EachFinding, default order), without recording 365 scans first:
//
//	go test ./internal/store -run '^$' -bench FindingsEveryLifecycle -benchtime 5x
func BenchmarkFindingsEveryLifecycle(b *testing.B) {
	const present, gone = 100_000, 121_256
	s := open(b, filepath.Join(b.TempDir(), "list.db"))
	ctx := context.Background()
	sc := synthScan(present+gone, 1, "111122223333")
	sc.RecordedAt = time.Date(2026, 1, 1, 6, 0, 0, 0, time.UTC)
	if _, err := s.Record(ctx, sc); err != nil {
		b.Fatal(err)
	}
	// The next scan drops every result past the first 100k: gone.
	sc.Results = sc.Results[:present]
	sc.RecordedAt = sc.RecordedAt.AddDate(1, 0, 0)
	if _, err := s.Record(ctx, sc); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	defer cpuMetric(b)()
	for i := 0; i < b.N; i++ {
		n, err := countFindings(ctx, s, FindingFilter{})
		if err != nil {
			b.Fatal(err)
		}
		if n != present+gone {
			b.Fatalf("%d findings listed, want %d", n, present+gone)
		}
	}
}
