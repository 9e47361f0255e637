package checks

import (
	"fmt"
	"strings"
	"testing"

	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/synth"
)

// BenchmarkSecurityGroupChecks runs the security group checks over a
// generated account (recorded in bench/RESULTS.md).
func BenchmarkSecurityGroupChecks(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		a := synth.Account(synth.Options{Seed: 1, Resources: n})
		p := policy.Default()
		var sg []func()
		for _, c := range All() {
			if strings.HasPrefix(c.ID, "ec2_sg_") {
				c := c
				sg = append(sg, func() { c.Run(a, p) })
			}
		}
		b.Run(fmt.Sprintf("groups=%d", len(a.EC2.SecurityGroups)), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				for _, run := range sg {
					run()
				}
			}
		})
	}
}
