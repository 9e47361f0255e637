package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// writeBucketSnapshot writes a valid snapshot of an account with n buckets
// and nothing else (name, ARN and region each, spread over four regions):
// 1M buckets make an 87 MB file, the shape of a large S3 estate.
func writeBucketSnapshot(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<16)
	regs := []string{"eu-west-1", "eu-central-1", "us-east-1", "us-west-2"}
	fmt.Fprint(w, `{"schema_version":1,"account":{"account_id":"123456789012","partition":"aws","collected_at":"2026-11-01T00:00:00Z","regions":[`)
	for i, r := range regs {
		if i > 0 {
			w.WriteString(",")
		}
		fmt.Fprintf(w, `{"name":%q,"enabled":true,"scanned":true}`, r)
	}
	fmt.Fprint(w, `],"s3":{"buckets":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			w.WriteString(",\n")
		}
		fmt.Fprintf(w, `{"arn":"arn:aws:s3:::bucket-%08x","region":%q,"name":"bucket-%08x"}`, i, regs[i%len(regs)], i)
	}
	fmt.Fprint(w, "]},\"gaps\":[]}}\n")
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// cpuSeconds is the process's user and system CPU time so far: on a shared
// machine the CPU time per operation is steadier than the wall time.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// BenchmarkLargeSnapshot reads snapshots of 100k and 1M buckets: "load"
// decodes one (state.LoadSnapshot), "scan" runs `shoulder scan --snapshot
// FILE --format json` in-process (no memory limit: the benchmark process
// does not set one). Each reports the peak live heap and peak heap (MiB).
// The 1M scan writes 7 GB of JSON; run only the load with
// -bench 'LargeSnapshot/buckets=1000000/load'. Recorded results:
// bench/RESULTS.md.
func BenchmarkLargeSnapshot(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("buckets=%d", n), func(b *testing.B) { benchmarkSnapshot(b, n) })
	}
}

func benchmarkSnapshot(b *testing.B, n int) {
	snap := filepath.Join(b.TempDir(), "big.json")
	if err := writeBucketSnapshot(snap, n); err != nil {
		b.Fatal(err)
	}
	b.Run("load", func(b *testing.B) {
		var live, total, cpu float64
		for i := 0; i < b.N; i++ {
			runtime.GC()
			c0 := cpuSeconds()
			m := startPeakMeter()
			a, err := state.LoadSnapshot(snap)
			l, t := m.done()
			cpu += cpuSeconds() - c0
			if err != nil {
				b.Fatal(err)
			}
			if len(a.S3.Buckets) != n {
				b.Fatalf("%d buckets, want %d", len(a.S3.Buckets), n)
			}
			live, total = max(live, l), max(total, t)
		}
		b.ReportMetric(live, "peak-live-MiB")
		b.ReportMetric(total, "peak-heap-MiB")
		b.ReportMetric(cpu/float64(b.N), "cpu-s/op")
	})
	b.Run("scan", func(b *testing.B) {
		out := filepath.Join(b.TempDir(), "out.json")
		var live, total, cpu float64
		for i := 0; i < b.N; i++ {
			runtime.GC()
			c0 := cpuSeconds()
			m := startPeakMeter()
			app := &App{Stdout: io.Discard, Stderr: io.Discard, Stdin: strings.NewReader(""),
				IsTTY: func(io.Writer) bool { return false }, Getenv: os.Getenv}
			code := app.Run(context.Background(), []string{"scan", "--snapshot", snap, "--format", "json", "-o", out, "--fail-on", "none", "--no-store"})
			l, t := m.done()
			cpu += cpuSeconds() - c0
			if code != ExitOK {
				b.Fatalf("scan exit %d", code)
			}
			live, total = max(live, l), max(total, t)
		}
		b.ReportMetric(live, "peak-live-MiB")
		b.ReportMetric(total, "peak-heap-MiB")
		b.ReportMetric(cpu/float64(b.N), "cpu-s/op")
	})
}
