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
		ID:    "organizations_account_in_policy_org",
		Title: "The account belongs to the AWS organization the policy names",
		Description: "Resource policies and trust decisions pinned to aws:PrincipalOrgID, and the organization's SCPs and central logging, " +
			"protect the account only while it is a member of that organization. A standalone account, or one moved to another " +
			"organization, silently loses them.",
		Area:     check.AccessSharing,
		Service:  "organizations",
		Severity: check.Medium,
		Remediation: check.Remediation{
			Console:   "AWS Organizations (in the management account of the organization the policy names) > AWS accounts > Add an AWS account > Invite an existing account; accept the invitation in this account. If the policy names the wrong organization, correct organization_id in shoulder.yaml.",
			CLI:       "aws organizations invite-account-to-organization --target Id=<ACCOUNT_ID>,Type=ACCOUNT   # from the management account\naws organizations accept-handshake --handshake-id <HANDSHAKE_ID>   # from this account",
			Terraform: "# In the management account: bring the existing account under management.\nresource \"aws_organizations_account\" \"this\" {\n  name  = \"<ACCOUNT_NAME>\"\n  email = \"<ROOT_EMAIL>\"\n}\n# then: terraform import aws_organizations_account.this <ACCOUNT_ID>",
		},
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
