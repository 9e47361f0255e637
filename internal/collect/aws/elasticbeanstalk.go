package aws

import (
	"context"
	"strconv"
	"strings"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/elasticbeanstalk"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/elasticbeanstalk/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// elasticBeanstalk lists a region's live environments (1,000 a page) and
// reads each one's configuration: health reporting, managed platform
// updates and log streaming are option settings no listing carries.
func (c *collector) elasticBeanstalk(ctx context.Context, region string) {
	cl := elasticbeanstalk.NewFromConfig(c.cfg, func(o *elasticbeanstalk.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("elasticbeanstalk", region))
	})
	var envs []state.BeanstalkEnvironment
	err := c.do(ctx, "elasticbeanstalk", "DescribeEnvironments", region, "", nil, func(ctx context.Context) error {
		in := &elasticbeanstalk.DescribeEnvironmentsInput{MaxRecords: sdk.Int32(1000), IncludeDeleted: sdk.Bool(false)}
		for {
			out, err := cl.DescribeEnvironments(ctx, in)
			if err != nil {
				return err
			}
			for _, e := range out.Environments {
				if e.Status == ebtypes.EnvironmentStatusTerminated || e.Status == ebtypes.EnvironmentStatusTerminating {
					continue
				}
				envs = append(envs, beanstalkEnvironment(e, region))
			}
			if str(out.NextToken) == "" || str(out.NextToken) == str(in.NextToken) {
				return nil
			}
			in.NextToken = out.NextToken
		}
	})
	if err != nil {
		return
	}
	done := c.perItem(len(envs), func() {
		c.rec.Update(func(a *state.Account) {
			a.ElasticBeanstalk.Environments = append(a.ElasticBeanstalk.Environments, envs...)
		})
	})
	for i := range envs {
		e := &envs[i]
		c.item("elasticbeanstalk", region, e.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "elasticbeanstalk", "DescribeConfigurationSettings", region, e.ARN, nil, func(ctx context.Context) error {
				out, err := cl.DescribeConfigurationSettings(ctx, &elasticbeanstalk.DescribeConfigurationSettingsInput{
					ApplicationName: sdk.String(e.Application), EnvironmentName: sdk.String(e.Name)})
				if err != nil {
					return err
				}
				for _, s := range out.ConfigurationSettings {
					applyBeanstalkOptions(e, s.OptionSettings)
				}
				e.Configured = true
				return nil
			})
		}, "DescribeConfigurationSettings")
	}
}

// beanstalkEnvironment is the listing's view of an environment.
func beanstalkEnvironment(e ebtypes.EnvironmentDescription, region string) state.BeanstalkEnvironment {
	x := state.BeanstalkEnvironment{Meta: meta(str(e.EnvironmentArn), region, nil), Name: str(e.EnvironmentName), ID: str(e.EnvironmentId),
		Application: str(e.ApplicationName), Platform: str(e.PlatformArn), Status: string(e.Status)}
	if x.Platform == "" {
		x.Platform = str(e.SolutionStackName)
	}
	if e.Tier != nil {
		x.Tier = str(e.Tier.Name)
	}
	return x
}

// applyBeanstalkOptions sets what the checks judge from an environment's
// option settings. Absent options keep Elastic Beanstalk's defaults:
// basic health, no managed updates, no log streaming.
func applyBeanstalkOptions(e *state.BeanstalkEnvironment, opts []ebtypes.ConfigurationOptionSetting) {
	for _, o := range opts {
		v := strings.TrimSpace(str(o.Value))
		switch str(o.Namespace) + "/" + str(o.OptionName) {
		case state.BeanstalkHealthNamespace + "/" + state.BeanstalkOptionSystemType:
			e.HealthReporting = strings.ToLower(v)
		case state.BeanstalkManagedNamespace + "/" + state.BeanstalkOptionManaged:
			e.ManagedUpdates = strings.EqualFold(v, "true")
		case state.BeanstalkUpdateNamespace + "/" + state.BeanstalkOptionUpdateLevel:
			e.UpdateLevel = strings.ToLower(v)
		case state.BeanstalkLogsNamespace + "/" + state.BeanstalkOptionStreamLogs:
			e.StreamLogs = strings.EqualFold(v, "true")
		case state.BeanstalkLogsNamespace + "/" + state.BeanstalkOptionRetention:
			if n, err := strconv.Atoi(v); err == nil {
				e.LogRetentionDays = n
			}
		}
	}
	if e.HealthReporting == "" {
		e.HealthReporting = "basic"
	}
	// AWS reports a retention (7 days by default) even when nothing is
	// streamed: it means something only for streamed logs.
	if !e.StreamLogs {
		e.LogRetentionDays = 0
	}
}
