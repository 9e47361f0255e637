package awsfake

import "github.com/shoulder-dev/shoulder/internal/state"

// ---- DynamoDB Accelerator (awsJson1.1, X-Amz-Target AmazonDAXV3.*,
// signing name dax; bodies by hand: the SDK's DAX client has no schema
// serializers. Member names are the deserializer's: upper camel case). ----

func (s *Server) daxService() *service {
	return &service{name: "dax", proto: protoJSON, ops: map[string]handler{
		"DescribeClusters": daxDescribeClusters,
	}}
}

// daxDescribeClusters pages with MaxResults (20..100, default 100) and
// NextToken; ClusterNames narrows the answer to the clusters named, and a
// name that matches none is ClusterNotFoundFault, as AWS answers.
func daxDescribeClusters(c *call) (*reply, error) {
	cs := c.s.idx.daxClusters[c.region]
	if names := c.strs("ClusterNames"); len(names) > 0 {
		var picked []*state.DAXCluster
		for _, n := range names {
			found := false
			for _, x := range cs {
				if x.Name == n {
					picked, found = append(picked, x), true
				}
			}
			if !found {
				return nil, errf(400, "ClusterNotFoundFault", "Cluster %s not found.", n)
			}
		}
		cs = picked
	}
	mx, err := c.num("MaxResults", 0)
	if err != nil {
		return nil, err
	}
	if mx != 0 && (mx < 20 || mx > 100) {
		return nil, errf(400, "InvalidParameterValueException", "MaxResults must be between 20 and 100")
	}
	start, end, next, err := page(c.action, len(cs), c.str("NextToken"), mx, 100, 100)
	if err != nil {
		return nil, err
	}
	items := make([]map[string]any, 0, end-start)
	for _, x := range cs[start:end] {
		items = append(items, daxCluster(x))
	}
	out := map[string]any{"Clusters": items}
	if next != "" {
		out["NextToken"] = next
	}
	return c.rawJSON(out)
}

// daxCluster is what DescribeClusters answers for x.
func daxCluster(x *state.DAXCluster) map[string]any {
	sgs := make([]map[string]string, 0, len(x.SecurityGroups))
	for _, g := range x.SecurityGroups {
		sgs = append(sgs, map[string]string{"SecurityGroupIdentifier": g, "Status": "active"})
	}
	nodes := x.Nodes
	if nodes == 0 {
		nodes = 1
	}
	out := map[string]any{"ClusterName": x.Name, "ClusterArn": x.ARN, "Status": orDefault(x.Status, "available"),
		"NodeType": orDefault(x.NodeType, "dax.r5.large"), "TotalNodes": nodes, "ActiveNodes": nodes,
		"SubnetGroup": orDefault(x.SubnetGroup, "default"), "SecurityGroups": sgs, "IamRoleArn": x.IAMRoleARN,
		"ClusterDiscoveryEndpoint": map[string]any{"Address": x.Name + ".dax-clusters." + x.Region + ".amazonaws.com", "Port": 8111},
		"ParameterGroup":           map[string]any{"ParameterGroupName": "default.dax1.0", "ParameterApplyStatus": "in-sync"}}
	if x.SSEStatus != "" {
		out["SSEDescription"] = map[string]string{"Status": x.SSEStatus}
	}
	if x.EndpointEncryption != "" {
		out["ClusterEndpointEncryptionType"] = x.EndpointEncryption
	}
	return out
}
