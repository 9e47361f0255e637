package aws

import (
	"context"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/appsync"
	astypes "github.com/aws/aws-sdk-go-v2/service/appsync/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// buildAppSync creates, in the region, GraphQL API "orders" and (insecure
// regions) "promo". When secure, orders authorizes with IAM, logs fields
// at ERROR and has a cache encrypted at rest and in transit; otherwise it
// takes API keys as an additional mode, has no log configuration and an
// unencrypted cache. promo has no cache (GetApiCache answers
// NotFoundException: not a gap).
func buildAppSync(ctx context.Context, cfg sdk.Config, secure bool) {
	c := appsync.NewFromConfig(cfg)
	in := &appsync.CreateGraphqlApiInput{Name: sdk.String("orders"), AuthenticationType: astypes.AuthenticationTypeAwsIam}
	if secure {
		in.LogConfig = &astypes.LogConfig{FieldLogLevel: astypes.FieldLogLevelError, CloudWatchLogsRoleArn: sdk.String("arn:aws:iam::" + motoAccount + ":role/appsync-logs")}
	} else {
		in.AdditionalAuthenticationProviders = []astypes.AdditionalAuthenticationProvider{{AuthenticationType: astypes.AuthenticationTypeApiKey}}
	}
	api := must(c.CreateGraphqlApi(ctx, in))
	must(c.CreateApiCache(ctx, &appsync.CreateApiCacheInput{ApiId: api.GraphqlApi.ApiId, Ttl: 300, Type: astypes.ApiCacheTypeSmall,
		ApiCachingBehavior: astypes.ApiCachingBehaviorFullRequestCaching, AtRestEncryptionEnabled: secure, TransitEncryptionEnabled: secure}))
	if !secure {
		must(c.CreateGraphqlApi(ctx, &appsync.CreateGraphqlApiInput{Name: sdk.String("promo"), AuthenticationType: astypes.AuthenticationTypeApiKey,
			LogConfig: &astypes.LogConfig{FieldLogLevel: astypes.FieldLogLevelNone, CloudWatchLogsRoleArn: sdk.String("arn:aws:iam::" + motoAccount + ":role/appsync-logs")}}))
	}
}

// TestMotoAppSync: each region's APIs are read back with their
// authorization modes, field logging and cache encryption; an API without
// a cache has none and no gap.
func TestMotoAppSync(t *testing.T) {
	_, res := collected(t)
	a := res.Account
	for _, r := range scenarioRegions {
		secure := r == secureRegion
		t.Run(r, func(t *testing.T) {
			name := func(x state.GraphQLAPI) string { return x.Region + "/" + x.Name }
			o := find(t, "orders API", a.AppSync.APIs, name, r+"/orders")
			eq(t, "auth", o.AuthenticationType, "AWS_IAM")
			eq(t, "api key", o.APIKeyAuth(), !secure)
			if o.Cache == nil {
				t.Fatalf("orders cache not read: %+v", o)
			}
			eq(t, "cache at rest", o.Cache.AtRestEncryption, secure)
			eq(t, "cache in transit", o.Cache.TransitEncryption, secure)
			if secure {
				eq(t, "field log level", o.FieldLogLevel, "ERROR")
				return
			}
			eq(t, "field log level", o.FieldLogLevel, "")
			p := find(t, "promo API", a.AppSync.APIs, name, r+"/promo")
			eq(t, "promo auth", p.AuthenticationType, "API_KEY")
			eq(t, "promo logging", p.FieldLogLevel, "NONE")
			if p.Cache != nil {
				t.Errorf("promo cache = %+v, want none", p.Cache)
			}
			if g, ok := a.Gaps.Find("appsync", r, "GetApiCache", p.ARN); ok {
				t.Errorf("promo's missing cache is a gap: %s", g)
			}
		})
	}
}
