package engine_test

import (
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/checks"
	"github.com/shoulder-dev/shoulder/internal/engine"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/synth"
)

// BenchmarkEvaluate runs every check over generated accounts. Recorded
// results: bench/RESULTS.md.
func BenchmarkEvaluate(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		a := synth.Account(synth.Options{Seed: 1, Resources: n})
		all := checks.All()
		b.Run(fmt.Sprintf("resources=%d", synth.Count(a)), func(b *testing.B) {
			b.ReportAllocs()
			var results int
			cpu := cpuTime()
			for i := 0; i < b.N; i++ {
				results = len(engine.Run(all, a, policy.Default()).Results)
			}
			b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(results), "results/op")
		})
	}
}

// discard is a sink that only counts the findings it is given.
type discard struct{ n int }

func (d *discard) Start(*engine.Report) error { return nil }
func (d *discard) Findings(_ *check.Check, fs []engine.Finding) error {
	d.n += len(fs)
	return nil
}
func (d *discard) End(*engine.Report) error { return nil }

// BenchmarkStream is BenchmarkEvaluate through Stream, with a sink that
// drops each check's findings once counted: the evaluation's own cost when
// results are written as they are produced (the report package measures
// the writers). Recorded results: bench/RESULTS.md.
func BenchmarkStream(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		a := synth.Account(synth.Options{Seed: 1, Resources: n})
		all := checks.All()
		b.Run(fmt.Sprintf("resources=%d", synth.Count(a)), func(b *testing.B) {
			b.ReportAllocs()
			var results int
			cpu := cpuTime()
			for i := 0; i < b.N; i++ {
				d := &discard{}
				if _, err := engine.Stream(all, a, policy.Default(), d); err != nil {
					b.Fatal(err)
				}
				results = d.n
			}
			b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(results), "results/op")
		})
	}
}

// cpuTime is the CPU time (user and system, every thread) the process has
// used: on a shared machine the wall time per evaluation follows the other
// load, the CPU time much less.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
