package synth

import "github.com/shoulder-dev/shoulder/internal/state"

// route53 generates the account's hosted zones (svc-search, global): a
// third private; of the public ones about half log their queries and a
// fifth are signed with DNSSEC.
func (g *gen) route53() {
	for k := count(g.n, "hostedzone"); k > 0; k-- {
		id := g.id("Z")
		z := state.HostedZone{Meta: state.Meta{ARN: "arn:aws:route53:::hostedzone/" + id}, ID: id, Name: g.id("zone-") + ".example.",
			Private: g.rng.IntN(3) == 0, RecordCount: 2 + g.rng.IntN(200)}
		if !z.Private {
			if g.coin() {
				z.QueryLogGroupARN = g.arn("logs", "us-east-1", "log-group:/aws/route53/"+z.Name+":*")
			}
			z.DNSSECRead, z.DNSSECStatus = true, "NOT_SIGNING"
			if g.rng.IntN(5) == 0 {
				z.DNSSECStatus = "SIGNING"
			}
		}
		g.a.Route53.HostedZones = append(g.a.Route53.HostedZones, z)
	}
}
