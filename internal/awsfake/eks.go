package awsfake

import (
	"github.com/aws/aws-sdk-go-v2/service/eks"
	ekstypes "github.com/aws/aws-sdk-go-v2/service/eks/types"
)

// ---- EKS (restJson1) ----

func (s *Server) eksService() *service {
	return &service{name: "eks", proto: protoRestJSON,
		routes: []route{
			rt("GET", "/clusters", "ListClusters"),
			rt("GET", "/clusters/{name}", "DescribeCluster"),
			rt("POST", "/clusters", "CreateCluster"),
			rt("DELETE", "/clusters/{name}", "DeleteCluster"),
		},
		ops: map[string]handler{
			"ListClusters":    eksListClusters,
			"DescribeCluster": eksDescribeCluster,
		}}
}

func eksListClusters(c *call) (*reply, error) {
	ks := c.s.idx.eksClusters[c.region]
	start, end, next, err := c.pageOfLower(len(ks), 100, 100)
	if err != nil {
		return nil, err
	}
	out := &eks.ListClustersOutput{Clusters: []string{}, NextToken: sp(next)}
	for _, k := range ks[start:end] {
		out.Clusters = append(out.Clusters, k.Name)
	}
	return c.jsonReply(out), nil
}

func eksDescribeCluster(c *call) (*reply, error) {
	name := c.str("name")
	for _, k := range c.s.idx.eksClusters[c.region] {
		if k.Name != name {
			continue
		}
		x := &ekstypes.Cluster{Name: sp(k.Name), Arn: sp(k.ARN), Version: sp(k.Version), Status: ekstypes.ClusterStatusActive, Tags: k.Tags,
			ResourcesVpcConfig: &ekstypes.VpcConfigResponse{EndpointPublicAccess: k.EndpointPublicAccess, EndpointPrivateAccess: k.EndpointPrivateAccess,
				PublicAccessCidrs: k.PublicAccessCIDRs, SubnetIds: []string{"subnet-0a1b2c3d"}},
			Logging: &ekstypes.Logging{ClusterLogging: []ekstypes.LogSetup{}}}
		if k.SecretsKMSKeyARN != "" {
			x.EncryptionConfig = []ekstypes.EncryptionConfig{{Resources: []string{"secrets"}, Provider: &ekstypes.Provider{KeyArn: sp(k.SecretsKMSKeyARN)}}}
		}
		on := map[string]bool{}
		var enabled, disabled []ekstypes.LogType
		for _, t := range k.LogTypes {
			on[t] = true
			enabled = append(enabled, ekstypes.LogType(t))
		}
		for _, t := range ekstypes.LogType("").Values() {
			if !on[string(t)] {
				disabled = append(disabled, t)
			}
		}
		if len(enabled) > 0 {
			x.Logging.ClusterLogging = append(x.Logging.ClusterLogging, ekstypes.LogSetup{Enabled: p(true), Types: enabled})
		}
		if len(disabled) > 0 {
			x.Logging.ClusterLogging = append(x.Logging.ClusterLogging, ekstypes.LogSetup{Enabled: p(false), Types: disabled})
		}
		return c.jsonReply(&eks.DescribeClusterOutput{Cluster: x}), nil
	}
	return nil, errf(404, "ResourceNotFoundException", "No cluster found for name: %s.", name)
}
