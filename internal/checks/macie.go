package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// macieChecks are the customer's duties on Amazon Macie: AWS runs the
// classifiers, but whether Macie looks for sensitive data in the
// account's buckets, region by region, is the customer's setting.
func macieChecks() []check.Check {
	return []check.Check{macieEnabled(), macieAutomatedDiscoveryEnabled()}
}

// macieEachRegion judges every region's Macie session with judge; a
// region whose session was not read, or that is enabled but was not
// scanned, is unknown.
func macieEachRegion(a *state.Account, judge func(ref state.Meta, r string, s state.MacieSession) check.Result) []check.Result {
	var out []check.Result
	for _, r := range everyRegion(a, "macie2", &out) {
		ref := regionRef(a, "macie2", r)
		if g, ok := a.Gaps.ForInput(state.InputMacieSessions, r, ""); ok {
			out = append(out, check.GapR(ref, g))
			continue
		}
		s, ok := a.Macie.SessionIn(r)
		if !ok {
			out = append(out, check.UnknownR(ref, "the Amazon Macie session was not collected in %s", r))
			continue
		}
		out = append(out, judge(ref, r, s))
	}
	return out
}

func macieEnabled() check.Check {
	return check.Check{
		ID: "macie_enabled",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return macieEachRegion(a, func(ref state.Meta, r string, s state.MacieSession) check.Result {
				switch s.Status {
				case state.MacieEnabled:
					return check.PassR(ref, "Amazon Macie is enabled in %s", r)
				case state.MaciePaused:
					return check.FailR(ref, "Amazon Macie is paused in %s: its jobs and discovery do not run", r)
				case state.MacieNotEnabled:
					return check.FailR(ref, "Amazon Macie is not enabled in %s", r)
				}
				return check.UnknownR(ref, "Amazon Macie reported status %q in %s", s.Status, r)
			})
		},
	}
}

func macieAutomatedDiscoveryEnabled() check.Check {
	return check.Check{
		ID: "macie_automated_discovery_enabled",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return macieEachRegion(a, func(ref state.Meta, r string, s state.MacieSession) check.Result {
				if s.Status == state.MacieNotEnabled {
					return check.FailR(ref, "Amazon Macie is not enabled in %s, so no automated sensitive data discovery runs", r)
				}
				if g, ok := a.Gaps.ForInput(state.InputMacieAutomatedDiscovery, r, ""); ok {
					return check.GapR(ref, g)
				}
				switch {
				case s.AutomatedDiscovery == "":
					return check.UnknownR(ref, "Amazon Macie's automated sensitive data discovery was not read in %s", r)
				case s.AutomatedDiscovery != "ENABLED":
					return check.FailR(ref, "Amazon Macie's automated sensitive data discovery is %s in %s", s.AutomatedDiscovery, r)
				case s.Status == state.MaciePaused:
					return check.FailR(ref, "Amazon Macie is paused in %s: automated sensitive data discovery does not run", r)
				}
				return check.PassR(ref, "Amazon Macie's automated sensitive data discovery is enabled in %s", r)
			})
		},
	}
}
