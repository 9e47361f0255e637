package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const dsGraphQLARN = "arn:aws:appsync:eu-west-1:" + testAccountID + ":apis/abcd1234"

// dsGraphQL adds GraphQL API "orders" in eu-west-1, authorized by IAM,
// logging fields at ERROR, with a cache encrypted at rest and in transit,
// edited by mut.
func dsGraphQL(mut func(x *state.GraphQLAPI)) func(*state.Account) {
	return func(a *state.Account) {
		x := state.GraphQLAPI{Meta: state.Meta{ARN: dsGraphQLARN, Region: "eu-west-1"}, ID: "abcd1234", Name: "orders", AuthenticationType: "AWS_IAM",
			FieldLogLevel: "ERROR", Cache: &state.AppSyncCache{Type: "SMALL", Status: "AVAILABLE", AtRestEncryption: true, TransitEncryption: true}}
		if mut != nil {
			mut(&x)
		}
		a.AppSync.APIs = append(a.AppSync.APIs, x)
	}
}

func appSyncCases() map[string][]checkCase {
	c := func(name string, mut func(*state.GraphQLAPI), want ...check.Status) checkCase {
		return checkCase{name: name, acct: baseAccount(dsGraphQL(mut)), want: want}
	}
	listDenied := checkCase{name: "listing denied", acct: baseAccount(dsGraphQL(nil), dsGap("appsync", "eu-west-1", "ListGraphqlApis", "")), want: dsWant(dsU)}
	cacheDenied := checkCase{name: "cache read denied", acct: baseAccount(dsGraphQL(nil), dsGap("appsync", "eu-west-1", "GetApiCache", dsGraphQLARN)), want: dsWant(dsU)}
	noCache := func(x *state.GraphQLAPI) { x.Cache = nil }
	return map[string][]checkCase{
		"appsync_api_cache_encrypted_at_rest": {
			c("encrypted", nil, dsP), c("plain", func(x *state.GraphQLAPI) { x.Cache.AtRestEncryption = false }, dsF),
			c("no cache", noCache, dsNA), listDenied, cacheDenied,
		},
		"appsync_api_cache_encrypted_in_transit": {
			c("encrypted", nil, dsP), c("plain", func(x *state.GraphQLAPI) { x.Cache.TransitEncryption = false }, dsF),
			c("no cache", noCache, dsNA), listDenied, cacheDenied,
		},
		"appsync_field_level_logging": {
			c("error", nil, dsP), c("all", func(x *state.GraphQLAPI) { x.FieldLogLevel = "ALL" }, dsP),
			c("none", func(x *state.GraphQLAPI) { x.FieldLogLevel = "NONE" }, dsF),
			c("no log configuration", func(x *state.GraphQLAPI) { x.FieldLogLevel = "" }, dsF), listDenied,
		},
		"appsync_api_no_api_key_auth": {
			c("iam", nil, dsP), c("api key primary", func(x *state.GraphQLAPI) { x.AuthenticationType = "API_KEY" }, dsF),
			c("api key additional", func(x *state.GraphQLAPI) {
				x.AdditionalAuthenticationTypes = []string{"AMAZON_COGNITO_USER_POOLS", "API_KEY"}
			}, dsF),
			c("cognito additional", func(x *state.GraphQLAPI) { x.AdditionalAuthenticationTypes = []string{"AMAZON_COGNITO_USER_POOLS"} }, dsP), listDenied,
		},
	}
}
