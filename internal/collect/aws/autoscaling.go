package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	astypes "github.com/aws/aws-sdk-go-v2/service/autoscaling/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// autoScaling reads a region's Auto Scaling groups and launch
// configurations, each in one paginated bulk listing (100 a page); no
// setting a check judges needs a per-item call.
func (c *collector) autoScaling(ctx context.Context, region string) {
	cl := autoscaling.NewFromConfig(c.cfg, func(o *autoscaling.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("autoscaling", region))
	})
	c.sub("autoscaling", region, "", func(ctx context.Context) { c.launchConfigurations(ctx, cl, region) }, "DescribeLaunchConfigurations")

	var groups []state.AutoScalingGroup
	err := c.do(ctx, "autoscaling", "DescribeAutoScalingGroups", region, "", nil, func(ctx context.Context) error {
		// IncludeInstances=false: the instances are read from EC2; AWS
		// documents that leaving them out keeps large groups from being
		// throttled.
		params := autoscaling.DescribeAutoScalingGroupsInput{MaxRecords: sdk.Int32(100), IncludeInstances: sdk.Bool(false)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.DescribeAutoScalingGroups(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, g := range page.AutoScalingGroups {
				groups = append(groups, autoScalingGroup(g, region))
			}
			return page.NextToken, nil
		})
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) { a.AutoScaling.Groups = append(a.AutoScaling.Groups, groups...) })
	}
}

// autoScalingGroup is the state of one described group.
func autoScalingGroup(g astypes.AutoScalingGroup, region string) state.AutoScalingGroup {
	tags := tagMap(g.Tags, func(t astypes.TagDescription) (*string, *string) { return t.Key, t.Value })
	x := state.AutoScalingGroup{Meta: meta(str(g.AutoScalingGroupARN), region, tags), Name: str(g.AutoScalingGroupName),
		AvailabilityZones: g.AvailabilityZones, HealthCheckType: str(g.HealthCheckType), LaunchConfigurationName: str(g.LaunchConfigurationName)}
	seen := map[string]bool{}
	addLB := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			x.LoadBalancers = append(x.LoadBalancers, id)
		}
	}
	for _, n := range g.LoadBalancerNames {
		addLB(n)
	}
	for _, t := range g.TargetGroupARNs {
		addLB(t)
	}
	for _, t := range g.TrafficSources {
		addLB(str(t.Identifier))
	}
	lt := g.LaunchTemplate
	if m := g.MixedInstancesPolicy; m != nil {
		x.MixedInstances = true
		if m.LaunchTemplate != nil {
			lt = m.LaunchTemplate.LaunchTemplateSpecification
			for _, o := range m.LaunchTemplate.Overrides {
				if o.InstanceRequirements != nil {
					x.AttributeBased = true
				}
				if t := str(o.InstanceType); t != "" {
					x.InstanceTypes = append(x.InstanceTypes, t)
				}
			}
		}
	}
	if lt != nil {
		x.LaunchTemplateID, x.LaunchTemplateName, x.LaunchTemplateVersion = str(lt.LaunchTemplateId), str(lt.LaunchTemplateName), str(lt.Version)
	}
	return x
}

// launchConfigurations reads a region's launch configurations in bulk.
func (c *collector) launchConfigurations(ctx context.Context, cl *autoscaling.Client, region string) {
	var out []state.LaunchConfiguration
	err := c.do(ctx, "autoscaling", "DescribeLaunchConfigurations", region, "", nil, func(ctx context.Context) error {
		params := autoscaling.DescribeLaunchConfigurationsInput{MaxRecords: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.DescribeLaunchConfigurations(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, l := range page.LaunchConfigurations {
				x := state.LaunchConfiguration{Meta: meta(str(l.LaunchConfigurationARN), region, nil), Name: str(l.LaunchConfigurationName),
					AssociatePublicIP: b(l.AssociatePublicIpAddress)}
				if m := l.MetadataOptions; m != nil {
					x.MetadataHTTPTokens, x.MetadataHTTPEndpoint = string(m.HttpTokens), string(m.HttpEndpoint)
				}
				out = append(out, x)
			}
			return page.NextToken, nil
		})
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) {
			a.AutoScaling.LaunchConfigurations = append(a.AutoScaling.LaunchConfigurations, out...)
		})
	}
}
