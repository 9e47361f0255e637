package synth

import (
	"fmt"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// autoScaling generates region r's Auto Scaling groups and launch
// configurations, every field the collectors read drawn at random: most
// groups launch a template in two or three zones, a fifth still use a
// launch configuration, about half sit behind a target group or a classic
// load balancer.
func (g *gen) autoScaling(r string) {
	as := &g.a.AutoScaling
	var lcs []string
	for k := count(g.n, "launchconfig") / len(g.regions); k > 0; k-- {
		name := g.id("lc-")
		l := state.LaunchConfiguration{Meta: state.Meta{ARN: g.arn("autoscaling", r, "launchConfiguration:"+g.uuid()+":launchConfigurationName/"+name), Region: r},
			Name: name, AssociatePublicIP: g.chance(30), MetadataHTTPTokens: g.pick("", "optional", "required", "required")}
		if l.MetadataHTTPTokens != "" {
			l.MetadataHTTPEndpoint = g.pick("enabled", "enabled", "enabled", "disabled")
		}
		as.LaunchConfigurations = append(as.LaunchConfigurations, l)
		lcs = append(lcs, name)
	}
	for k := count(g.n, "asg") / len(g.regions); k > 0; k-- {
		name := g.id("asg-")
		x := state.AutoScalingGroup{Meta: state.Meta{ARN: g.arn("autoscaling", r, "autoScalingGroup:"+g.uuid()+":autoScalingGroupName/"+name), Region: r, Tags: g.tags()},
			Name: name, HealthCheckType: g.pick("EC2", "EC2", "ELB")}
		for _, z := range []string{"a", "b", "c"}[:1+g.rng.IntN(3)] {
			x.AvailabilityZones = append(x.AvailabilityZones, r+z)
		}
		switch {
		case g.chance(35):
			x.LoadBalancers = []string{g.arn("elasticloadbalancing", r, "targetgroup/"+g.id("tg-")+"/0123456789abcdef")}
		case g.chance(15):
			x.LoadBalancers = []string{g.id("clb-")}
		}
		if len(lcs) > 0 && g.chance(20) {
			x.LaunchConfigurationName = lcs[g.rng.IntN(len(lcs))]
		} else {
			x.LaunchTemplateID, x.LaunchTemplateName = g.id("lt-"), g.id("tmpl-")
			x.LaunchTemplateVersion = g.pick("$Default", "$Latest", "3")
			if g.chance(40) {
				x.MixedInstances = true
				x.InstanceTypes = []string{g.pick("m6i.large", "c6i.large", "m7g.large")}
				if g.coin() {
					x.InstanceTypes = append(x.InstanceTypes, g.pick("m5.large", "c5.large", "r6i.large"))
				}
				x.AttributeBased = g.chance(10)
			}
		}
		as.Groups = append(as.Groups, x)
	}
}

// uuid is a random identifier in the 8-4-4-4-12 form of Auto Scaling ARNs.
func (g *gen) uuid() string {
	u := g.rng.Uint64()
	v := g.rng.Uint64()
	return fmt.Sprintf("%08x-%04x-4%03x-8%03x-%012x", uint32(u), uint16(u>>32), uint16(u>>48)&0xfff, uint16(v)&0xfff, v>>16&0xffffffffffff)
}
