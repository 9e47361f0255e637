package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const (
	dsIdentityPoolARN = "arn:aws:cognito-identity:eu-west-1:" + testAccountID + ":identitypool/eu-west-1:1111-2222"
	dsUserPoolARN     = "arn:aws:cognito-idp:eu-west-1:" + testAccountID + ":userpool/eu-west-1_AbCdEf"
)

// dsCognito adds, in eu-west-1, identity pool "app" without guest access
// and user pool "customers" with a strong password policy, edited by the
// mutators (nil: unchanged).
func dsCognito(ip func(*state.IdentityPool), up func(*state.UserPool)) func(*state.Account) {
	return func(a *state.Account) {
		x := state.IdentityPool{Meta: state.Meta{ARN: dsIdentityPoolARN, Region: "eu-west-1"}, ID: "eu-west-1:1111-2222", Name: "app"}
		y := state.UserPool{Meta: state.Meta{ARN: dsUserPoolARN, Region: "eu-west-1"}, ID: "eu-west-1_AbCdEf", Name: "customers",
			PasswordPolicy: &state.UserPoolPasswordPolicy{MinimumLength: 12, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true,
				RequireSymbols: true, TemporaryPasswordValidityDays: 7}}
		if ip != nil {
			ip(&x)
		}
		if up != nil {
			up(&y)
		}
		a.Cognito.IdentityPools = append(a.Cognito.IdentityPools, x)
		a.Cognito.UserPools = append(a.Cognito.UserPools, y)
	}
}

func cognitoCases() map[string][]checkCase {
	pw := func(name string, mut func(*state.UserPoolPasswordPolicy), want check.Status) checkCase {
		return checkCase{name: name, acct: baseAccount(dsCognito(nil, func(u *state.UserPool) { mut(u.PasswordPolicy) })), want: dsWant(want)}
	}
	return map[string][]checkCase{
		"cognito_identity_pool_no_guest_access": {
			{name: "authenticated only", acct: baseAccount(dsCognito(nil, nil)), want: dsWant(dsP)},
			{name: "guests", acct: baseAccount(dsCognito(func(x *state.IdentityPool) { x.AllowUnauthenticated = true }, nil)), want: dsWant(dsF)},
			{name: "listing denied", acct: baseAccount(dsCognito(nil, nil), dsGap("cognito-identity", "eu-west-1", "ListIdentityPools", "")), want: dsWant(dsU)},
			{name: "describe denied", acct: baseAccount(dsCognito(nil, nil), dsGap("cognito-identity", "eu-west-1", "DescribeIdentityPool", dsIdentityPoolARN)), want: dsWant(dsU)},
		},
		"cognito_user_pool_strong_password_policy": {
			pw("strong", func(*state.UserPoolPasswordPolicy) {}, dsP),
			pw("exactly 8 characters", func(p *state.UserPoolPasswordPolicy) { p.MinimumLength = 8 }, dsP),
			pw("7 characters", func(p *state.UserPoolPasswordPolicy) { p.MinimumLength = 7 }, dsF),
			pw("no symbols", func(p *state.UserPoolPasswordPolicy) { p.RequireSymbols = false }, dsF),
			pw("no upper case", func(p *state.UserPoolPasswordPolicy) { p.RequireUppercase = false }, dsF),
			pw("temporary 8 days", func(p *state.UserPoolPasswordPolicy) { p.TemporaryPasswordValidityDays = 8 }, dsF),
			// exposure-gaps: every threshold of the Config rule behind Cognito.3 pinned.
			pw("no lower case", func(p *state.UserPoolPasswordPolicy) { p.RequireLowercase = false }, dsF),
			pw("no numbers", func(p *state.UserPoolPasswordPolicy) { p.RequireNumbers = false }, dsF),
			pw("temporary exactly 7 days", func(p *state.UserPoolPasswordPolicy) { p.TemporaryPasswordValidityDays = 7 }, dsP),
			pw("temporary 0 days is the default 7", func(p *state.UserPoolPasswordPolicy) { p.TemporaryPasswordValidityDays = 0 }, dsP),
			{name: "policy not reported", acct: baseAccount(dsCognito(nil, func(u *state.UserPool) { u.PasswordPolicy = nil })), want: dsWant(dsU)},
			{name: "listing denied", acct: baseAccount(dsCognito(nil, nil), dsGap("cognito-idp", "eu-west-1", "ListUserPools", "")), want: dsWant(dsU)},
			{name: "describe denied", acct: baseAccount(dsCognito(nil, nil), dsGap("cognito-idp", "eu-west-1", "DescribeUserPool", dsUserPoolARN)), want: dsWant(dsU)},
		},
	}
}
