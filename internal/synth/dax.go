package synth

import "github.com/shoulder-dev/shoulder/internal/state"

// dax adds the region's DynamoDB Accelerator clusters (svc-dax): most
// encrypted at rest (the console's default since 2023), a little over half
// with a TLS endpoint, one to three nodes.
func (g *gen) dax(r string) {
	for k := count(g.n, "daxcluster") / len(g.regions); k > 0; k-- {
		name := g.id("dax-")
		c := state.DAXCluster{Meta: state.Meta{ARN: g.arn("dax", r, "cache/"+name), Region: r}, Name: name, Status: "available",
			NodeType: g.pick("dax.t3.small", "dax.r5.large", "dax.r5.xlarge"), Nodes: 1 + g.rng.IntN(3),
			SSEStatus: "ENABLED", EndpointEncryption: "TLS", SubnetGroup: "default"}
		if g.chance(20) {
			c.SSEStatus = "DISABLED"
		}
		if g.chance(45) {
			c.EndpointEncryption = "NONE"
		}
		g.a.DAX.Clusters = append(g.a.DAX.Clusters, c)
	}
}
