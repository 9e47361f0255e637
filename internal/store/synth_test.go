package store

import (
	"fmt"
	"math/rand/v2"
)

var synthRegions = []string{"", "eu-west-1", "eu-central-1", "us-east-1", "us-west-2", "ap-southeast-2"}
var synthStatuses = []string{"pass", "pass", "pass", "fail", "unknown", "not_applicable"}

// synthScan is a scan of n results in account acct, as large organisations
// produce them: ~200 checks, a handful of regions, ARN-like resources.
func synthScan(n int, seed uint64, acct string) *Scan {
	rng := rand.New(rand.NewPCG(seed, 1))
	sc := &Scan{Accounts: []string{acct}, Regions: synthRegions[1:], Results: make([]Result, 0, n)}
	checks := map[string]bool{}
	for i := 0; i < n; i++ {
		c := fmt.Sprintf("service%02d_check_%03d", i%23, i%211)
		checks[c] = true
		sc.Results = append(sc.Results, synthResult(rng, acct, c, i))
	}
	sc.Checks = sortedKeys(checks)
	return sc
}

func synthResult(rng *rand.Rand, acct, check string, i int) Result {
	region := synthRegions[i%len(synthRegions)]
	return Result{
		Key: Key{Check: check, Account: acct, Region: region,
			Resource: fmt.Sprintf("arn:aws:service%02d:%s:%s:resource/shoulder-synthetic-%08d", i%23, region, acct, i)},
		State:   State{Present: true, Status: synthStatuses[rng.IntN(len(synthStatuses))], Severity: []string{"low", "medium", "high", "critical"}[rng.IntN(4)]},
		Message: fmt.Sprintf("synthetic evidence for resource %d: setting is %d", i, rng.IntN(1000)),
	}
}

// churn changes frac of the scan's results in place (a status or severity
// change, a resource replaced by a new one), as a day in a large account.
func churn(sc *Scan, rng *rand.Rand, frac float64, day int) {
	k := int(float64(len(sc.Results)) * frac)
	for j := 0; j < k; j++ {
		i := rng.IntN(len(sc.Results))
		r := &sc.Results[i]
		switch rng.IntN(3) {
		case 0:
			if r.Status == "fail" {
				r.Status = "pass"
			} else {
				r.Status = "fail"
			}
		case 1:
			r.Severity = []string{"low", "medium", "high", "critical"}[rng.IntN(4)]
		default: // the resource is replaced: one gone, one new
			r.Resource = fmt.Sprintf("%s-d%d-%d", r.Resource, day, j)
		}
		r.Message = fmt.Sprintf("changed on day %d", day)
	}
}
