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
	"testing"

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

// BenchmarkLargeSnapshot reads a snapshot of 1M buckets: "load" decodes it
// (state.LoadSnapshot), "scan" runs `shoulder scan --snapshot FILE --format
// json` in-process. Each reports the peak live heap and peak heap (MiB).
// Recorded results: bench/RESULTS.md.
func BenchmarkLargeSnapshot(b *testing.B) {
	n := 1_000_000
	snap := filepath.Join(b.TempDir(), "big.json")
	if err := writeBucketSnapshot(snap, n); err != nil {
		b.Fatal(err)
	}
	b.Run("load", func(b *testing.B) {
		var live, total float64
		for i := 0; i < b.N; i++ {
			runtime.GC()
			m := startPeakMeter()
			a, err := state.LoadSnapshot(snap)
			l, t := m.done()
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
	})
	b.Run("scan", func(b *testing.B) {
		out := filepath.Join(b.TempDir(), "out.json")
		var live, total float64
		for i := 0; i < b.N; i++ {
			runtime.GC()
			m := startPeakMeter()
			app := &App{Stdout: io.Discard, Stderr: io.Discard, Stdin: strings.NewReader(""),
				IsTTY: func(io.Writer) bool { return false }, Getenv: os.Getenv}
			code := app.Run(context.Background(), []string{"scan", "--snapshot", snap, "--format", "json", "-o", out, "--fail-on", "none"})
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
