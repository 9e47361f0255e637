package serve_test

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/serve"
	"github.com/shoulder-dev/shoulder/internal/store"
)

// loadStore records days daily scans of accounts accounts with perAcct
// results each (real check IDs, so areas resolve), 2% of each account's
// results changing a day. Each scan carries its counts, as a scan
// recorded from a report does (store.FromReport), so the overview's trend
// reads what it reads over a real store.
func loadStore(b *testing.B, dsn string, accounts, perAcct, days int) *store.Store {
	b.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	var ids []string
	area := map[string]string{}
	for _, c := range checks.All() {
		ids = append(ids, c.ID)
		area[c.ID] = string(c.Area)
	}
	statuses := []string{"pass", "pass", "pass", "fail", "fail", "unknown", "not_applicable"}
	sevs := []string{"low", "medium", "high", "critical"}
	rng := rand.New(rand.NewPCG(1, 2))
	scans := make([]*store.Scan, accounts)
	for a := range scans {
		acct := fmt.Sprintf("%012d", 200000000000+a)
		sc := &store.Scan{Accounts: []string{acct}, Regions: []string{"eu-west-1", "us-east-1"}, Checks: ids}
		for i := 0; i < perAcct; i++ {
			sc.Results = append(sc.Results, store.Result{
				Key: store.Key{Check: ids[i%len(ids)], Account: acct, Region: []string{"", "eu-west-1", "us-east-1"}[i%3],
					Resource: fmt.Sprintf("arn:aws:svc:eu-west-1:%s:resource/r-%06d", acct, i)},
				State:   store.State{Present: true, Status: statuses[rng.IntN(len(statuses))], Severity: sevs[rng.IntN(4)]},
				Message: fmt.Sprintf("evidence %d", i),
			})
		}
		scans[a] = sc
	}
	start, built := time.Now().AddDate(0, 0, -days), time.Now()
	for d := 0; d < days; d++ {
		for _, sc := range scans {
			for j := 0; j < perAcct/50; j++ {
				r := &sc.Results[rng.IntN(len(sc.Results))]
				r.Status = statuses[rng.IntN(len(statuses))]
			}
			sc.RecordedAt = start.AddDate(0, 0, d)
			sc.Counts = loadCounts(sc, area)
			if _, err := st.Record(ctx, sc); err != nil {
				b.Fatal(err)
			}
		}
		if (d+1)%30 == 0 {
			b.Logf("built %d of %d days in %s", d+1, days, time.Since(built).Round(time.Second))
		}
	}
	b.Logf("built %d scans (%d days x %d accounts x %d results) in %s", days*accounts, days, accounts, perAcct,
		time.Since(built).Round(time.Millisecond))
	return st
}

// loadCounts counts a scan's results as store.FromReport does.
func loadCounts(sc *store.Scan, area map[string]string) store.Counts {
	c := store.Counts{ByStatus: map[string]int{}, FailBySeverity: map[string]int{}, FailByArea: map[string]int{},
		FailByAccount: map[string]int{}}
	for _, r := range sc.Results {
		c.ByStatus[r.Status]++
		if r.Status == "fail" {
			c.FailBySeverity[r.Severity]++
			c.FailByArea[area[r.Check]]++
			c.FailByAccount[r.Account]++
		}
	}
	return c
}

// BenchmarkServeLoad is the dashboard's load test (bench/RESULTS.md): 50
// clients on loopback, each sending a bounded number of requests over the
// page mix, latencies reported per page (p50, p95, max in ms).
//
//	go test ./internal/serve -run '^$' -bench ServeLoad -benchtime 1x
//
// The store holds 200 accounts x 500 results over SHOULDER_LOAD_DAYS daily
// scans (default 5, built in seconds). Issue #15's case is a year, built
// once into a file and reused (an hour or more to build; bench/RESULTS.md):
//
//	SHOULDER_LOAD_DAYS=365 SHOULDER_LOAD_STORE=/tmp/load-year.db \
//	  go test ./internal/serve -run '^$' -bench ServeLoad -benchtime 1x -timeout 0
func BenchmarkServeLoad(b *testing.B) {
	const each = 20 // requests per client
	clients := 50
	if v, err := strconv.Atoi(os.Getenv("SHOULDER_LOAD_CLIENTS")); err == nil && v > 0 {
		clients = v
	}
	st := benchStore(b)
	s, err := serve.New(st, "bench", func(f string, a ...any) { b.Errorf(f, a...) })
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Warm(context.Background()); err != nil { // as shoulder serve starts
		b.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	pages := []struct{ name, path string }{
		{"overview", "/"},
		{"account", "/accounts/200000000117"},
		{"findings-open", "/findings?status=open"},
		{"findings-filtered", "/findings?status=fail&severity=critical&severity=high&area=network"},
		{"findings-page40", "/findings?page=40&per=100"},
		{"findings-account", "/findings?account=200000000042&status=unknown"},
		{"findings-by-severity", "/findings?status=open&sort=severity&page=3"},
		{"findings-control", "/findings?control=fsbp:S3.1&control=cis-v7.0:2.1.1&sort=first_seen"},
	}
	if os.Getenv("SHOULDER_LOAD_SIX") == "1" {
		// The six pages of the first recorded runs, to compare with them.
		pages = pages[:6]
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}, Timeout: time.Minute}
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		lat := map[string][]time.Duration{}
		var mu sync.Mutex
		var wg sync.WaitGroup
		begin, cpu0, pool0 := time.Now(), cpuSeconds(), st.PoolStats()
		for c := 0; c < clients; c++ {
			wg.Add(1)
			go func(c int) {
				defer wg.Done()
				for i := 0; i < each; i++ {
					p := pages[(c+i)%len(pages)]
					t0 := time.Now()
					res, err := client.Get(ts.URL + p.path)
					if err != nil {
						b.Error(err)
						return
					}
					_, _ = io.Copy(io.Discard, res.Body)
					res.Body.Close()
					d := time.Since(t0)
					if res.StatusCode != 200 {
						b.Errorf("%s: %d", p.path, res.StatusCode)
					}
					mu.Lock()
					lat[p.name] = append(lat[p.name], d)
					mu.Unlock()
				}
			}(c)
		}
		wg.Wait()
		wall := time.Since(begin)
		// CPU per request (server and clients, one process): on a shared
		// machine the wall figures are mostly waiting for a core, this is
		// what a request costs.
		cpuPerReq := (cpuSeconds() - cpu0) * 1000 / float64(clients*each)
		// Waits for a pooled store connection per request: how many, and
		// how long in all (ms).
		pool := st.PoolStats()
		waits := float64(pool.WaitCount-pool0.WaitCount) / float64(clients*each)
		waitMS := float64((pool.WaitDuration - pool0.WaitDuration).Microseconds()) / 1000 / float64(clients*each)
		b.ReportMetric(waits, "pool-waits/req")
		b.ReportMetric(waitMS, "pool-wait-ms/req")
		b.ReportMetric(float64(clients*each)/wall.Seconds(), "req/s")
		b.ReportMetric(cpuPerReq, "cpu-ms/req")
		var all []time.Duration
		for _, p := range pages {
			l := lat[p.name]
			all = append(all, l...)
			sort.Slice(l, func(i, j int) bool { return l[i] < l[j] })
			if len(l) == 0 {
				continue
			}
			b.ReportMetric(ms(pct(l, 95)), p.name+"-p95-ms")
			b.Logf("%-18s n=%3d p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms", p.name, len(l), ms(pct(l, 50)), ms(pct(l, 95)), ms(l[len(l)-1]))
		}
		sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
		b.ReportMetric(ms(pct(all, 95)), "all-p95-ms")
		b.Logf("all                n=%d p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms; %d clients, wall %s, CPU %.1f ms a request, %.2f pool waits a request (%.1f ms)", len(all),
			ms(pct(all, 50)), ms(pct(all, 95)), ms(all[len(all)-1]), clients, wall.Round(time.Millisecond), cpuPerReq, waits, waitMS)
	}
}

// The load test's store: loadAccounts accounts of loadResults results each.
const (
	loadAccounts = 200
	loadResults  = 500
)

// benchStore is the load test's store over loadDays days. SHOULDER_LOAD_STORE
// keeps it in that file and reuses the file when it exists (whatever its
// days), to compare changes on the same data; otherwise it is built in a
// temporary directory.
func benchStore(b *testing.B) *store.Store {
	b.Helper()
	days := loadDays(b)
	path := os.Getenv("SHOULDER_LOAD_STORE")
	if path == "" {
		return loadStore(b, filepath.Join(b.TempDir(), "load.db"), loadAccounts, loadResults, days)
	}
	if _, err := os.Stat(path); err != nil {
		return loadStore(b, path, loadAccounts, loadResults, days)
	}
	st, err := store.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

// defaultLoadDays is the load test's daily scans unless SHOULDER_LOAD_DAYS
// says otherwise: few enough to build in seconds.
const defaultLoadDays = 5

// loadDays is SHOULDER_LOAD_DAYS (365: issue #15's year), else
// defaultLoadDays; anything but a positive number fails the benchmark.
func loadDays(b *testing.B) int {
	v := os.Getenv("SHOULDER_LOAD_DAYS")
	if v == "" {
		return defaultLoadDays
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		b.Fatalf("SHOULDER_LOAD_DAYS=%q: want a positive number of days", v)
	}
	return n
}

func pct(sorted []time.Duration, p int) time.Duration {
	i := (len(sorted)*p + 99) / 100
	if i < 1 {
		i = 1
	}
	return sorted[i-1]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
