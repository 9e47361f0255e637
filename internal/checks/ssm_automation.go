package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// ssmAutomationChecks are the SSM Automation controls (svc-last: SSM.6).
func ssmAutomationChecks() []check.Check {
	return []check.Check{ssmAutomationCloudWatchLogging()}
}

// ssmAutomationCloudWatchLogging asks, per scanned region, whether SSM
// Automation sends the output of its script steps to CloudWatch Logs
// (/ssm/automation/customer-script-log-destination = CloudWatch).
func ssmAutomationCloudWatchLogging() check.Check {
	return check.Check{
		ID: "ssm_automation_cloudwatch_logging",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			var out []check.Result
			for _, r := range everyRegion(a, "ssm", &out) {
				ref := regionRef(a, "ssm", r)
				if g, ok := a.Gaps.ForInput(state.InputSSMAutomationLogSetting, r, ""); ok {
					out = append(out, check.GapR(ref, g))
					continue
				}
				s, ok := a.SSM.Settings(r)
				switch {
				case !ok || s.AutomationLogDestination == "":
					out = append(out, check.UnknownR(ref, "the SSM Automation log destination was not collected in %s", r))
				case s.AutomationLogDestination == "CloudWatch":
					out = append(out, check.PassR(ref, "SSM Automation sends script output to CloudWatch Logs in %s", r))
				default:
					out = append(out, check.FailR(ref, "SSM Automation does not log to CloudWatch in %s (destination %s)", r, s.AutomationLogDestination))
				}
			}
			return out
		},
	}
}
