package checks

import (
	"strconv"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// The strong user pool password policy of FSBP Cognito.3, the control's
// default parameters: at least 8 characters, upper and lower case letters,
// numbers and symbols required, temporary passwords valid at most 7 days.
// Verified (exposure-gaps) against the AWS Config rule the control runs,
// cognito-user-pool-password-policy-check: minLength 8, requireUppercase,
// requireLowercase, requireNumbers, requireSymbols true,
// temporaryPasswordValidity 7 (sources in the check's meta yaml).
// No policy key: the policy file has no password setting to extend (the
// IAM password checks hard-code theirs too).
const (
	cognitoMinPasswordLength   = 8
	cognitoMaxTemporaryDays    = 7
	cognitoPasswordControlText = "at least 8 characters, upper and lower case, numbers and symbols, temporary passwords valid at most 7 days"
)

// cognitoChecks are the customer's duties on Amazon Cognito: AWS runs the
// identity service, but whether an identity pool hands credentials to
// guests and how strong a user pool's passwords must be are the pool
// owner's settings (FSBP Cognito.2, Cognito.3).
func cognitoChecks() []check.Check {
	return []check.Check{
		{ID: "cognito_identity_pool_no_guest_access", Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "cognito-identity", []state.Input{state.InputCognitoIdentityPools}, a.Cognito.IdentityPools, func(x state.IdentityPool) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputCognitoIdentityPoolGuest, x.Region, x.ARN); ok {
					return check.GapR(x, g)
				}
				if x.AllowUnauthenticated {
					return check.FailR(x, "identity pool %s gives AWS credentials to unauthenticated identities (guests)", x.Name)
				}
				return check.PassR(x, "identity pool %s gives credentials only to authenticated identities", x.Name)
			})
		}},
		{ID: "cognito_user_pool_strong_password_policy", Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "cognito-idp", []state.Input{state.InputCognitoUserPools}, a.Cognito.UserPools, func(x state.UserPool) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputCognitoUserPoolPolicy, x.Region, x.ARN); ok {
					return check.GapR(x, g)
				}
				if x.PasswordPolicy == nil {
					return check.UnknownR(x, "user pool %s's password policy was not reported", x.Name)
				}
				if weak := weakPasswordPolicy(*x.PasswordPolicy); len(weak) > 0 {
					return check.FailR(x, "user pool %s's password policy is weak: %s (want %s)", x.Name, strings.Join(weak, "; "), cognitoPasswordControlText)
				}
				return check.PassR(x, "user pool %s requires strong passwords (%s)", x.Name, cognitoPasswordControlText)
			})
		}},
	}
}

// weakPasswordPolicy lists what falls short of Cognito.3's thresholds.
func weakPasswordPolicy(p state.UserPoolPasswordPolicy) []string {
	var out []string
	if p.MinimumLength < cognitoMinPasswordLength {
		out = append(out, "passwords need only "+strconv.Itoa(p.MinimumLength)+" characters")
	}
	for _, r := range []struct {
		on   bool
		what string
	}{{p.RequireUppercase, "upper case"}, {p.RequireLowercase, "lower case"}, {p.RequireNumbers, "numbers"}, {p.RequireSymbols, "symbols"}} {
		if !r.on {
			out = append(out, r.what+" not required")
		}
	}
	if p.TemporaryPasswordValidityDays > cognitoMaxTemporaryDays {
		out = append(out, "temporary passwords valid "+strconv.Itoa(p.TemporaryPasswordValidityDays)+" days")
	}
	return out
}
