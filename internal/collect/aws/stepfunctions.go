package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// stepFunctions lists a region's state machines (names, ARNs and types,
// 1,000 a page) and describes each: logging, tracing and encryption are
// in no listing.
func (c *collector) stepFunctions(ctx context.Context, region string) {
	cl := sfn.NewFromConfig(c.cfg, func(o *sfn.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("states", region))
	})
	var machines []state.StateMachine
	err := c.do(ctx, "states", "ListStateMachines", region, "", nil, func(ctx context.Context) error {
		params := sfn.ListStateMachinesInput{MaxResults: 1000}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListStateMachines(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, m := range page.StateMachines {
				machines = append(machines, state.StateMachine{Meta: meta(str(m.StateMachineArn), region, nil), Name: str(m.Name), Type: string(m.Type)})
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(machines), func() {
		c.rec.Update(func(a *state.Account) {
			a.StepFunctions.StateMachines = append(a.StepFunctions.StateMachines, machines...)
		})
	})
	for i := range machines {
		m := &machines[i]
		c.item("states", region, m.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "states", "DescribeStateMachine", region, m.ARN, nil, func(ctx context.Context) error {
				out, err := cl.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: sdk.String(m.ARN)})
				if err != nil {
					return err
				}
				m.Described, m.LogLevel = true, "OFF"
				if out.Type != "" {
					m.Type = string(out.Type)
				}
				if l := out.LoggingConfiguration; l != nil {
					if l.Level != "" {
						m.LogLevel = string(l.Level)
					}
					m.IncludeExecutionData = l.IncludeExecutionData
					for _, d := range l.Destinations {
						if g := d.CloudWatchLogsLogGroup; g != nil && str(g.LogGroupArn) != "" {
							m.LogGroups = append(m.LogGroups, str(g.LogGroupArn))
						}
					}
				}
				if t := out.TracingConfiguration; t != nil {
					m.Tracing = t.Enabled
				}
				if e := out.EncryptionConfiguration; e != nil {
					m.EncryptionType, m.KMSKeyID = string(e.Type), str(e.KmsKeyId)
				}
				return nil
			})
		}, "DescribeStateMachine")
	}
}
