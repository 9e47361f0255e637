package checks

import "github.com/shoulder-dev/shoulder/internal/state"

// ssmAutomationCases: the Automation log destination per region.
func ssmAutomationCases() map[string][]checkCase {
	dest := func(eu, us string) func(*state.Account) {
		return func(a *state.Account) {
			a.SSM.RegionSettings = []state.SSMRegionSettings{{Region: "eu-west-1", AutomationLogDestination: eu}, {Region: "us-east-1", AutomationLogDestination: us}}
		}
	}
	return map[string][]checkCase{
		"ssm_automation_cloudwatch_logging": {
			{name: "cloudwatch everywhere", acct: baseAccount(dest("CloudWatch", "CloudWatch")), want: sts(stP, stP)},
			{name: "default none in us", acct: baseAccount(dest("None", "CloudWatch")), want: sts(stF, stP), msg: "destination None"},
			{name: "not collected", acct: baseAccount(), want: sts(stU, stU)},
			{name: "only the document setting read", acct: baseAccount(dest("CloudWatch", "")), want: sts(stP, stU)},
			{name: "denied", acct: baseAccount(dest("CloudWatch", "CloudWatch"), nwUSGap("ssm", "GetServiceSetting")), want: sts(stP, stU)},
		},
	}
}
