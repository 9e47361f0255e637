package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const dsDAXClusterARN = "arn:aws:dax:eu-west-1:" + testAccountID + ":cache/orders"

// dsDAXCluster adds DAX cluster "orders" in eu-west-1: encrypted at rest,
// TLS endpoint; edited by mut.
func dsDAXCluster(mut func(c *state.DAXCluster)) func(*state.Account) {
	return func(a *state.Account) {
		c := state.DAXCluster{Meta: state.Meta{ARN: dsDAXClusterARN, Region: "eu-west-1"}, Name: "orders", Status: "available",
			NodeType: "dax.r5.large", Nodes: 3, SSEStatus: "ENABLED", EndpointEncryption: "TLS"}
		if mut != nil {
			mut(&c)
		}
		a.DAX.Clusters = append(a.DAX.Clusters, c)
	}
}

func daxCases() map[string][]checkCase {
	c := func(name string, m func(*state.DAXCluster), want check.Status, msg string) checkCase {
		return checkCase{name: name, acct: baseAccount(dsDAXCluster(m)), want: dsWant(want), msg: msg}
	}
	denied := []checkCase{
		{name: "listing denied", acct: baseAccount(dsDAXCluster(nil), dsGap("dax", "eu-west-1", "DescribeClusters", "")), want: dsWant(dsU)},
		{name: "listing denied elsewhere", acct: baseAccount(dsDAXCluster(nil), dsGap("dax", "us-east-1", "DescribeClusters", "")), want: dsWant(dsU, dsP)},
	}
	return map[string][]checkCase{
		"dax_cluster_encrypted_at_rest": append([]checkCase{
			c("enabled", nil, dsP, "encrypts its cached items"),
			c("disabled", func(c *state.DAXCluster) { c.SSEStatus = "DISABLED" }, dsF, "SSE DISABLED"),
			c("enabling", func(c *state.DAXCluster) { c.SSEStatus = "ENABLING" }, dsF, "SSE ENABLING"),
			c("not reported", func(c *state.DAXCluster) { c.SSEStatus = "" }, dsU, "not reported"),
		}, denied...),
		"dax_cluster_encrypted_in_transit": append([]checkCase{
			c("TLS", nil, dsP, "only TLS"),
			c("none", func(c *state.DAXCluster) { c.EndpointEncryption = "NONE" }, dsF, "endpoint encryption NONE"),
			c("not reported", func(c *state.DAXCluster) { c.EndpointEncryption = "" }, dsU, "not reported"),
		}, denied...),
		"dax_cluster_in_allowed_region": storeCases("dax", "DescribeClusters", func(r string) func(*state.Account) {
			return func(a *state.Account) {
				a.DAX.Clusters = append(a.DAX.Clusters, state.DAXCluster{Meta: nwMetaIn(r, "dax", "cache/c1"), Name: "c1"})
			}
		}),
	}
}
