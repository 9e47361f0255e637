package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func encryptionAtRestCases() map[string][]checkCase {
	settings := func(eu, us bool) func(*state.Account) {
		return func(a *state.Account) {
			a.EC2.RegionSettings = []state.EC2RegionSettings{
				{Region: "eu-west-1", EBSEncryptionByDefault: eu},
				{Region: "us-east-1", EBSEncryptionByDefault: us},
			}
		}
	}
	return map[string][]checkCase{
		"ec2_ebs_default_encryption": {
			{name: "both on", acct: baseAccount(settings(true, true)), want: []check.Status{check.Pass, check.Pass}},
			{name: "one off", acct: baseAccount(settings(true, false)), want: []check.Status{check.Pass, check.Fail}, msg: "eu-west-1"},
			{name: "denied in eu", acct: baseAccount(settings(false, true), withGap(state.Gap{Service: "ec2", Region: "eu-west-1", Operation: "GetEbsEncryptionByDefault", Reason: state.ReasonAccessDenied})),
				want: []check.Status{check.Unknown, check.Pass}},
			{name: "not collected", acct: baseAccount(), want: []check.Status{check.Unknown, check.Unknown}},
		},
	}
}
