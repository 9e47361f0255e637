package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// s3MultiRegionAccessPointChecks are the customer's duties on S3
// Multi-Region Access Points.
func s3MultiRegionAccessPointChecks() []check.Check {
	return []check.Check{s3MultiRegionAccessPointBlockPublicAccess()}
}

func s3MultiRegionAccessPointBlockPublicAccess() check.Check {
	return check.Check{
		ID: "s3_multi_region_access_point_block_public_access",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			// One account-level listing: when it failed, the (empty) list
			// says nothing.
			if g, ok := listingGap(a, "", state.InputS3MultiRegionAccessPoints); ok {
				return []check.Result{check.GapR(accountRef(a), g)}
			}
			var out []check.Result
			for _, m := range a.S3.MultiRegionAccessPoints {
				// The listing always carries the settings; none recorded
				// means nobody read them.
				out = append(out, ownBPAResult(m, "Multi-Region Access Point "+m.Name, m.PublicAccessBlock))
			}
			return out
		},
	}
}
