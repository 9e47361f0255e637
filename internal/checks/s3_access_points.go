package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// s3AccessPointChecks are the customer's duties on S3 access points.
func s3AccessPointChecks() []check.Check {
	return []check.Check{s3AccessPointBlockPublicAccess()}
}

// s3controlService is the gap service of the S3 Control calls.
const s3controlService = "s3control"

// apName names an access point and its bucket in messages.
func apName(ap state.S3AccessPoint) string {
	return "access point " + ap.Name + " (bucket " + ap.Bucket + ")"
}

func s3AccessPointBlockPublicAccess() check.Check {
	return check.Check{
		ID: "s3_access_point_block_public_access",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, s3controlService, []state.Input{state.InputS3AccessPoints}, a.S3.AccessPoints, func(ap state.S3AccessPoint) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputS3AccessPointPublicAccessBlock, ap.Region, ap.ARN); ok {
					return check.GapR(ap, g)
				}
				// GetAccessPoint always answers the settings; none recorded
				// and no gap means nobody read them.
				return ownBPAResult(ap, apName(ap), ap.PublicAccessBlock)
			})
		},
	}
}

// ownBPAResult judges the Block Public Access an access point (single- or
// Multi-Region) carries itself: all four settings on passes, any off fails
// naming them (pabOff, s3.go), none recorded is unknown.
func ownBPAResult(r state.Resource, name string, pab *state.PublicAccessBlock) check.Result {
	switch {
	case pab == nil:
		return check.UnknownR(r, "%s: its Block Public Access settings were not read", name)
	case !pab.All():
		return check.FailR(r, "%s has Block Public Access partial: %s", name, pabOff(pab))
	default:
		return check.PassR(r, "%s blocks public access (all four settings on)", name)
	}
}
