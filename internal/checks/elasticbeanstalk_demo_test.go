package checks

import (
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/policy"
)

// TestDemoElasticBeanstalkVerdicts: the demo's environments pass and fail
// every Elastic Beanstalk check.
func TestDemoElasticBeanstalkVerdicts(t *testing.T) {
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range elasticBeanstalkChecks() {
		got := map[check.Status]int{}
		for _, r := range c.Run(a, policy.Default()) {
			got[r.Status]++
		}
		if got[check.Pass] == 0 || got[check.Fail] == 0 || got[check.Unknown] != 0 {
			t.Errorf("%s on the demo: %v, want passes and failures and no unknowns", c.ID, got)
		}
	}
}
