package awsfake_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/awsfake"
	"github.com/shoulder-dev/shoulder/internal/collect"
	collectaws "github.com/shoulder-dev/shoulder/internal/collect/aws"
	"github.com/shoulder-dev/shoulder/internal/synth"
)

// BenchmarkCollect collects a small synthetic account from the fake with
// the real collectors, without token buckets and with 1 ms per call: it
// measures the collectors' and SDK's own cost per call (the fake's share is
// small; its responses are cached after the first iteration). The
// end-to-end figures at 5k-200k resources with AWS's latency and quotas
// come from bench/collectbench.
func BenchmarkCollect(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		a := awsfake.Expressible(synth.Account(synth.Options{Seed: 1, Resources: n}))
		r, err := awsfake.Start(a, awsfake.Options{Latency: time.Millisecond})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("resources=%d", synth.Count(a)), func(b *testing.B) {
			b.ReportAllocs()
			calls := 0
			for b.Loop() {
				r.ResetStats()
				res := collectFrom(b, r, a, func(o *collectaws.Options) { o.Rates = unlimited() })
				if res.Account.Gaps.Len() > len(a.WorkSpaces.Directories) {
					b.Fatalf("gaps: %v", res.Account.Gaps.Sorted())
				}
				calls = r.Stats().Total()
			}
			b.ReportMetric(float64(calls), "calls/op")
		})
		r.Close()
	}
}

// unlimited lifts the collectors' client-side token buckets.
func unlimited() map[string]collect.Rate {
	m := map[string]collect.Rate{}
	for _, op := range collect.Operations() {
		m[op.Service] = collect.Rate{RPS: 1e6, Burst: 1e6}
	}
	return m
}
