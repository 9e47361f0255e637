package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// eks adds Alpenglow's Kubernetes: the Frankfurt data platform's cluster
// is private, current, encrypts its secrets under the data-lake key and
// keeps every control-plane log; the analytics sandbox the data
// scientists set up in Ireland two years ago still runs Kubernetes 1.27
// with a public endpoint, plain secrets and no audit log.
func (x *b) eks() {
	fra, dub := "eu-central-1", "eu-west-1"
	x.a.EKS.Clusters = append(x.a.EKS.Clusters,
		state.EKSCluster{Meta: state.Meta{ARN: x.arn("eks", fra, "cluster/data-platform"), Region: fra, Tags: tags("owner", "platform")},
			Name: "data-platform", Version: "1.33", EndpointPrivateAccess: true, SecretsKMSKeyARN: x.datalakeKey(fra),
			LogTypes: []string{"api", "audit", "authenticator", "controllerManager", "scheduler"}},
		state.EKSCluster{Meta: state.Meta{ARN: x.arn("eks", dub, "cluster/analytics-sandbox"), Region: dub, Tags: tags("owner", "data")},
			Name: "analytics-sandbox", Version: "1.27", EndpointPublicAccess: true, EndpointPrivateAccess: true,
			PublicAccessCIDRs: []string{"0.0.0.0/0"}, LogTypes: []string{"api"}},
	)
}
