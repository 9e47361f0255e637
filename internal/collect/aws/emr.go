package aws

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/emr"
	emrtypes "github.com/aws/aws-sdk-go-v2/service/emr/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// emrActiveStates are the cluster states ListClusters is asked for:
// terminated clusters have no instances left to judge.
var emrActiveStates = []emrtypes.ClusterState{emrtypes.ClusterStateStarting, emrtypes.ClusterStateBootstrapping,
	emrtypes.ClusterStateRunning, emrtypes.ClusterStateWaiting}

// emr reads a region's block public access setting, lists its active
// clusters (50 a page) and describes each (subnet, primary node DNS name,
// security configuration), and lists its security configurations and
// describes each (the encryption settings are a JSON document that only
// DescribeSecurityConfiguration returns).
func (c *collector) emr(ctx context.Context, region string) {
	cl := emr.NewFromConfig(c.cfg, func(o *emr.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("elasticmapreduce", region))
	})
	_ = c.do(ctx, "elasticmapreduce", "GetBlockPublicAccessConfiguration", region, "", nil, func(ctx context.Context) error {
		out, err := cl.GetBlockPublicAccessConfiguration(ctx, &emr.GetBlockPublicAccessConfigurationInput{})
		if err != nil {
			return err
		}
		bpa := state.EMRBlockPublicAccess{Region: region}
		if x := out.BlockPublicAccessConfiguration; x != nil {
			bpa.Enabled = b(x.BlockPublicSecurityGroupRules)
			for _, r := range x.PermittedPublicSecurityGroupRuleRanges {
				bpa.PermittedPorts = append(bpa.PermittedPorts, emrPortRange(r))
			}
		}
		c.rec.Update(func(a *state.Account) { a.EMR.BlockPublicAccess = append(a.EMR.BlockPublicAccess, bpa) })
		return nil
	})
	c.emrClusters(ctx, cl, region)
	c.emrSecurityConfigurations(ctx, cl, region)
}

// emrPortRange writes a permitted port range as "22" or "8080-8090".
func emrPortRange(r emrtypes.PortRange) string {
	lo := i32(r.MinRange)
	if r.MaxRange == nil || i32(r.MaxRange) == lo {
		return strconv.Itoa(lo)
	}
	return fmt.Sprintf("%d-%d", lo, i32(r.MaxRange))
}

func (c *collector) emrClusters(ctx context.Context, cl *emr.Client, region string) {
	var clusters []state.EMRCluster
	err := c.do(ctx, "elasticmapreduce", "ListClusters", region, "", nil, func(ctx context.Context) error {
		params := emr.ListClustersInput{ClusterStates: emrActiveStates}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.ListClusters(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, s := range page.Clusters {
				k := state.EMRCluster{Meta: meta(str(s.ClusterArn), region, nil), ID: str(s.Id), Name: str(s.Name)}
				if s.Status != nil {
					k.State = string(s.Status.State)
				}
				if k.ARN == "" {
					k.ARN = c.arn("elasticmapreduce", region, c.accountID, "cluster/"+k.ID)
				}
				clusters = append(clusters, k)
			}
			return page.Marker, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(clusters), func() {
		c.rec.Update(func(a *state.Account) { a.EMR.Clusters = append(a.EMR.Clusters, clusters...) })
	})
	for i := range clusters {
		k := &clusters[i]
		c.item("elasticmapreduce", region, k.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "elasticmapreduce", "DescribeCluster", region, k.ARN, nil, func(ctx context.Context) error {
				out, err := cl.DescribeCluster(ctx, &emr.DescribeClusterInput{ClusterId: sdk.String(k.ID)})
				if err != nil {
					return err
				}
				x := out.Cluster
				if x == nil {
					return nil
				}
				k.Described = true
				k.MasterPublicDNSName, k.SecurityConfiguration = str(x.MasterPublicDnsName), str(x.SecurityConfiguration)
				if e := x.Ec2InstanceAttributes; e != nil {
					k.SubnetID = str(e.Ec2SubnetId)
				}
				if len(x.Tags) > 0 {
					k.Tags = map[string]string{}
					for _, t := range x.Tags {
						k.Tags[str(t.Key)] = str(t.Value)
					}
				}
				return nil
			})
		}, "DescribeCluster")
	}
}

// emrEncryption is the part of a security configuration's JSON document
// the checks judge.
type emrEncryption struct {
	EncryptionConfiguration struct {
		EnableAtRestEncryption    bool
		EnableInTransitEncryption bool
	}
}

func (c *collector) emrSecurityConfigurations(ctx context.Context, cl *emr.Client, region string) {
	var cfgs []state.EMRSecurityConfiguration
	err := c.do(ctx, "elasticmapreduce", "ListSecurityConfigurations", region, "", nil, func(ctx context.Context) error {
		params := emr.ListSecurityConfigurationsInput{}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Marker = token
			page, err := cl.ListSecurityConfigurations(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, s := range page.SecurityConfigurations {
				name := str(s.Name)
				// Security configurations have no ARN of their own: one in
				// the cluster ARN's form names it for gaps and results.
				cfgs = append(cfgs, state.EMRSecurityConfiguration{Meta: meta(c.arn("elasticmapreduce", region, c.accountID, "security-configuration/"+name), region, nil),
					Name: name})
			}
			return page.Marker, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(cfgs), func() {
		c.rec.Update(func(a *state.Account) { a.EMR.SecurityConfigurations = append(a.EMR.SecurityConfigurations, cfgs...) })
	})
	for i := range cfgs {
		s := &cfgs[i]
		c.item("elasticmapreduce", region, s.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "elasticmapreduce", "DescribeSecurityConfiguration", region, s.ARN, nil, func(ctx context.Context) error {
				out, err := cl.DescribeSecurityConfiguration(ctx, &emr.DescribeSecurityConfigurationInput{Name: sdk.String(s.Name)})
				if err != nil {
					return err
				}
				var doc emrEncryption
				if err := json.Unmarshal([]byte(str(out.SecurityConfiguration)), &doc); err != nil {
					return fmt.Errorf("security configuration %s: %w", s.Name, err)
				}
				s.Described = true
				s.AtRest, s.InTransit = doc.EncryptionConfiguration.EnableAtRestEncryption, doc.EncryptionConfiguration.EnableInTransitEncryption
				return nil
			})
		}, "DescribeSecurityConfiguration")
	}
}
