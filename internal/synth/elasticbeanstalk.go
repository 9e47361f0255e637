package synth

import "github.com/shoulder-dev/shoulder/internal/state"

// elasticBeanstalk generates region r's Elastic Beanstalk environments
// (svc-eb): a quarter workers, four fifths on enhanced health (the
// console's default), a little over half taking managed platform updates
// (most at minor level), a third streaming their logs to CloudWatch Logs.
func (g *gen) elasticBeanstalk(r string) {
	for k := count(g.n, "beanstalkenv") / len(g.regions); k > 0; k-- {
		app := g.id("app-")
		name := app + "-" + g.pick("prod", "prod", "staging", "dev")
		e := state.BeanstalkEnvironment{Meta: state.Meta{ARN: g.arn("elasticbeanstalk", r, "environment/"+app+"/"+name), Region: r},
			Name: name, ID: g.id("e-"), Application: app, Tier: "WebServer", Status: "Ready", Configured: true, HealthReporting: "basic",
			Platform: "arn:aws:elasticbeanstalk:" + r + "::platform/" + g.pick("Python 3.11 running on 64bit Amazon Linux 2023/4.3.0",
				"Node.js 20 running on 64bit Amazon Linux 2023/6.2.0", "Docker running on 64bit Amazon Linux 2023/4.4.0",
				"Corretto 17 running on 64bit Amazon Linux 2023/4.2.0", "PHP 8.2 running on 64bit Amazon Linux 2/3.6.0")}
		if g.chance(25) {
			e.Tier = "Worker"
		}
		if g.chance(80) {
			e.HealthReporting = "enhanced"
		}
		if g.chance(55) {
			e.ManagedUpdates, e.UpdateLevel = true, g.pick("minor", "minor", "patch")
		}
		if g.chance(33) {
			e.StreamLogs, e.LogRetentionDays = true, g.pick2(7, 30, 90, 365)
		}
		g.a.ElasticBeanstalk.Environments = append(g.a.ElasticBeanstalk.Environments, e)
	}
}
