package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/athena"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// athenaWorkGroups lists a region's Athena workgroups (names and states,
// 50 a page) and reads each one's configuration: CloudWatch metrics and
// result encryption are in no listing.
func (c *collector) athenaWorkGroups(ctx context.Context, region string) {
	cl := athena.NewFromConfig(c.cfg, func(o *athena.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("athena", region))
	})
	var groups []state.AthenaWorkGroup
	err := c.do(ctx, "athena", "ListWorkGroups", region, "", nil, func(ctx context.Context) error {
		params := athena.ListWorkGroupsInput{MaxResults: sdk.Int32(50)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListWorkGroups(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, w := range page.WorkGroups {
				name := str(w.Name)
				groups = append(groups, state.AthenaWorkGroup{Meta: meta(c.arn("athena", region, c.accountID, "workgroup/"+name), region, nil), Name: name, State: string(w.State)})
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(groups), func() {
		c.rec.Update(func(a *state.Account) { a.Athena.WorkGroups = append(a.Athena.WorkGroups, groups...) })
	})
	for i := range groups {
		g := &groups[i]
		c.item("athena", region, g.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "athena", "GetWorkGroup", region, g.ARN, nil, func(ctx context.Context) error {
				out, err := cl.GetWorkGroup(ctx, &athena.GetWorkGroupInput{WorkGroup: sdk.String(g.Name)})
				if err != nil {
					return err
				}
				g.Described = true
				if w := out.WorkGroup; w != nil && w.Configuration != nil {
					cfg := w.Configuration
					g.PublishMetrics, g.Enforce = b(cfg.PublishCloudWatchMetricsEnabled), b(cfg.EnforceWorkGroupConfiguration)
					if r := cfg.ResultConfiguration; r != nil {
						g.OutputLocation = str(r.OutputLocation)
						if e := r.EncryptionConfiguration; e != nil {
							g.ResultEncryption, g.ResultKMSKey = string(e.EncryptionOption), str(e.KmsKey)
						}
					}
				}
				return nil
			})
		}, "GetWorkGroup")
	}
}
