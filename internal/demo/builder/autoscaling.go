package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// autoScaling adds Alpenglow's Auto Scaling groups: the Frankfurt API
// launches its IMDSv2-only template in three zones with two instance
// types and heals on the load balancer's health checks; the Irish ETL
// workers run one instance type from the latest template version without
// a load balancer; and the agency's 2019 marketing stack in N. Virginia
// still launches from a launch configuration with public IPs and IMDSv1,
// in one zone behind the classic load balancer, on EC2 health checks. A
// launch configuration left over from the API's migration inherits
// Frankfurt's IMDSv2 account default.
func (x *b) autoScaling() {
	fra, dub, iad := "eu-central-1", "eu-west-1", "us-east-1"
	group := func(region, name, uuid string) state.Meta {
		return state.Meta{ARN: x.arn("autoscaling", region, "autoScalingGroup:"+uuid+":autoScalingGroupName/"+name), Region: region, Tags: tags("owner", "platform")}
	}
	lc := func(region, name, uuid string) state.Meta {
		return state.Meta{ARN: x.arn("autoscaling", region, "launchConfiguration:"+uuid+":launchConfigurationName/"+name), Region: region}
	}
	as := &x.a.AutoScaling
	as.Groups = append(as.Groups,
		state.AutoScalingGroup{Meta: group(fra, "api", "5b1c0000-0000-4000-8000-00000000a5a1"), Name: "api",
			AvailabilityZones: []string{fra + "a", fra + "b", fra + "c"}, HealthCheckType: "ELB",
			LoadBalancers:    []string{x.arn("elasticloadbalancing", fra, "targetgroup/api/6d0ecf831eec9f09")},
			LaunchTemplateID: "lt-0a1f0api000000001", LaunchTemplateName: "api", LaunchTemplateVersion: "$Default",
			MixedInstances: true, InstanceTypes: []string{"m7g.large", "m6g.large"}},
		state.AutoScalingGroup{Meta: group(dub, "etl-workers", "5b1c0000-0000-4000-8000-00000000a5a2"), Name: "etl-workers",
			AvailabilityZones: []string{dub + "a", dub + "b"}, HealthCheckType: "EC2",
			LaunchTemplateID: "lt-0a1f0etl000000002", LaunchTemplateName: "etl-worker", LaunchTemplateVersion: "$Latest"},
		state.AutoScalingGroup{Meta: group(iad, "marketing-web", "5b1c0000-0000-4000-8000-00000000a5a3"), Name: "marketing-web",
			AvailabilityZones: []string{iad + "a"}, HealthCheckType: "EC2", LoadBalancers: []string{"marketing-legacy"},
			LaunchConfigurationName: "marketing-web-2019"},
	)
	as.LaunchConfigurations = append(as.LaunchConfigurations,
		state.LaunchConfiguration{Meta: lc(fra, "api-2021", "5b1c0000-0000-4000-8000-00000000a5c1"), Name: "api-2021"},
		state.LaunchConfiguration{Meta: lc(iad, "marketing-web-2019", "5b1c0000-0000-4000-8000-00000000a5c2"), Name: "marketing-web-2019",
			AssociatePublicIP: true, MetadataHTTPTokens: "optional", MetadataHTTPEndpoint: "enabled"},
	)
}
