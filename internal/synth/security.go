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
