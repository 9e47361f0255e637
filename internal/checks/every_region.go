package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// everyRegion returns the regions a check of an "in every region" setting
// judges (the scanned ones), after appending to out one unknown result for
// each region enabled for the account but left out of the scan (--regions),
// and one for the account when the region list itself could not be read:
// a setting read in some regions says nothing of the others, and their
// silence must not read as a pass.
func everyRegion(a *state.Account, service string, out *[]check.Result) []string {
	if g, ok := a.Gaps.ForInput(state.InputRegions, "", ""); ok {
		*out = append(*out, check.UnknownR(accountRef(a), "the account's enabled regions are unknown beyond those scanned: %s", g.String()))
	}
	for _, r := range a.Regions {
		if r.Enabled && !r.Scanned {
			*out = append(*out, check.UnknownR(regionRef(a, service, r.Name), "%s is enabled for the account but was not scanned", r.Name))
		}
	}
	return a.ScannedRegions()
}
