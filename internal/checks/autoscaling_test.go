package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const (
	dsASGARN = "arn:aws:autoscaling:eu-west-1:" + testAccountID + ":autoScalingGroup:0b6f2c1e-3d4a-4e5f-8a9b-0c1d2e3f4a5b:autoScalingGroupName/web"
	dsLCARN  = "arn:aws:autoscaling:eu-west-1:" + testAccountID + ":launchConfiguration:1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f:launchConfigurationName/web-v1"
	dsTGARN  = "arn:aws:elasticloadbalancing:eu-west-1:" + testAccountID + ":targetgroup/web/0123456789abcdef"
)

// dsASG adds group "web" in eu-west-1: two zones, two instance types from a
// launch template, behind a target group with ELB health checks, edited
// by mut.
func dsASG(mut func(g *state.AutoScalingGroup)) func(*state.Account) {
	return func(a *state.Account) {
		g := state.AutoScalingGroup{Meta: state.Meta{ARN: dsASGARN, Region: "eu-west-1"}, Name: "web",
			AvailabilityZones: []string{"eu-west-1a", "eu-west-1b"}, HealthCheckType: "ELB", LoadBalancers: []string{dsTGARN},
			LaunchTemplateID: "lt-0123456789abcdef0", LaunchTemplateName: "web", LaunchTemplateVersion: "$Default",
			MixedInstances: true, InstanceTypes: []string{"m6i.large", "m7i.large"}}
		if mut != nil {
			mut(&g)
		}
		a.AutoScaling.Groups = append(a.AutoScaling.Groups, g)
	}
}

// dsLC adds launch configuration "web-v1" in eu-west-1: IMDSv2 required
// and no public IP, edited by mut.
func dsLC(mut func(l *state.LaunchConfiguration)) func(*state.Account) {
	return func(a *state.Account) {
		l := state.LaunchConfiguration{Meta: state.Meta{ARN: dsLCARN, Region: "eu-west-1"}, Name: "web-v1", MetadataHTTPTokens: "required", MetadataHTTPEndpoint: "enabled"}
		if mut != nil {
			mut(&l)
		}
		a.AutoScaling.LaunchConfigurations = append(a.AutoScaling.LaunchConfigurations, l)
	}
}

// dsLT adds launch template "web" (lt-0123456789abcdef0) in eu-west-1
// whose default version sets the metadata tokens.
func dsLT(tokens string, version int64) func(*state.Account) {
	return func(a *state.Account) {
		a.EC2.LaunchTemplates = append(a.EC2.LaunchTemplates, state.LaunchTemplate{
			Meta: state.Meta{ARN: "arn:aws:ec2:eu-west-1:" + testAccountID + ":launch-template/lt-0123456789abcdef0", Region: "eu-west-1"},
			ID:   "lt-0123456789abcdef0", Name: "web", DefaultVersion: version, MetadataHTTPTokens: tokens})
	}
}

// asUsesLC makes the group launch from launch configuration web-v1.
func asUsesLC(g *state.AutoScalingGroup) {
	g.LaunchTemplateID, g.LaunchTemplateName, g.LaunchTemplateVersion, g.MixedInstances, g.InstanceTypes = "", "", "", false, nil
	g.LaunchConfigurationName = "web-v1"
}

func autoScalingCases() map[string][]checkCase {
	groupUnknowns := []checkCase{
		{name: "listing denied", acct: baseAccount(dsASG(nil), dsGap("autoscaling", "eu-west-1", "DescribeAutoScalingGroups", "")), want: dsWant(dsU)},
		{name: "listing denied elsewhere", acct: baseAccount(dsASG(nil), dsGap("autoscaling", "us-east-1", "DescribeAutoScalingGroups", "")), want: dsWant(dsU, dsP)},
	}
	lcUnknowns := []checkCase{
		{name: "listing denied", acct: baseAccount(dsLC(nil), dsGap("autoscaling", "eu-west-1", "DescribeLaunchConfigurations", "")), want: dsWant(dsU)},
	}
	g := func(name string, mut func(*state.AutoScalingGroup), want ...check.Status) checkCase {
		return checkCase{name: name, acct: baseAccount(dsASG(mut)), want: want}
	}
	l := func(name string, mut func(*state.LaunchConfiguration), extra func(*state.Account), want ...check.Status) checkCase {
		muts := []func(*state.Account){dsLC(mut)}
		if extra != nil {
			muts = append(muts, extra)
		}
		return checkCase{name: name, acct: baseAccount(muts...), want: want}
	}
	defaults := func(tokens string) func(*state.Account) {
		return nwEC2Settings(state.EC2RegionSettings{IMDSDefaultHTTPTokens: tokens}, state.EC2RegionSettings{})
	}
	return map[string][]checkCase{
		"autoscaling_group_elb_health_check": append([]checkCase{
			g("elb health checks", nil, dsP),
			g("elb alongside ebs", func(g *state.AutoScalingGroup) { g.HealthCheckType = "EBS,ELB" }, dsP),
			g("ec2 only behind a target group", func(g *state.AutoScalingGroup) { g.HealthCheckType = "EC2" }, dsF),
			g("ec2 only behind a classic load balancer", func(g *state.AutoScalingGroup) {
				g.HealthCheckType, g.LoadBalancers = "EC2", []string{"web-classic"}
			}, dsF),
			g("no load balancer", func(g *state.AutoScalingGroup) { g.HealthCheckType, g.LoadBalancers = "EC2", nil }, dsNA),
			g("vpc lattice only", func(g *state.AutoScalingGroup) {
				g.HealthCheckType, g.LoadBalancers = "VPC_LATTICE", []string{"arn:aws:vpc-lattice:eu-west-1:" + testAccountID + ":targetgroup/tg-0123"}
			}, dsNA),
		}, groupUnknowns...),
		"autoscaling_group_multiple_azs": append([]checkCase{
			g("two zones", nil, dsP),
			g("one zone", func(g *state.AutoScalingGroup) { g.AvailabilityZones = []string{"eu-west-1a"} }, dsF),
			g("no zone reported", func(g *state.AutoScalingGroup) { g.AvailabilityZones = nil }, dsU),
		}, groupUnknowns...),
		"autoscaling_group_multiple_instance_types": append([]checkCase{
			g("two types, two zones", nil, dsP),
			g("attribute based", func(g *state.AutoScalingGroup) { g.InstanceTypes, g.AttributeBased = nil, true }, dsP),
			g("one type in the policy", func(g *state.AutoScalingGroup) { g.InstanceTypes = []string{"m6i.large", "m6i.large"} }, dsF),
			g("no mixed instances policy", func(g *state.AutoScalingGroup) { g.MixedInstances, g.InstanceTypes = false, nil }, dsF),
			g("two types, one zone", func(g *state.AutoScalingGroup) { g.AvailabilityZones = []string{"eu-west-1a"} }, dsF),
			g("no zone reported", func(g *state.AutoScalingGroup) { g.AvailabilityZones = nil }, dsU),
		}, groupUnknowns...),
		"autoscaling_group_launch_template": append([]checkCase{
			g("launch template", nil, dsP),
			g("launch template by id only", func(g *state.AutoScalingGroup) { g.LaunchTemplateName, g.LaunchTemplateVersion = "", "" }, dsP),
			g("launch configuration", func(g *state.AutoScalingGroup) {
				g.LaunchTemplateID, g.LaunchTemplateName, g.LaunchTemplateVersion, g.MixedInstances = "", "", "", false
				g.LaunchConfigurationName = "web-v1"
			}, dsF),
			g("neither", func(g *state.AutoScalingGroup) {
				g.LaunchTemplateID, g.LaunchTemplateName, g.LaunchTemplateVersion, g.MixedInstances = "", "", "", false
			}, dsU),
		}, groupUnknowns...),
		"autoscaling_launch_config_imdsv2": append([]checkCase{
			l("required", nil, nil, dsP),
			l("metadata off", func(l *state.LaunchConfiguration) {
				l.MetadataHTTPTokens, l.MetadataHTTPEndpoint = "optional", "disabled"
			}, nil, dsP),
			l("optional", func(l *state.LaunchConfiguration) { l.MetadataHTTPTokens = "optional" }, nil, dsF),
			l("unset, account default required", func(l *state.LaunchConfiguration) { l.MetadataHTTPTokens, l.MetadataHTTPEndpoint = "", "" }, defaults("required"), dsP),
			l("unset, no account default", func(l *state.LaunchConfiguration) { l.MetadataHTTPTokens, l.MetadataHTTPEndpoint = "", "" }, defaults(""), dsF),
			l("unset, account default not read", func(l *state.LaunchConfiguration) { l.MetadataHTTPTokens, l.MetadataHTTPEndpoint = "", "" },
				nwEUGap("ec2", "GetInstanceMetadataDefaults"), dsU),
		}, lcUnknowns...),
		"autoscaling_group_imdsv2": {
			{name: "template requires imdsv2", acct: baseAccount(dsASG(nil), dsLT("required", 3)), want: dsWant(dsP)},
			{name: "template version named as the default", acct: baseAccount(dsASG(func(g *state.AutoScalingGroup) { g.LaunchTemplateVersion = "3" }), dsLT("required", 3)), want: dsWant(dsP)},
			{name: "template found by name", acct: baseAccount(dsASG(func(g *state.AutoScalingGroup) { g.LaunchTemplateID = "" }), dsLT("required", 3)), want: dsWant(dsP)},
			{name: "template allows imdsv1", acct: baseAccount(dsASG(nil), dsLT("optional", 3)), want: dsWant(dsF), msg: "group web: launch template web allows IMDSv1"},
			{name: "template unset, no account default", acct: baseAccount(dsASG(nil), dsLT("", 3), defaults("")), want: dsWant(dsF)},
			{name: "template unset, account default not read", acct: baseAccount(dsASG(nil), dsLT("", 3), nwEUGap("ec2", "GetInstanceMetadataDefaults")), want: dsWant(dsU)},
			{name: "latest version not read", acct: baseAccount(dsASG(func(g *state.AutoScalingGroup) { g.LaunchTemplateVersion = "$Latest" }), dsLT("required", 3)), want: dsWant(dsU)},
			{name: "template not listed", acct: baseAccount(dsASG(nil)), want: dsWant(dsU)},
			{name: "templates not read", acct: baseAccount(dsASG(nil), dsLT("required", 3), nwEUGap("ec2", "DescribeLaunchTemplateVersions")), want: dsWant(dsU)},
			{name: "launch configuration requires imdsv2", acct: baseAccount(dsASG(asUsesLC), dsLC(nil)), want: dsWant(dsP)},
			{name: "launch configuration allows imdsv1", acct: baseAccount(dsASG(asUsesLC), dsLC(func(l *state.LaunchConfiguration) { l.MetadataHTTPTokens = "optional" })), want: dsWant(dsF)},
			{name: "launch configurations not read", acct: baseAccount(dsASG(asUsesLC), dsLC(nil), dsGap("autoscaling", "eu-west-1", "DescribeLaunchConfigurations", "")), want: dsWant(dsU)},
			{name: "launch configuration not listed", acct: baseAccount(dsASG(asUsesLC)), want: dsWant(dsU)},
			{name: "groups not read", acct: baseAccount(dsASG(nil), dsLT("required", 3), dsGap("autoscaling", "eu-west-1", "DescribeAutoScalingGroups", "")), want: dsWant(dsU)},
		},
		"autoscaling_launch_config_no_public_ip": append([]checkCase{
			l("no public ip", nil, nil, dsP),
			l("public ip", func(l *state.LaunchConfiguration) { l.AssociatePublicIP = true }, nil, dsF),
		}, lcUnknowns...),
	}
}
