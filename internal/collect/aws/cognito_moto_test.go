package aws

import (
	"context"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	cogtypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// buildCognito creates, in the region, identity pool "app-identities"
// (guests allowed unless secure) and user pool "customers" whose password
// policy is strong when secure (14 characters, every class, one-day
// temporary passwords) and weak otherwise (6 characters, no classes).
func buildCognito(ctx context.Context, cfg sdk.Config, secure bool) {
	must(cognitoidentity.NewFromConfig(cfg).CreateIdentityPool(ctx, &cognitoidentity.CreateIdentityPoolInput{
		IdentityPoolName: sdk.String("app-identities"), AllowUnauthenticatedIdentities: !secure}))
	p := &cogtypes.PasswordPolicyType{MinimumLength: sdk.Int32(6), TemporaryPasswordValidityDays: 30}
	if secure {
		p = &cogtypes.PasswordPolicyType{MinimumLength: sdk.Int32(14), RequireUppercase: true, RequireLowercase: true, RequireNumbers: true,
			RequireSymbols: true, TemporaryPasswordValidityDays: 1}
	}
	must(cognitoidentityprovider.NewFromConfig(cfg).CreateUserPool(ctx, &cognitoidentityprovider.CreateUserPoolInput{PoolName: sdk.String("customers"),
		Policies: &cogtypes.UserPoolPolicyType{PasswordPolicy: p}}))
}

// TestMotoCognito: each region's identity pool (guest access) and user
// pool (password policy) are read back, with ARNs built from their IDs.
func TestMotoCognito(t *testing.T) {
	_, res := collected(t)
	a := res.Account
	for _, r := range scenarioRegions {
		secure := r == secureRegion
		t.Run(r, func(t *testing.T) {
			ip := find(t, "identity pool", a.Cognito.IdentityPools, func(x state.IdentityPool) string { return x.Region + "/" + x.Name }, r+"/app-identities")
			eq(t, "identity pool arn", ip.ARN, "arn:aws:cognito-identity:"+r+":"+motoAccount+":identitypool/"+ip.ID)
			eq(t, "guests", ip.AllowUnauthenticated, !secure)
			up := find(t, "user pool", a.Cognito.UserPools, func(x state.UserPool) string { return x.Region + "/" + x.Name }, r+"/customers")
			eq(t, "user pool arn", up.ARN, "arn:aws:cognito-idp:"+r+":"+motoAccount+":userpool/"+up.ID)
			pp := up.PasswordPolicy
			if pp == nil {
				t.Fatalf("user pool %+v has no password policy", up)
			}
			if secure {
				eq(t, "strong policy", *pp, state.UserPoolPasswordPolicy{MinimumLength: 14, RequireUppercase: true, RequireLowercase: true,
					RequireNumbers: true, RequireSymbols: true, TemporaryPasswordValidityDays: 1})
			} else {
				eq(t, "weak policy", *pp, state.UserPoolPasswordPolicy{MinimumLength: 6, TemporaryPasswordValidityDays: 30})
			}
		})
	}
}
