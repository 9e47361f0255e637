package engine_test

import (
	"fmt"
	"testing"

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
			for i := 0; i < b.N; i++ {
				results = len(engine.Run(all, a, policy.Default()).Results)
			}
			b.ReportMetric(float64(results), "results/op")
		})
	}
}
