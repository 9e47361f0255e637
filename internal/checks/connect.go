package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// connectChecks are the customer's duties on Amazon Connect (svc-connect):
// AWS runs the contact center, its telephony and its storage, but whether
// an instance's flows leave a record in CloudWatch Logs is the instance
// owner's setting.
func connectChecks() []check.Check {
	return []check.Check{{
		ID: "connect_instance_flow_logs_enabled",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "connect", []state.Input{state.InputConnectInstances}, a.Connect.Instances, func(x state.ConnectInstance) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputConnectInstanceLogging, x.Region, x.ARN); ok {
					return check.GapR(x, g)
				}
				if !x.FlowLogsRead {
					return check.UnknownR(x, "instance %s's flow-logs setting was not reported", x.Alias)
				}
				return connectFlowLogs(x)
			})
		},
	}}
}

// connectFlowLogs: FSBP Connect.2 (AWS Config connect-instance-logging-enabled),
// the instance's CONTACTFLOW_LOGS attribute is on, so its flows publish
// logs to a CloudWatch log group.
func connectFlowLogs(x state.ConnectInstance) check.Result {
	if !x.FlowLogs {
		return check.FailR(x, "instance %s does not publish flow logs to CloudWatch Logs (CONTACTFLOW_LOGS is off)", x.Alias)
	}
	return check.PassR(x, "instance %s publishes flow logs to CloudWatch Logs", x.Alias)
}
