package awsfake

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	astypes "github.com/aws/aws-sdk-go-v2/service/autoscaling/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// ---- EC2 Auto Scaling (awsQuery, API 2011-01-01) ----

func (s *Server) autoScalingService() *service {
	return &service{name: "autoscaling", proto: protoQuery, xmlns: "http://autoscaling.amazonaws.com/doc/2011-01-01/", ops: map[string]handler{
		"DescribeAutoScalingGroups":    asDescribeGroups,
		"DescribeLaunchConfigurations": asDescribeLaunchConfigurations,
	}}
}

// asPage pages an Auto Scaling listing: MaxRecords defaults to 50 and may
// be at most 100, as AWS documents.
func (c *call) asPage(n int) (start, end int, next string, err error) {
	size, err := c.num("MaxRecords", 0)
	if err != nil {
		return 0, 0, "", err
	}
	return page(c.action, n, c.str("NextToken"), size, 50, 100)
}

func asDescribeGroups(c *call) (*reply, error) {
	gs := c.s.idx.asGroups[c.region]
	start, end, next, err := c.asPage(len(gs))
	if err != nil {
		return nil, err
	}
	out := &autoscaling.DescribeAutoScalingGroupsOutput{AutoScalingGroups: []astypes.AutoScalingGroup{}, NextToken: sp(next)}
	for _, g := range gs[start:end] {
		out.AutoScalingGroups = append(out.AutoScalingGroups, asGroup(c, g))
	}
	return c.queryReply(out), nil
}

// asGroup renders a group as DescribeAutoScalingGroups does: classic load
// balancer names and target group ARNs in their own lists and every one of
// them again as a traffic source.
func asGroup(c *call, g *state.AutoScalingGroup) astypes.AutoScalingGroup {
	x := astypes.AutoScalingGroup{AutoScalingGroupName: sp(g.Name), AutoScalingGroupARN: sp(g.ARN), AvailabilityZones: g.AvailabilityZones,
		HealthCheckType: sp(g.HealthCheckType), MinSize: p(int32(1)), MaxSize: p(int32(4)), DesiredCapacity: p(int32(2)), DefaultCooldown: p(int32(300)),
		CreatedTime: p(c.s.acct.CollectedAt), LaunchConfigurationName: sp(g.LaunchConfigurationName),
		LoadBalancerNames: []string{}, TargetGroupARNs: []string{}, Tags: []astypes.TagDescription{}}
	if x.AvailabilityZones == nil {
		x.AvailabilityZones = []string{}
	}
	for _, lb := range g.LoadBalancers {
		typ := "elbv2"
		if strings.HasPrefix(lb, "arn:") {
			x.TargetGroupARNs = append(x.TargetGroupARNs, lb)
		} else {
			typ = "elb"
			x.LoadBalancerNames = append(x.LoadBalancerNames, lb)
		}
		x.TrafficSources = append(x.TrafficSources, astypes.TrafficSourceIdentifier{Identifier: p(lb), Type: p(typ)})
	}
	if g.UsesLaunchTemplate() {
		spec := &astypes.LaunchTemplateSpecification{LaunchTemplateId: sp(g.LaunchTemplateID), LaunchTemplateName: sp(g.LaunchTemplateName), Version: sp(g.LaunchTemplateVersion)}
		if g.MixedInstances {
			lt := &astypes.LaunchTemplate{LaunchTemplateSpecification: spec}
			for _, t := range g.InstanceTypes {
				lt.Overrides = append(lt.Overrides, astypes.LaunchTemplateOverrides{InstanceType: p(t)})
			}
			if g.AttributeBased {
				lt.Overrides = append(lt.Overrides, astypes.LaunchTemplateOverrides{InstanceRequirements: &astypes.InstanceRequirements{
					VCpuCount: &astypes.VCpuCountRequest{Min: p(int32(2))}, MemoryMiB: &astypes.MemoryMiBRequest{Min: p(int32(4096))}}})
			}
			x.MixedInstancesPolicy = &astypes.MixedInstancesPolicy{LaunchTemplate: lt}
		} else {
			x.LaunchTemplate = spec
		}
	}
	for _, k := range sortedKeys(g.Tags) {
		x.Tags = append(x.Tags, astypes.TagDescription{Key: p(k), Value: p(g.Tags[k]), ResourceId: p(g.Name),
			ResourceType: p("auto-scaling-group"), PropagateAtLaunch: p(true)})
	}
	return x
}

func asDescribeLaunchConfigurations(c *call) (*reply, error) {
	ls := c.s.idx.launchConfigs[c.region]
	start, end, next, err := c.asPage(len(ls))
	if err != nil {
		return nil, err
	}
	out := &autoscaling.DescribeLaunchConfigurationsOutput{LaunchConfigurations: []astypes.LaunchConfiguration{}, NextToken: sp(next)}
	for _, l := range ls[start:end] {
		x := astypes.LaunchConfiguration{LaunchConfigurationName: sp(l.Name), LaunchConfigurationARN: sp(l.ARN), ImageId: p("ami-0abcdef1234567890"),
			InstanceType: p("t3.micro"), CreatedTime: p(c.s.acct.CollectedAt), SecurityGroups: []string{}}
		if l.AssociatePublicIP {
			x.AssociatePublicIpAddress = p(true)
		}
		if l.MetadataHTTPTokens != "" || l.MetadataHTTPEndpoint != "" {
			x.MetadataOptions = &astypes.InstanceMetadataOptions{HttpTokens: astypes.InstanceMetadataHttpTokensState(l.MetadataHTTPTokens),
				HttpEndpoint: astypes.InstanceMetadataEndpointState(l.MetadataHTTPEndpoint)}
		}
		out.LaunchConfigurations = append(out.LaunchConfigurations, x)
	}
	return c.queryReply(out), nil
}
