package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eks"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// eks lists a region's clusters (names only, 100 a page) and describes
// each: EKS has no bulk form for a cluster's configuration.
func (c *collector) eks(ctx context.Context, region string) {
	cl := eks.NewFromConfig(c.cfg, func(o *eks.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("eks", region))
	})
	var clusters []state.EKSCluster
	err := c.do(ctx, "eks", "ListClusters", region, "", nil, func(ctx context.Context) error {
		params := eks.ListClustersInput{MaxResults: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListClusters(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, name := range page.Clusters {
				clusters = append(clusters, state.EKSCluster{Meta: meta(c.arn("eks", region, c.accountID, "cluster/"+name), region, nil), Name: name})
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(clusters), func() {
		c.rec.Update(func(a *state.Account) { a.EKS.Clusters = append(a.EKS.Clusters, clusters...) })
	})
	for i := range clusters {
		k := &clusters[i]
		c.item("eks", region, k.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "eks", "DescribeCluster", region, k.ARN, nil, func(ctx context.Context) error {
				out, err := cl.DescribeCluster(ctx, &eks.DescribeClusterInput{Name: sdk.String(k.Name)})
				if err != nil {
					return err
				}
				x := out.Cluster
				if x == nil {
					return nil
				}
				if a := str(x.Arn); a != "" {
					k.ARN = a
				}
				k.Version = str(x.Version)
				if len(x.Tags) > 0 {
					k.Tags = x.Tags
				}
				if v := x.ResourcesVpcConfig; v != nil {
					k.EndpointPublicAccess, k.EndpointPrivateAccess, k.PublicAccessCIDRs = v.EndpointPublicAccess, v.EndpointPrivateAccess, v.PublicAccessCidrs
				}
				for _, e := range x.EncryptionConfig {
					secrets := false
					for _, r := range e.Resources {
						secrets = secrets || r == "secrets"
					}
					if secrets && e.Provider != nil {
						k.SecretsKMSKeyARN = str(e.Provider.KeyArn)
					}
				}
				if l := x.Logging; l != nil {
					for _, s := range l.ClusterLogging {
						if !b(s.Enabled) {
							continue
						}
						for _, t := range s.Types {
							k.LogTypes = append(k.LogTypes, string(t))
						}
					}
				}
				return nil
			})
		}, "DescribeCluster")
	}
}
