package synth

import "github.com/shoulder-dev/shoulder/internal/state"

// eks generates region r's EKS clusters, every field the collectors read
// drawn at random.
func (g *gen) eks(r string) {
	for k := count(g.n, "ekscluster") / len(g.regions); k >= 0; k-- {
		if k == 0 && !g.coin() {
			break // about half the regions of a small account run none
		}
		name := g.id("eks-")
		c := state.EKSCluster{Meta: state.Meta{ARN: g.arn("eks", r, "cluster/"+name), Region: r, Tags: g.tags()}, Name: name,
			Version: g.pick("1.27", "1.29", "1.31", "1.32", "1.33", "1.34"), EndpointPublicAccess: g.coin(), EndpointPrivateAccess: g.coin()}
		if c.EndpointPublicAccess && g.coin() {
			c.PublicAccessCIDRs = []string{g.pick("0.0.0.0/0", "203.0.113.0/24")}
		}
		if g.coin() {
			c.SecretsKMSKeyARN = g.arn("kms", r, "key/"+g.id(""))
		}
		if g.chance(60) {
			c.LogTypes = []string{"api", "audit", "authenticator"}
		}
		g.a.EKS.Clusters = append(g.a.EKS.Clusters, c)
	}
}
