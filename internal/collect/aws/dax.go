package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dax"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// dax reads a region's DynamoDB Accelerator clusters in one paginated
// listing (100 a page) that carries encryption at rest and in transit:
// nothing is read per item. The SDK has no paginator for
// DescribeClusters, so the loop follows NextToken itself.
func (c *collector) dax(ctx context.Context, region string) {
	cl := dax.NewFromConfig(c.cfg, func(o *dax.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("dax", region))
	})
	var clusters []state.DAXCluster
	err := c.do(ctx, "dax", "DescribeClusters", region, "", nil, func(ctx context.Context) error {
		in := &dax.DescribeClustersInput{MaxResults: sdk.Int32(100)}
		for {
			page, err := cl.DescribeClusters(ctx, in)
			if err != nil {
				return err
			}
			for _, x := range page.Clusters {
				d := state.DAXCluster{Meta: meta(str(x.ClusterArn), region, nil), Name: str(x.ClusterName), Status: str(x.Status),
					NodeType: str(x.NodeType), EndpointEncryption: string(x.ClusterEndpointEncryptionType), SubnetGroup: str(x.SubnetGroup),
					IAMRoleARN: str(x.IamRoleArn)}
				if x.TotalNodes != nil {
					d.Nodes = int(*x.TotalNodes)
				}
				if x.SSEDescription != nil {
					d.SSEStatus = string(x.SSEDescription.Status)
				}
				for _, g := range x.SecurityGroups {
					if id := str(g.SecurityGroupIdentifier); id != "" {
						d.SecurityGroups = append(d.SecurityGroups, id)
					}
				}
				clusters = append(clusters, d)
			}
			if str(page.NextToken) == "" {
				return nil
			}
			in.NextToken = page.NextToken
		}
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) {
			a.DAX.Clusters = append(a.DAX.Clusters, clusters...)
		})
	}
}
