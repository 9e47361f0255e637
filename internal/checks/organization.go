package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

func organizationChecks() []check.Check {
	return []check.Check{
		organizationsAccountInPolicyOrg(),
	}
}

func organizationsAccountInPolicyOrg() check.Check {
	return check.Check{
		ID: "organizations_account_in_policy_org",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			ref := accountRef(a)
			if p == nil || p.OrganizationID == "" {
				return []check.Result{check.NotApplicableR(ref, "the policy names no organization: set organization_id in shoulder.yaml")}
			}
			if g, ok := a.Gaps.ForInputs("", "", state.InputOrganization); ok {
				return []check.Result{check.GapR(ref, g)}
			}
			switch {
			case a.Organization == nil:
				return []check.Result{check.FailR(ref, "the account is not a member of any organization; the policy expects %s", p.OrganizationID)}
			case a.Organization.ID != p.OrganizationID:
				return []check.Result{check.FailR(ref, "the account is a member of %s, not of %s as the policy says", a.Organization.ID, p.OrganizationID)}
			}
			return []check.Result{check.PassR(ref, "the account is a member of %s", p.OrganizationID)}
		},
	}
}
