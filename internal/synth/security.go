package synth

import "github.com/shoulder-dev/shoulder/internal/state"

// inspector generates region r's Amazon Inspector status (svc-sec): about
// a third of regions have Inspector activated; where it is, EC2 and ECR
// scanning are usually on, Lambda standard scanning often and Lambda code
// scanning (which needs it) less often.
func (g *gen) inspector(r string) {
	st := func(on bool) string {
		if on {
			return "ENABLED"
		}
		return "DISABLED"
	}
	x := state.InspectorStatus{Region: r, Status: "DISABLED", EC2: "DISABLED", ECR: "DISABLED", Lambda: "DISABLED", LambdaCode: "DISABLED"}
	if g.chance(35) {
		x.Status, x.EC2, x.ECR, x.Lambda = "ENABLED", st(g.chance(90)), st(g.chance(80)), st(g.chance(60))
		x.LambdaCode = st(x.Lambda == "ENABLED" && g.chance(50))
	}
	g.a.Inspector.Accounts = append(g.a.Inspector.Accounts, x)
}

// macie generates region r's Amazon Macie session (svc-sec): enabled in
// about a quarter of regions (a few of those paused), automated discovery
// on in about half of the enabled ones.
func (g *gen) macie(r string) {
	x := state.MacieSession{Region: r, Status: state.MacieNotEnabled}
	if g.chance(25) {
		x.Status, x.AutomatedDiscovery = state.MacieEnabled, "DISABLED"
		if g.chance(10) {
			x.Status = state.MaciePaused
		}
		if g.chance(50) {
			x.AutomatedDiscovery = "ENABLED"
		}
	}
	g.a.Macie.Sessions = append(g.a.Macie.Sessions, x)
}
