package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// regionRef is the pseudo-resource for a service's settings in a region.
func regionRef(a *state.Account, service, region string) state.Meta {
	return check.Ref(a.RegionARN(service, region), region)
}

// accountRef is the pseudo-resource for account-wide settings.
func accountRef(a *state.Account) state.Meta {
	return check.Ref(a.AccountARN(), "")
}

// listing names the inputs of one service that make up a part of the state
// (service names the pseudo-resource of a region whose listing failed).
type listing struct {
	service string
	inputs  []state.Input
}

// listingGap reports a gap that hides a whole listing in a region (or a
// global listing when region is ""). Checks that iterate resources must ask
// this first: an empty list read from a failed call is not "no resources".
func listingGap(a *state.Account, region string, inputs ...state.Input) (state.Gap, bool) {
	return a.Gaps.ForInputs(region, "", inputs...)
}

// regionalListingUnknown appends one unknown result per scanned region
// whose listing failed, and returns the set of those regions so the caller
// can skip their (absent) resources.
func regionalListingUnknown(a *state.Account, service string, out *[]check.Result, inputs ...state.Input) map[string]bool {
	bad := map[string]bool{}
	for _, r := range a.ScannedRegions() {
		if g, ok := listingGap(a, r, inputs...); ok {
			bad[r] = true
			*out = append(*out, check.GapR(regionRef(a, service, r), g))
		}
	}
	return bad
}

// eachRegional evaluates the resources of a regional listing: one unknown
// result for every scanned region whose listing failed (an empty list read
// from a failed call is not "no resources"), then judge for each resource
// of the other regions.
func eachRegional[T state.Resource](a *state.Account, service string, list []state.Input, items []T, judge func(T) check.Result) []check.Result {
	// One result per item, sized once: growing the slice by appending
	// copied every result several times over on large accounts.
	out := check.Results(a, len(items))
	bad := regionalListingUnknown(a, service, &out, list...)
	for _, it := range items {
		if bad[it.Ref().Region] {
			continue
		}
		out = append(out, judge(it))
	}
	return out
}
