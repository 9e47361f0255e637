package aws

import (
	"reflect"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/elasticbeanstalk/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// TestApplyBeanstalkOptions: the option settings the checks judge are read
// by namespace and name, absent ones keep Elastic Beanstalk's defaults, and
// a retention counts only for streamed logs.
func TestApplyBeanstalkOptions(t *testing.T) {
	opt := func(ns, name, v string) ebtypes.ConfigurationOptionSetting {
		return ebtypes.ConfigurationOptionSetting{Namespace: sdk.String(ns), OptionName: sdk.String(name), Value: sdk.String(v)}
	}
	retention := opt(state.BeanstalkLogsNamespace, state.BeanstalkOptionRetention, "7")
	for _, tc := range []struct {
		name string
		opts []ebtypes.ConfigurationOptionSetting
		want state.BeanstalkEnvironment
	}{
		{"no options", nil, state.BeanstalkEnvironment{HealthReporting: "basic"}},
		{"defaults as AWS lists them", []ebtypes.ConfigurationOptionSetting{
			opt(state.BeanstalkHealthNamespace, state.BeanstalkOptionSystemType, "basic"),
			opt(state.BeanstalkManagedNamespace, state.BeanstalkOptionManaged, "false"),
			opt(state.BeanstalkLogsNamespace, state.BeanstalkOptionStreamLogs, "false"), retention,
		}, state.BeanstalkEnvironment{HealthReporting: "basic"}},
		{"all on", []ebtypes.ConfigurationOptionSetting{
			opt(state.BeanstalkHealthNamespace, state.BeanstalkOptionSystemType, "Enhanced"),
			opt(state.BeanstalkManagedNamespace, state.BeanstalkOptionManaged, "true"),
			opt(state.BeanstalkUpdateNamespace, state.BeanstalkOptionUpdateLevel, "minor"),
			opt(state.BeanstalkLogsNamespace, state.BeanstalkOptionStreamLogs, "true"), retention,
		}, state.BeanstalkEnvironment{HealthReporting: "enhanced", ManagedUpdates: true, UpdateLevel: "minor", StreamLogs: true, LogRetentionDays: 7}},
		{"same name in another namespace", []ebtypes.ConfigurationOptionSetting{
			opt("aws:elasticbeanstalk:cloudwatch:logs:health", state.BeanstalkOptionStreamLogs, "true"),
		}, state.BeanstalkEnvironment{HealthReporting: "basic"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got state.BeanstalkEnvironment
			applyBeanstalkOptions(&got, tc.opts)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}
