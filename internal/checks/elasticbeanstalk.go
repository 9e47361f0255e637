package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// elasticBeanstalkChecks are the customer's duties on AWS Elastic
// Beanstalk: AWS builds and publishes the platforms, but whether an
// environment takes their updates, reports its instances' health in detail
// and keeps its logs beyond the instances is the environment owner's
// configuration.
func elasticBeanstalkChecks() []check.Check {
	return []check.Check{beanstalkEnhancedHealth(), beanstalkManagedUpdates(), beanstalkLogsToCloudWatch()}
}

// eachBeanstalkEnvironment judges every environment whose configuration
// was read; an environment whose configuration read failed is unknown with
// its gap, one never read is unknown.
func eachBeanstalkEnvironment(a *state.Account, judge func(e state.BeanstalkEnvironment) check.Result) []check.Result {
	return eachRegional(a, "elasticbeanstalk", []state.Input{state.InputBeanstalkEnvironments}, a.ElasticBeanstalk.Environments, func(e state.BeanstalkEnvironment) check.Result {
		if g, ok := a.Gaps.ForInput(state.InputBeanstalkEnvironmentConfig, e.Region, e.ARN); ok {
			return check.GapR(e, g)
		}
		if !e.Configured {
			return check.UnknownR(e, "environment %s's configuration was not reported", e.Name)
		}
		return judge(e)
	})
}

// beanstalkEnhancedHealth (FSBP ElasticBeanstalk.1): health reporting
// "enhanced" passes; basic health fails.
func beanstalkEnhancedHealth() check.Check {
	return check.Check{
		ID: "elasticbeanstalk_environment_enhanced_health_reporting",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachBeanstalkEnvironment(a, func(e state.BeanstalkEnvironment) check.Result {
				if e.EnhancedHealth() {
					return check.PassR(e, "environment %s reports enhanced health", e.Name)
				}
				return check.FailR(e, "environment %s reports only basic health (health reporting %s)", e.Name, orNone(e.HealthReporting))
			})
		},
	}
}

// beanstalkManagedUpdates (FSBP ElasticBeanstalk.2): managed platform
// updates on passes, at either update level.
func beanstalkManagedUpdates() check.Check {
	return check.Check{
		ID: "elasticbeanstalk_environment_managed_updates_enabled",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachBeanstalkEnvironment(a, func(e state.BeanstalkEnvironment) check.Result {
				if e.ManagedUpdates {
					return check.PassR(e, "environment %s takes managed platform updates (level %s)", e.Name, orNone(e.UpdateLevel))
				}
				return check.FailR(e, "environment %s has managed platform updates off: its platform is patched only when someone updates it", e.Name)
			})
		},
	}
}

// beanstalkLogsToCloudWatch (FSBP ElasticBeanstalk.3): instance logs
// streamed to CloudWatch Logs pass.
func beanstalkLogsToCloudWatch() check.Check {
	return check.Check{
		ID: "elasticbeanstalk_environment_cloudwatch_logging_enabled",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachBeanstalkEnvironment(a, func(e state.BeanstalkEnvironment) check.Result {
				if e.StreamLogs {
					return check.PassR(e, "environment %s streams its instance logs to CloudWatch Logs (kept %d days)", e.Name, e.LogRetentionDays)
				}
				return check.FailR(e, "environment %s does not stream its instance logs to CloudWatch Logs: they are lost with its instances", e.Name)
			})
		},
	}
}
