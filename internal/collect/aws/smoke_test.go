package aws

import (
	"os"
	"testing"
)

func TestScenarioSmoke(t *testing.T) {
	_, res := collected(t)
	for _, g := range res.Account.Gaps.Sorted() {
		if g.Reason != "region_disabled" {
			t.Log(g.String())
		}
	}
	res.Stats.WriteTable(os.Stderr)
	t.Logf("%d calls in %s", res.Stats.Totals().Calls, res.Duration)
}
