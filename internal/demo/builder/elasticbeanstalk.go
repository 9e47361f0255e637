package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// elasticBeanstalk adds Alpenglow's Elastic Beanstalk environments
// (svc-eb): the Frankfurt shop's storefront takes managed minor updates,
// reports enhanced health and streams its logs for 90 days; its worker
// takes patch updates but keeps its logs on the instances; the agency's
// landing pages in N. Virginia run on basic health without managed
// updates, streaming their logs for a week.
func (x *b) elasticBeanstalk() {
	fra, iad := "eu-central-1", "us-east-1"
	env := func(region, app, name, id, tier, platform string, e state.BeanstalkEnvironment) state.BeanstalkEnvironment {
		e.Meta = state.Meta{ARN: x.arn("elasticbeanstalk", region, "environment/"+app+"/"+name), Region: region}
		e.Name, e.ID, e.Application, e.Tier, e.Status, e.Configured = name, id, app, tier, "Ready", true
		e.Platform = "arn:aws:elasticbeanstalk:" + region + "::platform/" + platform
		return e
	}
	py, node := "Python 3.11 running on 64bit Amazon Linux 2023/4.3.0", "Node.js 18 running on 64bit Amazon Linux 2023/6.1.0"
	x.a.ElasticBeanstalk.Environments = append(x.a.ElasticBeanstalk.Environments,
		env(fra, "storefront", "storefront-prod", "e-7ksm2p4qxa", "WebServer", py,
			state.BeanstalkEnvironment{HealthReporting: "enhanced", ManagedUpdates: true, UpdateLevel: "minor", StreamLogs: true, LogRetentionDays: 90}),
		env(fra, "storefront", "storefront-worker", "e-3bfn8w2tzc", "Worker", py,
			state.BeanstalkEnvironment{HealthReporting: "enhanced", ManagedUpdates: true, UpdateLevel: "patch"}),
		env(iad, "agency-landing", "agency-landing-prod", "e-9hqd5r1mve", "WebServer", node,
			state.BeanstalkEnvironment{HealthReporting: "basic", StreamLogs: true, LogRetentionDays: 7}),
	)
}
