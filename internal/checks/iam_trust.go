package checks

import (
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/exposure"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// Role trust policies say who may assume a role: they are resource
// policies, judged by exposure.JudgeTrust (docs/exposure.md, "Role trust
// policies"). Three checks read them: nobody-at-all (everyone, or an OIDC
// provider whose audience and subject are not pinned), only trusted
// accounts, and the external ID that third parties need.

func roleTrustChecks() []check.Check {
	return []check.Check{iamRoleTrustNotPublic(), iamRoleTrustTrustedAccounts(), iamRoleTrustExternalID()}
}

// eachRoleTrust runs judge on the trust verdict of every customer role.
// Service-linked roles are not applicable: AWS writes and manages their
// trust policy (only the service may assume them) and the customer cannot
// edit it. A gap on the IAM listing gives one unknown for the account.
func eachRoleTrust(a *state.Account, p *policy.Policy, judge func(state.Role, exposure.Verdict) check.Result) []check.Result {
	// Trust policies come with the roles in GetAccountAuthorizationDetails;
	// the per-role session-duration reads do not matter here.
	if g, ok := a.Gaps.ForInput(state.InputIAMAuthorizationDetails, "", ""); ok {
		return []check.Result{check.GapR(accountRef(a), g)}
	}
	if len(a.IAM.Roles) == 0 {
		return []check.Result{check.NotApplicableR(accountRef(a), "no IAM roles")}
	}
	c := exposure.NewContext(a, p)
	out := make([]check.Result, 0, len(a.IAM.Roles))
	for _, r := range a.IAM.Roles {
		if r.ServiceLinked {
			out = append(out, check.NotApplicableR(r, "role %s is service-linked: AWS manages its trust policy", r.Name))
			continue
		}
		v := exposure.JudgeTrust(r.AssumeRolePolicyDocument, c)
		if v.Level == exposure.Unknown {
			out = append(out, check.UnknownR(r, "role %s: %v", r.Name, v.Err))
			continue
		}
		out = append(out, judge(r, v))
	}
	return out
}

func iamRoleTrustNotPublic() check.Check {
	return check.Check{
		ID:          "iam_role_trust_not_public",
		Title:       "No IAM role can be assumed by everyone",
		Description: "A trust policy that names everyone (\"*\" with no condition that pins trusted accounts or organizations), a web identity provider with no audience, or an OIDC provider (such as GitHub Actions) without conditions on both its aud and sub lets anyone who can get a token assume the role and use its permissions.",
		Area:        check.AccessSharing,
		Service:     "iam",
		Severity:    check.Critical,
		Remediation: check.Remediation{
			Console:   "IAM > Roles > role > Trust relationships > Edit trust policy: replace \"*\" with the accounts or roles that need it (or add aws:PrincipalOrgID); for an OIDC provider add StringEquals on <provider>:aud and StringEquals/StringLike on <provider>:sub naming your repository and branch > Update policy.",
			CLI:       "aws iam get-role --role-name <ROLE> --query Role.AssumeRolePolicyDocument > trust.json  # pin principals, aud and sub\naws iam update-assume-role-policy --role-name <ROLE> --policy-document file://trust.json",
			Terraform: "data \"aws_iam_policy_document\" \"github\" {\n  statement {\n    actions = [\"sts:AssumeRoleWithWebIdentity\"]\n    principals {\n      type        = \"Federated\"\n      identifiers = [aws_iam_openid_connect_provider.github.arn]\n    }\n    condition {\n      test     = \"StringEquals\"\n      variable = \"token.actions.githubusercontent.com:aud\"\n      values   = [\"sts.amazonaws.com\"]\n    }\n    condition {\n      test     = \"StringLike\"\n      variable = \"token.actions.githubusercontent.com:sub\"\n      values   = [\"repo:<ORG>/<REPO>:ref:refs/heads/main\"]\n    }\n  }\n}",
		},
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			return eachRoleTrust(a, p, func(r state.Role, v exposure.Verdict) check.Result {
				if public := v.Describe(exposure.Public); len(public) > 0 {
					return check.FailR(r, "role %s can be assumed by everyone: %s", r.Name, strings.Join(public, "; "))
				}
				return check.PassR(r, "role %s: its trust policy lets no one at large assume it", r.Name)
			})
		},
	}
}

func iamRoleTrustTrustedAccounts() check.Check {
	return check.Check{
		ID:          "iam_role_trust_trusted_accounts",
		Title:       "IAM roles trust only this account and trusted accounts",
		Description: "Every account, organization or identity provider a role's trust policy names can assume the role and act with its permissions; only those the customer trusts (trusted_accounts, organization_id, trusted_organizations in shoulder.yaml) should appear. Service principals and the account's own principals are not a share.",
		Area:        check.AccessSharing,
		Service:     "iam",
		Severity:    check.High,
		Remediation: check.Remediation{
			Console:   "IAM > Roles > role > Trust relationships > Edit trust policy: remove the principals of accounts you do not trust (or add them to trusted_accounts if you do) > Update policy.",
			CLI:       "aws iam get-role --role-name <ROLE> --query Role.AssumeRolePolicyDocument > trust.json  # remove untrusted principals\naws iam update-assume-role-policy --role-name <ROLE> --policy-document file://trust.json",
			Terraform: "data \"aws_iam_policy_document\" \"trust\" {\n  statement {\n    actions = [\"sts:AssumeRole\"]\n    principals {\n      type        = \"AWS\"\n      identifiers = [\"arn:aws:iam::<TRUSTED_ACCOUNT_ID>:root\"]\n    }\n  }\n}",
		},
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			return eachRoleTrust(a, p, func(r state.Role, v exposure.Verdict) check.Result {
				return exposureResult(scopeTrusted, r, "role "+r.Name+" trust", v)
			})
		},
	}
}

func iamRoleTrustExternalID() check.Check {
	return check.Check{
		ID:          "iam_role_trust_external_id",
		Title:       "Roles that third-party accounts assume require an external ID",
		Description: "A role that an account outside this one and trusted_accounts (a vendor, a SaaS) assumes should require sts:ExternalId, so that the vendor cannot be tricked by another of its customers into using your role (the confused deputy). Accounts in trusted_accounts are the customer's own or vouched for and need none.",
		Area:        check.AccessSharing,
		Service:     "iam",
		Severity:    check.High,
		Remediation: check.Remediation{
			Console:   "IAM > Roles > role > Trust relationships > Edit trust policy: add a Condition StringEquals sts:ExternalId with the ID the third party gave you > Update policy.",
			CLI:       "aws iam get-role --role-name <ROLE> --query Role.AssumeRolePolicyDocument > trust.json  # add \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"<EXTERNAL_ID>\"}}\naws iam update-assume-role-policy --role-name <ROLE> --policy-document file://trust.json",
			Terraform: "data \"aws_iam_policy_document\" \"vendor\" {\n  statement {\n    actions = [\"sts:AssumeRole\"]\n    principals {\n      type        = \"AWS\"\n      identifiers = [\"arn:aws:iam::<VENDOR_ACCOUNT_ID>:root\"]\n    }\n    condition {\n      test     = \"StringEquals\"\n      variable = \"sts:ExternalId\"\n      values   = [\"<EXTERNAL_ID>\"]\n    }\n  }\n}",
		},
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			return eachRoleTrust(a, p, func(r state.Role, v exposure.Verdict) check.Result {
				var bare []string
				for _, g := range v.Grants {
					if g.NeedsExternalID() {
						bare = append(bare, g.Who+" ("+g.Name()+")")
					}
				}
				if len(bare) > 0 {
					return check.FailR(r, "role %s can be assumed by third-party account(s) without an sts:ExternalId condition: %s", r.Name, strings.Join(bare, "; "))
				}
				return check.PassR(r, "role %s: every account outside trusted_accounts that it trusts must present an external ID", r.Name)
			})
		},
	}
}
