package checks

import (
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// dsMacie sets eu-west-1's Macie session (enabled, automated discovery
// on, edited by mut); us-east-1's is the same, unedited.
func dsMacie(mut func(s *state.MacieSession)) func(*state.Account) {
	return func(a *state.Account) {
		on := state.MacieSession{Region: "eu-west-1", Status: state.MacieEnabled, AutomatedDiscovery: "ENABLED"}
		us := on
		us.Region = "us-east-1"
		if mut != nil {
			mut(&on)
		}
		a.Macie.Sessions = append(a.Macie.Sessions, on, us)
	}
}

func macieCases() map[string][]checkCase {
	m := func(name string, mut func(*state.MacieSession), want ...check.Status) checkCase {
		return checkCase{name: name, acct: baseAccount(dsMacie(mut)), want: want}
	}
	common := []checkCase{
		m("not enabled", func(s *state.MacieSession) { s.Status, s.AutomatedDiscovery = state.MacieNotEnabled, "" }, dsF, dsP),
		m("paused", func(s *state.MacieSession) { s.Status = state.MaciePaused }, dsF, dsP),
		{name: "not collected", acct: baseAccount(), want: dsWant(dsU, dsU)},
		{name: "session read denied", acct: baseAccount(dsMacie(nil), dsGap("macie2", "eu-west-1", "GetMacieSession", "")), want: dsWant(dsU, dsP)},
		{name: "region not scanned", acct: baseAccount(dsMacie(nil), func(a *state.Account) {
			a.Regions = append(a.Regions, state.Region{Name: "eu-north-1", Enabled: true, OptInStatus: "opt-in-not-required"})
		}), want: dsWant(dsU, dsP, dsP)},
	}
	return map[string][]checkCase{
		"macie_enabled": append([]checkCase{
			m("enabled", nil, dsP, dsP),
			m("enabled, discovery off", func(s *state.MacieSession) { s.AutomatedDiscovery = "DISABLED" }, dsP, dsP),
			m("unknown status", func(s *state.MacieSession) { s.Status = "SUSPENDED" }, dsU, dsP),
		}, common...),
		"macie_automated_discovery_enabled": append([]checkCase{
			m("on", nil, dsP, dsP),
			m("off", func(s *state.MacieSession) { s.AutomatedDiscovery = "DISABLED" }, dsF, dsP),
			m("not read", func(s *state.MacieSession) { s.AutomatedDiscovery = "" }, dsU, dsP),
			{name: "discovery read denied", acct: baseAccount(dsMacie(func(s *state.MacieSession) { s.AutomatedDiscovery = "" }),
				dsGap("macie2", "eu-west-1", "GetAutomatedDiscoveryConfiguration", "")), want: dsWant(dsU, dsP)},
		}, common...),
	}
}

// TestDemoMacieVerdicts pins what the demo's Macie sessions show: each
// Macie check passes somewhere and fails somewhere.
func TestDemoMacieVerdicts(t *testing.T) {
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range macieChecks() {
		got := map[check.Status]int{}
		for _, r := range c.Run(a, policy.Default()) {
			got[r.Status]++
		}
		if got[check.Pass] == 0 || got[check.Fail] == 0 {
			t.Errorf("%s on the demo: %v, want passes and failures", c.ID, got)
		}
	}
}
