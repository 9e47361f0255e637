package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// cognito adds Alpenglow's Amazon Cognito pools: Frankfurt's shop
// customers sign in to a user pool with a strong password policy and get
// credentials from an identity pool without guest access; the agency's
// Irish promo app hands credentials to guests and its user pool accepts
// 6-character passwords with temporary ones valid 30 days.
func (x *b) cognito() {
	fra, dub := "eu-central-1", "eu-west-1"
	ip := func(region, id, name string, guests bool) state.IdentityPool {
		return state.IdentityPool{Meta: state.Meta{ARN: x.arn("cognito-identity", region, "identitypool/"+id), Region: region}, ID: id, Name: name,
			AllowUnauthenticated: guests}
	}
	up := func(region, id, name string, p state.UserPoolPasswordPolicy) state.UserPool {
		return state.UserPool{Meta: state.Meta{ARN: x.arn("cognito-idp", region, "userpool/"+id), Region: region}, ID: id, Name: name, PasswordPolicy: &p}
	}
	x.a.Cognito.IdentityPools = append(x.a.Cognito.IdentityPools,
		ip(fra, fra+":6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b", "shop-customers", false),
		ip(dub, dub+":0b9a8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d", "promo-guests", true),
	)
	x.a.Cognito.UserPools = append(x.a.Cognito.UserPools,
		up(fra, "eu-central-1_Sh0pCu5t", "shop-customers", state.UserPoolPasswordPolicy{MinimumLength: 12, RequireUppercase: true,
			RequireLowercase: true, RequireNumbers: true, RequireSymbols: true, TemporaryPasswordValidityDays: 3}),
		up(dub, "eu-west-1_Pr0m0Ag3", "promo-signups", state.UserPoolPasswordPolicy{MinimumLength: 6, RequireLowercase: true, TemporaryPasswordValidityDays: 30}),
	)
}
