package checks

import (
	"sort"
	"strconv"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// autoScalingChecks are the customer's duties on EC2 Auto Scaling: AWS
// launches and replaces the instances, but in how many zones, with which
// health signal, from what kind of template, and with which metadata and
// public IP settings, the customer decides.
func autoScalingChecks() []check.Check {
	return []check.Check{
		asGroupCheck("autoscaling_group_elb_health_check", asELBHealthCheck),
		asGroupCheck("autoscaling_group_multiple_azs", asMultipleAZs),
		asGroupCheck("autoscaling_group_multiple_instance_types", asMultipleInstanceTypes),
		asGroupCheck("autoscaling_group_launch_template", asLaunchTemplate),
		asLaunchConfigCheck("autoscaling_launch_config_imdsv2", func(a *state.Account, l state.LaunchConfiguration) check.Result {
			return launchIMDSv2(a, l, "launch configuration "+l.Name, l.MetadataHTTPTokens, l.MetadataHTTPEndpoint)
		}),
		asLaunchConfigCheck("autoscaling_launch_config_no_public_ip", asNoPublicIP),
		autoScalingGroupIMDSv2(),
	}
}

// autoScalingGroupIMDSv2 judges what each group's instances launch with:
// its launch configuration, or the default version of its launch template
// as the EC2 collector read it, by the one rule launchIMDSv2. A group that
// launches another version ($Latest or a number other than the default)
// is unknown: only default versions are read.
func autoScalingGroupIMDSv2() check.Check {
	return check.Check{
		ID: "autoscaling_group_imdsv2",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			lcs := map[string]*state.LaunchConfiguration{}
			for i := range a.AutoScaling.LaunchConfigurations {
				l := &a.AutoScaling.LaunchConfigurations[i]
				lcs[l.Region+"/"+l.Name] = l
			}
			lts := map[string]*state.LaunchTemplate{}
			for i := range a.EC2.LaunchTemplates {
				t := &a.EC2.LaunchTemplates[i]
				lts[t.Region+"/id/"+t.ID], lts[t.Region+"/name/"+t.Name] = t, t
			}
			return eachRegional(a, "autoscaling", []state.Input{state.InputAutoScalingGroups}, a.AutoScaling.Groups, func(g state.AutoScalingGroup) check.Result {
				return asGroupIMDSv2(a, g, lcs, lts)
			})
		},
	}
}

func asGroupIMDSv2(a *state.Account, g state.AutoScalingGroup, lcs map[string]*state.LaunchConfiguration, lts map[string]*state.LaunchTemplate) check.Result {
	switch {
	case g.UsesLaunchTemplate():
		if gap, ok := a.Gaps.ForInput(state.InputEC2LaunchTemplates, g.Region, ""); ok {
			return check.GapR(g, gap)
		}
		t := lts[g.Region+"/id/"+g.LaunchTemplateID]
		if t == nil {
			t = lts[g.Region+"/name/"+g.LaunchTemplateName]
		}
		if t == nil {
			return check.UnknownR(g, "group %s launches launch template %s, which was not among the region's templates", g.Name, orDefault(g.LaunchTemplateName, g.LaunchTemplateID))
		}
		if v := g.LaunchTemplateVersion; v != "" && v != "$Default" && v != strconv.FormatInt(t.DefaultVersion, 10) {
			return check.UnknownR(g, "group %s launches version %s of launch template %s; shoulder reads the default version (%d) only", g.Name, v, t.Name, t.DefaultVersion)
		}
		return asGroupResult(g, launchIMDSv2(a, t, "launch template "+t.Name, t.MetadataHTTPTokens, t.MetadataHTTPEndpoint))
	case g.LaunchConfigurationName != "":
		if gap, ok := a.Gaps.ForInput(state.InputAutoScalingLaunchConfigurations, g.Region, ""); ok {
			return check.GapR(g, gap)
		}
		l := lcs[g.Region+"/"+g.LaunchConfigurationName]
		if l == nil {
			return check.UnknownR(g, "group %s launches from launch configuration %s, which was not listed", g.Name, g.LaunchConfigurationName)
		}
		return asGroupResult(g, launchIMDSv2(a, l, "launch configuration "+l.Name, l.MetadataHTTPTokens, l.MetadataHTTPEndpoint))
	}
	return check.UnknownR(g, "group %s names neither a launch template nor a launch configuration", g.Name)
}

// asGroupResult restates a verdict on what a group launches from as the
// group's own result.
func asGroupResult(g state.AutoScalingGroup, r check.Result) check.Result {
	r.Resource, r.Region, r.Tags = g.ARN, g.Region, g.Tags
	r.Message = "group " + g.Name + ": " + r.Message
	return r
}

// asGroupCheck judges every group of the regions whose group listing was
// read; the listing carries every setting judged, so there is no per-group
// gap.
func asGroupCheck(id string, judge func(g state.AutoScalingGroup) check.Result) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "autoscaling", []state.Input{state.InputAutoScalingGroups}, a.AutoScaling.Groups, judge)
		},
	}
}

// asLaunchConfigCheck judges every launch configuration of the regions
// whose listing was read.
func asLaunchConfigCheck(id string, judge func(a *state.Account, l state.LaunchConfiguration) check.Result) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "autoscaling", []state.Input{state.InputAutoScalingLaunchConfigurations}, a.AutoScaling.LaunchConfigurations,
				func(l state.LaunchConfiguration) check.Result { return judge(a, l) })
		},
	}
}

// asHealthChecks are the health check types a group uses (AWS reports
// EC2 health checks always, others alongside it, comma-separated).
func asHealthChecks(g state.AutoScalingGroup) map[string]bool {
	out := map[string]bool{}
	for _, t := range strings.Split(g.HealthCheckType, ",") {
		if t = strings.TrimSpace(t); t != "" {
			out[t] = true
		}
	}
	return out
}

func asELBHealthCheck(g state.AutoScalingGroup) check.Result {
	var elb []string
	for _, lb := range g.LoadBalancers {
		if !strings.HasPrefix(lb, "arn:") || strings.Contains(lb, ":elasticloadbalancing:") {
			elb = append(elb, lb)
		}
	}
	if len(elb) == 0 {
		return check.NotApplicableR(g, "group %s registers with no load balancer or target group", g.Name)
	}
	if asHealthChecks(g)["ELB"] {
		return check.PassR(g, "group %s replaces instances its load balancer finds unhealthy (ELB health checks)", g.Name)
	}
	return check.FailR(g, "group %s serves %s but replaces instances on %s health checks only, not its load balancer's", g.Name,
		strings.Join(elb, ", "), orDefault(g.HealthCheckType, "EC2"))
}

func asMultipleAZs(g state.AutoScalingGroup) check.Result {
	switch n := len(g.AvailabilityZones); {
	case n == 0:
		return check.UnknownR(g, "group %s reports no Availability Zone", g.Name)
	case n == 1:
		return check.FailR(g, "group %s launches in one Availability Zone only (%s)", g.Name, g.AvailabilityZones[0])
	}
	return check.PassR(g, "group %s spans %d Availability Zones (%s)", g.Name, len(g.AvailabilityZones), strings.Join(g.AvailabilityZones, ", "))
}

func asMultipleInstanceTypes(g state.AutoScalingGroup) check.Result {
	types := map[string]bool{}
	for _, t := range g.InstanceTypes {
		types[t] = true
	}
	names := make([]string, 0, len(types))
	for t := range types {
		names = append(names, t)
	}
	sort.Strings(names)
	zones := len(g.AvailabilityZones)
	switch {
	case zones == 0:
		return check.UnknownR(g, "group %s reports no Availability Zone", g.Name)
	case zones < 2:
		return check.FailR(g, "group %s launches in one Availability Zone only", g.Name)
	case g.AttributeBased:
		return check.PassR(g, "group %s chooses instance types by attributes across %d Availability Zones", g.Name, zones)
	case len(names) >= 2:
		return check.PassR(g, "group %s launches %s across %d Availability Zones", g.Name, strings.Join(names, ", "), zones)
	case g.MixedInstances:
		return check.FailR(g, "group %s's mixed instances policy names one instance type only", g.Name)
	}
	return check.FailR(g, "group %s launches a single instance type (no mixed instances policy)", g.Name)
}

func asLaunchTemplate(g state.AutoScalingGroup) check.Result {
	switch {
	case g.UsesLaunchTemplate():
		name := g.LaunchTemplateName
		if name == "" {
			name = g.LaunchTemplateID
		}
		return check.PassR(g, "group %s launches from launch template %s (version %s)", g.Name, name, orDefault(g.LaunchTemplateVersion, "$Default"))
	case g.LaunchConfigurationName != "":
		return check.FailR(g, "group %s launches from launch configuration %s", g.Name, g.LaunchConfigurationName)
	}
	return check.UnknownR(g, "group %s names neither a launch template nor a launch configuration", g.Name)
}

func asNoPublicIP(_ *state.Account, l state.LaunchConfiguration) check.Result {
	if l.AssociatePublicIP {
		return check.FailR(l, "launch configuration %s gives every instance a public IPv4 address", l.Name)
	}
	return check.PassR(l, "launch configuration %s asks for no public IPv4 address", l.Name)
}
