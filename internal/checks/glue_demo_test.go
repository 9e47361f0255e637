package checks

import (
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/policy"
)

// TestDemoGlueVerdicts: the demo's Glue jobs, ML transforms and catalogs
// pass and fail every Glue check.
func TestDemoGlueVerdicts(t *testing.T) {
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range glueChecks() {
		got := map[check.Status]int{}
		for _, r := range c.Run(a, policy.Default()) {
			got[r.Status]++
		}
		if got[check.Pass] == 0 || got[check.Fail] == 0 {
			t.Errorf("%s on the demo: %v, want passes and failures", c.ID, got)
		}
	}
}
