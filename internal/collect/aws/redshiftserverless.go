package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/redshiftserverless"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// redshiftServerless reads a region's Redshift Serverless workgroups and
// namespaces, each in one paginated listing (100 a page) that carries
// every setting a check judges.
func (c *collector) redshiftServerless(ctx context.Context, region string) {
	cl := redshiftserverless.NewFromConfig(c.cfg, func(o *redshiftserverless.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("redshift-serverless", region))
	})
	c.sub("redshift-serverless", region, "", func(ctx context.Context) { c.serverlessNamespaces(ctx, cl, region) }, "ListNamespaces")

	var groups []state.ServerlessWorkgroup
	err := c.do(ctx, "redshift-serverless", "ListWorkgroups", region, "", nil, func(ctx context.Context) error {
		params := redshiftserverless.ListWorkgroupsInput{MaxResults: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListWorkgroups(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, w := range page.Workgroups {
				g := state.ServerlessWorkgroup{Meta: meta(str(w.WorkgroupArn), region, nil), Name: str(w.WorkgroupName), Namespace: str(w.NamespaceName),
					Status: string(w.Status), EnhancedVPCRouting: b(w.EnhancedVpcRouting), PubliclyAccessible: b(w.PubliclyAccessible)}
				for _, cp := range w.ConfigParameters {
					if k := str(cp.ParameterKey); k != "" {
						if g.Parameters == nil {
							g.Parameters = map[string]string{}
						}
						g.Parameters[k] = str(cp.ParameterValue)
					}
				}
				groups = append(groups, g)
			}
			return page.NextToken, nil
		})
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) {
			a.RedshiftServerless.Workgroups = append(a.RedshiftServerless.Workgroups, groups...)
		})
	}
}

// serverlessNamespaces lists a region's Redshift Serverless namespaces.
func (c *collector) serverlessNamespaces(ctx context.Context, cl *redshiftserverless.Client, region string) {
	var spaces []state.ServerlessNamespace
	err := c.do(ctx, "redshift-serverless", "ListNamespaces", region, "", nil, func(ctx context.Context) error {
		params := redshiftserverless.ListNamespacesInput{MaxResults: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListNamespaces(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, n := range page.Namespaces {
				x := state.ServerlessNamespace{Meta: meta(str(n.NamespaceArn), region, nil), Name: str(n.NamespaceName), Status: string(n.Status),
					AdminUsername: str(n.AdminUsername), KMSKeyID: str(n.KmsKeyId)}
				for _, l := range n.LogExports {
					x.LogExports = append(x.LogExports, string(l))
				}
				spaces = append(spaces, x)
			}
			return page.NextToken, nil
		})
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) {
			a.RedshiftServerless.Namespaces = append(a.RedshiftServerless.Namespaces, spaces...)
		})
	}
}
