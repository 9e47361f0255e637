package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/awsfake"
	"github.com/shoulder-dev/shoulder/internal/state"
	"github.com/shoulder-dev/shoulder/internal/synth"
)

// peakMeter samples the Go runtime's heap while a scan runs: the largest
// live heap (what the last garbage collection found reachable, the part the
// code controls) and the largest heap including not yet collected garbage
// (what the resident set follows).
type peakMeter struct {
	stop    chan struct{}
	wg      sync.WaitGroup
	live    uint64
	total   uint64
	samples []metrics.Sample
}

func startPeakMeter() *peakMeter {
	m := &peakMeter{stop: make(chan struct{}), samples: []metrics.Sample{
		{Name: "/gc/heap/live:bytes"},
		{Name: "/memory/classes/heap/objects:bytes"},
	}}
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			m.sample()
			select {
			case <-m.stop:
				return
			case <-t.C:
			}
		}
	}()
	return m
}

func (m *peakMeter) sample() {
	metrics.Read(m.samples)
	m.live = max(m.live, m.samples[0].Value.Uint64())
	m.total = max(m.total, m.samples[1].Value.Uint64())
}

// done stops sampling and returns the peaks in MiB.
func (m *peakMeter) done() (live, total float64) {
	close(m.stop)
	m.wg.Wait()
	m.sample()
	return float64(m.live) / (1 << 20), float64(m.total) / (1 << 20)
}

// BenchmarkScanMemory runs `shoulder scan --snapshot` in-process over
// generated accounts and reports the peak live heap and peak heap (MiB) of
// the whole pipeline: snapshot decoding, evaluation, report views and the
// renderer. The output is written to a file, as a large scan's would be.
// Recorded results: bench/RESULTS.md.
func BenchmarkScanMemory(b *testing.B) {
	dir := b.TempDir()
	for _, n := range []int{5_000, 50_000} {
		snap := filepath.Join(dir, fmt.Sprintf("%d.json", n))
		a := synth.Account(synth.Options{Seed: 1, Resources: n})
		if err := state.SaveSnapshot(snap, a, "bench"); err != nil {
			b.Fatal(err)
		}
		a = nil
		for _, format := range []string{"table", "json"} {
			b.Run(fmt.Sprintf("resources=%d/format=%s", n, format), func(b *testing.B) {
				out := filepath.Join(dir, "out."+format)
				var live, total float64
				for i := 0; i < b.N; i++ {
					runtime.GC()
					m := startPeakMeter()
					app := &App{Stdout: io.Discard, Stderr: io.Discard, Stdin: strings.NewReader(""),
						IsTTY: func(io.Writer) bool { return false }, Getenv: os.Getenv}
					code := app.Run(context.Background(), []string{"scan", "--snapshot", snap, "--format", format, "-o", out, "--fail-on", "none", "--no-store"})
					l, t := m.done()
					if code != ExitOK {
						b.Fatalf("scan exit %d", code)
					}
					live, total = max(live, l), max(total, t)
				}
				b.ReportMetric(live, "peak-live-MiB")
				b.ReportMetric(total, "peak-heap-MiB")
			})
		}
	}
}

// BenchmarkOrgScanMemory runs `shoulder scan --snapshot DIR` in-process
// over generated organizations of 10, 20 and 40 accounts of about 2,000
// resources each and reports the peak live heap and peak heap (MiB), and
// the results per account: each account's state is loaded, evaluated and
// released before the next, so the peak grows with the results kept, not
// with the accounts' states. Recorded results: bench/RESULTS.md.
//
//	go test ./internal/cli -run '^$' -bench OrgScanMemory -benchtime 1x
func BenchmarkOrgScanMemory(b *testing.B) {
	for _, n := range []int{10, 20, 40} {
		o := synth.OrgOptions{Seed: 1, Accounts: n, Resources: 2_000}
		dir := filepath.Join(b.TempDir(), "org")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		for i := 0; i < n; i++ {
			a := synth.OrgAccount(o, i)
			if err := state.SaveSnapshot(filepath.Join(dir, a.AccountID+".json"), a, "bench"); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "out.json")
			var live, total float64
			for i := 0; i < b.N; i++ {
				runtime.GC()
				m := startPeakMeter()
				app := &App{Stdout: io.Discard, Stderr: io.Discard, Stdin: strings.NewReader(""),
					IsTTY: func(io.Writer) bool { return false }, Getenv: os.Getenv}
				code := app.Run(context.Background(), []string{"scan", "--snapshot", dir, "--format", "json", "-o", out, "--fail-on", "none"})
				l, t := m.done()
				if code != ExitOK {
					b.Fatalf("scan exit %d", code)
				}
				live, total = max(live, l), max(total, t)
			}
			b.ReportMetric(live, "peak-live-MiB")
			b.ReportMetric(total, "peak-heap-MiB")
		})
	}
}

// BenchmarkLiveScanMemory runs a live `shoulder scan` in-process against
// the fake endpoint serving a small generated account (about 100
// resources in three regions) and reports the peak live heap and peak heap
// (MiB) of the scan, the fake's own share included: the per-account cost
// of the collectors (SDK clients, workers, buffers) on top of the binary.
// The process's peak RSS is measured by bench/collectbench (-sizes 100).
// Recorded results: bench/RESULTS.md.
func BenchmarkLiveScanMemory(b *testing.B) {
	b.Setenv("AWS_ACCESS_KEY_ID", "AKIDFAKEFAKEFAKE")
	b.Setenv("AWS_SECRET_ACCESS_KEY", "fake-secret")
	b.Setenv("AWS_REGION", "us-east-1")
	regions := []string{"eu-west-1", "eu-central-1", "us-east-1"}
	a := synth.Account(synth.Options{Seed: 1, Resources: 100, Regions: regions})
	srv, err := awsfake.Start(a, awsfake.Options{Latency: 3 * time.Millisecond})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	var live, total float64
	for i := 0; i < b.N; i++ {
		runtime.GC()
		m := startPeakMeter()
		app := &App{Stdout: io.Discard, Stderr: io.Discard, Stdin: strings.NewReader(""),
			IsTTY: func(io.Writer) bool { return false }, Getenv: os.Getenv}
		code := app.Run(context.Background(), []string{"scan", "--endpoint-url", srv.URL, "--regions", strings.Join(regions, ","),
			"--quiet", "--fail-on", "none"})
		l, t := m.done()
		if code != ExitOK {
			b.Fatalf("scan exit %d", code)
		}
		live, total = max(live, l), max(total, t)
	}
	b.ReportMetric(float64(synth.Count(a)), "resources")
	b.ReportMetric(live, "peak-live-MiB")
	b.ReportMetric(total, "peak-heap-MiB")
}
