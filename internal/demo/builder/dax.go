package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// dax adds Alpenglow's DynamoDB Accelerator clusters (svc-dax): Frankfurt's
// order cache (three nodes, encrypted at rest, TLS endpoint) and the
// agency's lead-scoring cache in N. Virginia (one node, created without
// encryption at rest and with a plain-text endpoint).
func (x *b) dax() {
	fra, iad := "eu-central-1", "us-east-1"
	x.a.DAX.Clusters = append(x.a.DAX.Clusters,
		state.DAXCluster{Meta: state.Meta{ARN: x.arn("dax", fra, "cache/orders-cache"), Region: fra}, Name: "orders-cache", Status: "available",
			NodeType: "dax.r5.large", Nodes: 3, SSEStatus: "ENABLED", EndpointEncryption: "TLS", SubnetGroup: "orders-private",
			IAMRoleARN: x.arn("iam", "", "role/dax-orders")},
		state.DAXCluster{Meta: state.Meta{ARN: x.arn("dax", iad, "cache/lead-scoring"), Region: iad}, Name: "lead-scoring", Status: "available",
			NodeType: "dax.t3.small", Nodes: 1, SSEStatus: "DISABLED", EndpointEncryption: "NONE", SubnetGroup: "default",
			IAMRoleARN: x.arn("iam", "", "role/dax-leads")},
	)
}
