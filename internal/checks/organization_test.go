package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func organizationCases() map[string][]checkCase {
	org := func(id string) func(*state.Account) {
		return func(a *state.Account) { a.Organization = &state.Organization{ID: id, MasterAccountID: "999988887777"} }
	}
	want := &policy.Policy{OrganizationID: "o-abcdefghij"}
	return map[string][]checkCase{
		"organizations_account_in_policy_org": {
			{name: "member of the named organization", acct: baseAccount(org("o-abcdefghij")), pol: want, want: []check.Status{check.Pass}},
			{name: "member of another organization", acct: baseAccount(org("o-zzzzzzzzzz")), pol: want, want: []check.Status{check.Fail}, msg: "member of o-zzzzzzzzzz, not of o-abcdefghij"},
			{name: "standalone account", acct: baseAccount(), pol: want, want: []check.Status{check.Fail}, msg: "not a member of any organization"},
			{name: "membership not readable", acct: baseAccount(withGap(state.Gap{Service: "organizations", Operation: "DescribeOrganization", Reason: state.ReasonAccessDenied})), pol: want,
				want: []check.Status{check.Unknown}, msg: "DescribeOrganization"},
			{name: "policy names no organization", acct: baseAccount(org("o-abcdefghij")), want: []check.Status{check.NotApplicable}, msg: "organization_id"},
		},
	}
}
