package synth

import "github.com/shoulder-dev/shoulder/internal/state"

// connect generates the account's Amazon Connect instances (svc-connect),
// spread over the regions in turn (a contact center is rare: a few per
// large estate, so a per-region share would round to none): four in five
// publish flow logs (the console's default for a new instance), the rest
// had them switched off.
func (g *gen) connect(regions []string) {
	n := count(g.n, "connectinstance")
	for i := 0; i < n && len(regions) > 0; i++ {
		r := regions[i%len(regions)]
		id := g.uuid()
		g.a.Connect.Instances = append(g.a.Connect.Instances, state.ConnectInstance{Meta: state.Meta{ARN: g.arn("connect", r, "instance/"+id), Region: r},
			ID: id, Alias: g.id("cc-"), Status: "ACTIVE", IdentityManagementType: g.pick("SAML", "CONNECT_MANAGED", "CONNECT_MANAGED"),
			FlowLogsRead: true, FlowLogs: g.chance(80)})
	}
}
