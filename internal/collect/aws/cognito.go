package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// cognitoPage is the largest page of ListIdentityPools and ListUserPools.
const cognitoPage = 60

// cognitoIdentity reads a region's identity pools (IDs and names), then
// each pool's guest access with DescribeIdentityPool.
func (c *collector) cognitoIdentity(ctx context.Context, region string) {
	cl := cognitoidentity.NewFromConfig(c.cfg, func(o *cognitoidentity.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("cognito-identity", region))
	})
	var pools []state.IdentityPool
	err := c.do(ctx, "cognito-identity", "ListIdentityPools", region, "", nil, func(ctx context.Context) error {
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			out, err := cl.ListIdentityPools(ctx, &cognitoidentity.ListIdentityPoolsInput{MaxResults: sdk.Int32(cognitoPage), NextToken: token})
			if err != nil {
				return nil, err
			}
			for _, p := range out.IdentityPools {
				id := str(p.IdentityPoolId)
				pools = append(pools, state.IdentityPool{Meta: meta(c.arn("cognito-identity", region, c.accountID, "identitypool/"+id), region, nil),
					ID: id, Name: str(p.IdentityPoolName)})
			}
			return out.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(pools), func() {
		c.rec.Update(func(a *state.Account) { a.Cognito.IdentityPools = append(a.Cognito.IdentityPools, pools...) })
	})
	for i := range pools {
		x := &pools[i]
		c.item("cognito-identity", region, x.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "cognito-identity", "DescribeIdentityPool", region, x.ARN, nil, func(ctx context.Context) error {
				out, err := cl.DescribeIdentityPool(ctx, &cognitoidentity.DescribeIdentityPoolInput{IdentityPoolId: sdk.String(x.ID)})
				if err != nil {
					return err
				}
				x.AllowUnauthenticated = out.AllowUnauthenticatedIdentities
				x.Tags = tagsOrNil(out.IdentityPoolTags)
				return nil
			})
		}, "DescribeIdentityPool")
	}
}

// cognitoUserPools reads a region's user pools (IDs and names), then each
// pool's password policy with DescribeUserPool.
func (c *collector) cognitoUserPools(ctx context.Context, region string) {
	cl := cognitoidentityprovider.NewFromConfig(c.cfg, func(o *cognitoidentityprovider.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("cognito-idp", region))
	})
	var pools []state.UserPool
	err := c.do(ctx, "cognito-idp", "ListUserPools", region, "", nil, func(ctx context.Context) error {
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			out, err := cl.ListUserPools(ctx, &cognitoidentityprovider.ListUserPoolsInput{MaxResults: sdk.Int32(cognitoPage), NextToken: token})
			if err != nil {
				return nil, err
			}
			for _, p := range out.UserPools {
				id := str(p.Id)
				pools = append(pools, state.UserPool{Meta: meta(c.arn("cognito-idp", region, c.accountID, "userpool/"+id), region, nil), ID: id, Name: str(p.Name)})
			}
			return out.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(pools), func() {
		c.rec.Update(func(a *state.Account) { a.Cognito.UserPools = append(a.Cognito.UserPools, pools...) })
	})
	for i := range pools {
		x := &pools[i]
		c.item("cognito-idp", region, x.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "cognito-idp", "DescribeUserPool", region, x.ARN, nil, func(ctx context.Context) error {
				out, err := cl.DescribeUserPool(ctx, &cognitoidentityprovider.DescribeUserPoolInput{UserPoolId: sdk.String(x.ID)})
				if err != nil {
					return err
				}
				u := out.UserPool
				if u == nil {
					return nil
				}
				x.Tags = tagsOrNil(u.UserPoolTags)
				if u.Policies != nil && u.Policies.PasswordPolicy != nil {
					p := u.Policies.PasswordPolicy
					x.PasswordPolicy = &state.UserPoolPasswordPolicy{MinimumLength: i32(p.MinimumLength), RequireUppercase: p.RequireUppercase,
						RequireLowercase: p.RequireLowercase, RequireNumbers: p.RequireNumbers, RequireSymbols: p.RequireSymbols,
						TemporaryPasswordValidityDays: int(p.TemporaryPasswordValidityDays)}
				}
				return nil
			})
		}, "DescribeUserPool")
	}
}
