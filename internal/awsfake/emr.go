package awsfake

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/emr"
	emrtypes "github.com/aws/aws-sdk-go-v2/service/emr/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// ---- EMR (awsJson1.1, signing name elasticmapreduce, X-Amz-Target ElasticMapReduce.*) ----

func (s *Server) emrService() *service {
	return &service{name: "elasticmapreduce", proto: protoJSON, ops: map[string]handler{
		"ListClusters":                      emrListClusters,
		"DescribeCluster":                   emrDescribeCluster,
		"GetBlockPublicAccessConfiguration": emrGetBlockPublicAccess,
		"ListSecurityConfigurations":        emrListSecurityConfigurations,
		"DescribeSecurityConfiguration":     emrDescribeSecurityConfiguration,
	}}
}

// emrBPA is a region's block public access as EMR reports it: on, with
// port 22 permitted, unless the state says otherwise (AWS's default).
func emrBPA(a *state.Account, region string) state.EMRBlockPublicAccess {
	if x, ok := a.EMR.BlockPublicAccessIn(region); ok {
		return x
	}
	return state.EMRBlockPublicAccess{Region: region, Enabled: true, PermittedPorts: []string{"22"}}
}

// emrCluster is the cluster as EMR reports it: WAITING unless set.
func emrCluster(k state.EMRCluster) state.EMRCluster {
	k.State = orDefault(k.State, "WAITING")
	k.Described = true
	return k
}

// emrClusterID is a cluster's ID, from its ARN when the state has none.
func emrClusterID(k *state.EMRCluster) string {
	if k.ID != "" {
		return k.ID
	}
	return k.ARN[strings.LastIndexByte(k.ARN, '/')+1:]
}

// emrListClusters pages by Marker, 50 a page, filtered by ClusterStates.
func emrListClusters(c *call) (*reply, error) {
	want := map[string]bool{}
	for _, s := range c.strs("ClusterStates") {
		want[s] = true
	}
	var ks []*state.EMRCluster
	for _, k := range c.s.idx.emrClusters[c.region] {
		if len(want) == 0 || want[orDefault(k.State, "WAITING")] {
			ks = append(ks, k)
		}
	}
	start, end, next, err := page(c.action, len(ks), c.str("Marker"), 0, 50, 50)
	if err != nil {
		return nil, err
	}
	out := &emr.ListClustersOutput{Clusters: []emrtypes.ClusterSummary{}, Marker: sp(next)}
	for _, k := range ks[start:end] {
		out.Clusters = append(out.Clusters, emrtypes.ClusterSummary{Id: sp(emrClusterID(k)), Name: sp(k.Name), ClusterArn: sp(k.ARN),
			Status: &emrtypes.ClusterStatus{State: emrtypes.ClusterState(orDefault(k.State, "WAITING"))}})
	}
	return c.jsonReply(out), nil
}

func emrDescribeCluster(c *call) (*reply, error) {
	id := c.str("ClusterId")
	for _, x := range c.s.idx.emrClusters[c.region] {
		if emrClusterID(x) != id {
			continue
		}
		k := emrCluster(*x)
		out := &emrtypes.Cluster{Id: sp(id), Name: sp(k.Name), ClusterArn: sp(k.ARN), Status: &emrtypes.ClusterStatus{State: emrtypes.ClusterState(k.State)},
			MasterPublicDnsName: sp(k.MasterPublicDNSName), SecurityConfiguration: sp(k.SecurityConfiguration), Tags: []emrtypes.Tag{}}
		if k.SubnetID != "" {
			out.Ec2InstanceAttributes = &emrtypes.Ec2InstanceAttributes{Ec2SubnetId: sp(k.SubnetID)}
		}
		for _, key := range sortedKeys(k.Tags) {
			out.Tags = append(out.Tags, emrtypes.Tag{Key: sp(key), Value: p(k.Tags[key])})
		}
		return c.jsonReply(&emr.DescribeClusterOutput{Cluster: out}), nil
	}
	return nil, errf(400, "InvalidRequestException", "Cluster id '%s' is not valid.", id)
}

func emrGetBlockPublicAccess(c *call) (*reply, error) {
	x := emrBPA(c.s.acct, c.region)
	conf := &emrtypes.BlockPublicAccessConfiguration{BlockPublicSecurityGroupRules: p(x.Enabled),
		PermittedPublicSecurityGroupRuleRanges: []emrtypes.PortRange{}}
	for _, r := range x.PermittedPorts {
		lo, hi, ranged := strings.Cut(r, "-")
		pr := emrtypes.PortRange{}
		n, err := strconv.Atoi(lo)
		if err != nil {
			return nil, fmt.Errorf("emr port range %q: %w", r, err)
		}
		pr.MinRange = p(int32(n))
		if ranged {
			m, err := strconv.Atoi(hi)
			if err != nil {
				return nil, fmt.Errorf("emr port range %q: %w", r, err)
			}
			pr.MaxRange = p(int32(m))
		}
		conf.PermittedPublicSecurityGroupRuleRanges = append(conf.PermittedPublicSecurityGroupRuleRanges, pr)
	}
	return c.jsonReply(&emr.GetBlockPublicAccessConfigurationOutput{BlockPublicAccessConfiguration: conf,
		BlockPublicAccessConfigurationMetadata: &emrtypes.BlockPublicAccessConfigurationMetadata{CreatedByArn: sp("arn:aws:iam::" + c.s.acct.AccountID + ":root"),
			CreationDateTime: p(c.s.acct.CollectedAt)}}), nil
}

// emrListSecurityConfigurations pages by Marker, 50 a page.
func emrListSecurityConfigurations(c *call) (*reply, error) {
	xs := c.s.idx.emrSecurityConfigs[c.region]
	start, end, next, err := page(c.action, len(xs), c.str("Marker"), 0, 50, 50)
	if err != nil {
		return nil, err
	}
	out := &emr.ListSecurityConfigurationsOutput{SecurityConfigurations: []emrtypes.SecurityConfigurationSummary{}, Marker: sp(next)}
	for _, x := range xs[start:end] {
		out.SecurityConfigurations = append(out.SecurityConfigurations, emrtypes.SecurityConfigurationSummary{Name: sp(x.Name),
			CreationDateTime: p(c.s.acct.CollectedAt)})
	}
	return c.jsonReply(out), nil
}

func emrDescribeSecurityConfiguration(c *call) (*reply, error) {
	name := c.str("Name")
	for _, x := range c.s.idx.emrSecurityConfigs[c.region] {
		if x.Name != name {
			continue
		}
		enc := map[string]any{"EnableAtRestEncryption": x.AtRest, "EnableInTransitEncryption": x.InTransit}
		if x.AtRest {
			enc["AtRestEncryptionConfiguration"] = map[string]any{"S3EncryptionConfiguration": map[string]any{"EncryptionMode": "SSE-S3"}}
		}
		if x.InTransit {
			enc["InTransitEncryptionConfiguration"] = map[string]any{"TLSCertificateConfiguration": map[string]any{
				"CertificateProviderType": "PEM", "S3Object": "s3://certs/emr.zip"}}
		}
		doc, err := json.Marshal(map[string]any{"EncryptionConfiguration": enc})
		if err != nil {
			return nil, fmt.Errorf("encoding security configuration %s: %w", name, err)
		}
		return c.jsonReply(&emr.DescribeSecurityConfigurationOutput{Name: sp(name), SecurityConfiguration: p(string(doc)),
			CreationDateTime: p(c.s.acct.CollectedAt)}), nil
	}
	return nil, errf(400, "InvalidRequestException", "Security configuration with name '%s' does not exist.", name)
}

// emrExpressible applies EMR's defaults (the functions the handlers
// answer with) and drops what a failed read hides.
func emrExpressible(c *state.Account) {
	for i := range c.EMR.Clusters {
		k := &c.EMR.Clusters[i]
		k.ID = emrClusterID(k)
		if _, unread := c.Gaps.Find("elasticmapreduce", k.Region, "DescribeCluster", k.ARN); unread {
			*k = state.EMRCluster{Meta: state.Meta{ARN: k.ARN, Region: k.Region}, ID: k.ID, Name: k.Name, State: orDefault(k.State, "WAITING")}
			continue
		}
		*k = emrCluster(*k)
	}
	for i := range c.EMR.SecurityConfigurations {
		s := &c.EMR.SecurityConfigurations[i]
		s.Tags = nil
		if _, unread := c.Gaps.Find("elasticmapreduce", s.Region, "DescribeSecurityConfiguration", s.ARN); unread {
			*s = state.EMRSecurityConfiguration{Meta: state.Meta{ARN: s.ARN, Region: s.Region}, Name: s.Name}
			continue
		}
		s.Described = true
	}
	var bpa []state.EMRBlockPublicAccess
	for _, r := range c.ScannedRegions() {
		if _, unread := c.Gaps.Find("elasticmapreduce", r, "GetBlockPublicAccessConfiguration", ""); !unread {
			bpa = append(bpa, emrBPA(c, r))
		}
	}
	c.EMR.BlockPublicAccess = bpa
}
