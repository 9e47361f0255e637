package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// daxChecks are the customer's duties on DynamoDB Accelerator: AWS runs
// the cache nodes, but whether the items cached on them are encrypted at
// rest and whether clients reach them over TLS are chosen by the owner
// when the cluster is created (neither can be changed afterwards).
func daxChecks() []check.Check {
	return []check.Check{
		daxClusterCheck("dax_cluster_encrypted_at_rest", func(c state.DAXCluster) check.Result {
			on, reported := c.EncryptedAtRest()
			switch {
			case !reported:
				return check.UnknownR(c, "DAX cluster %s's server-side encryption was not reported", c.Name)
			case on:
				return check.PassR(c, "DAX cluster %s encrypts its cached items at rest", c.Name)
			}
			return check.FailR(c, "DAX cluster %s does not encrypt its cached items at rest (SSE %s)", c.Name, c.SSEStatus)
		}),
		daxClusterCheck("dax_cluster_encrypted_in_transit", func(c state.DAXCluster) check.Result {
			switch c.EndpointEncryption {
			case "":
				return check.UnknownR(c, "DAX cluster %s's endpoint encryption type was not reported", c.Name)
			case "TLS":
				return check.PassR(c, "DAX cluster %s's endpoint accepts only TLS connections", c.Name)
			}
			return check.FailR(c, "DAX cluster %s's endpoint is not encrypted in transit (endpoint encryption %s)", c.Name, c.EndpointEncryption)
		}),
	}
}

// daxClusterCheck judges every listed DAX cluster.
func daxClusterCheck(id string, judge func(state.DAXCluster) check.Result) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "dax", []state.Input{state.InputDAXClusters}, a.DAX.Clusters, judge)
		},
	}
}
