package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/connect"
	connecttypes "github.com/aws/aws-sdk-go-v2/service/connect/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// connectInstances lists a region's Amazon Connect instances (ids, aliases
// and states, 10 a page) and reads each one's CONTACTFLOW_LOGS attribute:
// whether flow logs go to CloudWatch is in no listing (svc-connect).
func (c *collector) connectInstances(ctx context.Context, region string) {
	cl := connect.NewFromConfig(c.cfg, func(o *connect.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("connect", region))
	})
	var insts []state.ConnectInstance
	err := c.do(ctx, "connect", "ListInstances", region, "", nil, func(ctx context.Context) error {
		params := connect.ListInstancesInput{MaxResults: sdk.Int32(10)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListInstances(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, x := range page.InstanceSummaryList {
				insts = append(insts, state.ConnectInstance{Meta: meta(str(x.Arn), region, nil), ID: str(x.Id), Alias: str(x.InstanceAlias),
					Status: string(x.InstanceStatus), IdentityManagementType: string(x.IdentityManagementType)})
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(insts), func() {
		c.rec.Update(func(a *state.Account) { a.Connect.Instances = append(a.Connect.Instances, insts...) })
	})
	for i := range insts {
		x := &insts[i]
		c.item("connect", region, x.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "connect", "DescribeInstanceAttribute", region, x.ARN, nil, func(ctx context.Context) error {
				out, err := cl.DescribeInstanceAttribute(ctx, &connect.DescribeInstanceAttributeInput{InstanceId: sdk.String(x.ID),
					AttributeType: connecttypes.InstanceAttributeTypeContactflowLogs})
				if err != nil {
					return err
				}
				x.FlowLogsRead = true
				if out.Attribute != nil {
					x.FlowLogs = str(out.Attribute.Value) == "true"
				}
				return nil
			})
		}, "DescribeInstanceAttribute")
	}
}
