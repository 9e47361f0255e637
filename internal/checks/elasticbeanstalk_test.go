package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const dsBeanstalkARN = "arn:aws:elasticbeanstalk:eu-west-1:" + testAccountID + ":environment/shop/shop-web"

// dsBeanstalkEnv adds environment "shop-web" of application "shop" in
// eu-west-1, configured with enhanced health, managed minor updates and
// logs streamed for 30 days; edited by mut.
func dsBeanstalkEnv(mut func(e *state.BeanstalkEnvironment)) func(*state.Account) {
	return func(a *state.Account) {
		e := state.BeanstalkEnvironment{Meta: state.Meta{ARN: dsBeanstalkARN, Region: "eu-west-1"}, Name: "shop-web", Application: "shop",
			Tier: "WebServer", Status: "Ready", Configured: true, HealthReporting: "enhanced", ManagedUpdates: true, UpdateLevel: "minor",
			StreamLogs: true, LogRetentionDays: 30}
		if mut != nil {
			mut(&e)
		}
		a.ElasticBeanstalk.Environments = append(a.ElasticBeanstalk.Environments, e)
	}
}

func elasticBeanstalkCases() map[string][]checkCase {
	c := func(name string, m func(*state.BeanstalkEnvironment), want check.Status, msg string) checkCase {
		return checkCase{name: name, acct: baseAccount(dsBeanstalkEnv(m)), want: dsWant(want), msg: msg}
	}
	// unknowns are the cases every Elastic Beanstalk check shares: a
	// configuration never reported or whose read failed, a listing denied.
	unknowns := func() []checkCase {
		unread := func(e *state.BeanstalkEnvironment) {
			*e = state.BeanstalkEnvironment{Meta: e.Meta, Name: e.Name, Application: e.Application, Tier: e.Tier}
		}
		return []checkCase{
			c("not configured", unread, dsU, "not reported"),
			{name: "configuration denied", acct: baseAccount(dsBeanstalkEnv(unread),
				dsGap("elasticbeanstalk", "eu-west-1", "DescribeConfigurationSettings", dsBeanstalkARN)), want: dsWant(dsU)},
			{name: "listing denied", acct: baseAccount(dsBeanstalkEnv(nil), dsGap("elasticbeanstalk", "eu-west-1", "DescribeEnvironments", "")), want: dsWant(dsU)},
			{name: "listing denied elsewhere", acct: baseAccount(dsBeanstalkEnv(nil), dsGap("elasticbeanstalk", "us-east-1", "DescribeEnvironments", "")), want: dsWant(dsU, dsP)},
		}
	}
	return map[string][]checkCase{
		"elasticbeanstalk_environment_enhanced_health_reporting": append([]checkCase{
			c("enhanced", nil, dsP, "enhanced health"),
			c("basic", func(e *state.BeanstalkEnvironment) { e.HealthReporting = "basic" }, dsF, "basic health (health reporting basic)"),
		}, unknowns()...),
		"elasticbeanstalk_environment_managed_updates_enabled": append([]checkCase{
			c("minor", nil, dsP, "level minor"),
			c("patch", func(e *state.BeanstalkEnvironment) { e.UpdateLevel = "patch" }, dsP, "level patch"),
			c("off", func(e *state.BeanstalkEnvironment) { e.ManagedUpdates, e.UpdateLevel = false, "" }, dsF, "managed platform updates off"),
		}, unknowns()...),
		"elasticbeanstalk_environment_cloudwatch_logging_enabled": append([]checkCase{
			c("streamed", nil, dsP, "kept 30 days"),
			c("not streamed", func(e *state.BeanstalkEnvironment) { e.StreamLogs, e.LogRetentionDays = false, 0 }, dsF, "does not stream"),
		}, unknowns()...),
	}
}
