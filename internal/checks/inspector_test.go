package checks

import (
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/demo"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// dsInspector sets eu-west-1's Inspector status (every scan type enabled,
// edited by mut); us-east-1's has every scan type enabled.
func dsInspector(mut func(s *state.InspectorStatus)) func(*state.Account) {
	return func(a *state.Account) {
		on := state.InspectorStatus{Region: "eu-west-1", Status: "ENABLED", EC2: "ENABLED", ECR: "ENABLED", Lambda: "ENABLED", LambdaCode: "ENABLED"}
		us := on
		us.Region = "us-east-1"
		if mut != nil {
			mut(&on)
		}
		a.Inspector.Accounts = append(a.Inspector.Accounts, on, us)
	}
}

func inspectorCases() map[string][]checkCase {
	out := map[string][]checkCase{}
	for id, set := range map[string]func(*state.InspectorStatus, string){
		"inspector_ec2_scanning_enabled":         func(s *state.InspectorStatus, v string) { s.EC2 = v },
		"inspector_ecr_scanning_enabled":         func(s *state.InspectorStatus, v string) { s.ECR = v },
		"inspector_lambda_code_scanning_enabled": func(s *state.InspectorStatus, v string) { s.LambdaCode = v },
		"inspector_lambda_scanning_enabled":      func(s *state.InspectorStatus, v string) { s.Lambda = v },
	} {
		with := func(v string) func(*state.Account) { return dsInspector(func(s *state.InspectorStatus) { set(s, v) }) }
		out[id] = []checkCase{
			{name: "enabled", acct: baseAccount(dsInspector(nil)), want: dsWant(dsP, dsP)},
			{name: "disabled", acct: baseAccount(with("DISABLED")), want: dsWant(dsF, dsP), msg: "DISABLED in eu-west-1"},
			{name: "enabling", acct: baseAccount(with("ENABLING")), want: dsWant(dsF, dsP)},
			{name: "inspector suspended", acct: baseAccount(dsInspector(func(s *state.InspectorStatus) { s.Status = "SUSPENDED" })), want: dsWant(dsF, dsP), msg: "SUSPENDED"},
			{name: "no status reported", acct: baseAccount(with("")), want: dsWant(dsU, dsP)},
			{name: "not collected", acct: baseAccount(), want: dsWant(dsU, dsU)},
			{name: "read denied", acct: baseAccount(dsInspector(nil), dsGap("inspector2", "eu-west-1", "BatchGetAccountStatus", "")), want: dsWant(dsU, dsP)},
			{name: "region not scanned", acct: baseAccount(dsInspector(nil), func(a *state.Account) {
				a.Regions = append(a.Regions, state.Region{Name: "eu-north-1", Enabled: true, OptInStatus: "opt-in-not-required"})
			}), want: dsWant(dsU, dsP, dsP)},
		}
	}
	return out
}

// TestDemoInspectorVerdicts pins what the demo's Inspector status shows:
// each Inspector check passes somewhere and fails somewhere.
func TestDemoInspectorVerdicts(t *testing.T) {
	a, err := demo.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range inspectorChecks() {
		got := map[check.Status]int{}
		for _, r := range c.Run(a, policy.Default()) {
			got[r.Status]++
		}
		if got[check.Pass] == 0 || got[check.Fail] == 0 {
			t.Errorf("%s on the demo: %v, want passes and failures", c.ID, got)
		}
	}
}
