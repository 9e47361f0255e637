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
	c := exposureContext(a, p)
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
		ID: "iam_role_trust_not_public",
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
		ID: "iam_role_trust_trusted_accounts",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			return eachRoleTrust(a, p, func(r state.Role, v exposure.Verdict) check.Result {
				return exposureResult(scopeTrusted, r, "role "+r.Name+" trust", v)
			})
		},
	}
}

func iamRoleTrustExternalID() check.Check {
	return check.Check{
		ID: "iam_role_trust_external_id",
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
