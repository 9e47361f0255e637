package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func loggingCases() map[string][]checkCase {
	trail := func(t state.Trail) func(*state.Account) {
		return func(a *state.Account) {
			t.Meta = state.Meta{ARN: "arn:aws:cloudtrail:eu-west-1:111122223333:trail/main", Region: "eu-west-1"}
			a.CloudTrail.Trails = append(a.CloudTrail.Trails, t)
		}
	}
	good := state.Trail{Name: "main", IsMultiRegion: true, IsLogging: true, ManagementEvents: true, ReadWriteType: "All"}
	stopped := good
	stopped.IsLogging = false
	writeOnly := good
	writeOnly.ReadWriteType = "WriteOnly"
	org := good
	org.IsOrganization = true
	org.OwnerAccountID = "999988887777"
	return map[string][]checkCase{
		"cloudtrail_multi_region_enabled": {
			{name: "good trail", acct: baseAccount(trail(good)), want: []check.Status{check.Pass}},
			{name: "organization trail covers member", acct: baseAccount(trail(org)), want: []check.Status{check.Pass}, msg: "organization trail"},
			{name: "no trails", acct: baseAccount(), want: []check.Status{check.Fail}},
			{name: "stopped", acct: baseAccount(trail(stopped)), want: []check.Status{check.Fail}},
			{name: "write only", acct: baseAccount(trail(writeOnly)), want: []check.Status{check.Fail}},
			{name: "denied", acct: baseAccount(withGap(state.Gap{Service: "cloudtrail", Region: "us-east-1", Operation: "DescribeTrails", Reason: state.ReasonAccessDenied})), want: []check.Status{check.Unknown}},
		},
	}
}
