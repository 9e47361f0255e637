package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// appSync adds Alpenglow's GraphQL APIs: Frankfurt's orders-graph
// authorizes with IAM, logs resolver errors and caches in an encrypted
// cache; the agency's Irish promo-graph takes API keys, logs nothing and
// caches in plain text; the N. Virginia storefront-graph signs users in
// with Cognito but still accepts API keys, logs NONE and has no cache.
func (x *b) appSync() {
	fra, dub, use := "eu-central-1", "eu-west-1", "us-east-1"
	api := func(region, id, name string) state.Meta {
		return state.Meta{ARN: x.arn("appsync", region, "apis/"+id), Region: region}
	}
	x.a.AppSync.APIs = append(x.a.AppSync.APIs,
		state.GraphQLAPI{Meta: api(fra, "q7w8e9r0t1y2u3i4o5p6", "orders-graph"), ID: "q7w8e9r0t1y2u3i4o5p6", Name: "orders-graph",
			AuthenticationType: "AWS_IAM", FieldLogLevel: "ERROR",
			Cache: &state.AppSyncCache{Type: "SMALL", Status: "AVAILABLE", AtRestEncryption: true, TransitEncryption: true}},
		state.GraphQLAPI{Meta: api(dub, "a1s2d3f4g5h6j7k8l9z0", "promo-graph"), ID: "a1s2d3f4g5h6j7k8l9z0", Name: "promo-graph",
			AuthenticationType: "API_KEY", Cache: &state.AppSyncCache{Type: "SMALL", Status: "AVAILABLE"}},
		state.GraphQLAPI{Meta: api(use, "m1n2b3v4c5x6z7l8k9j0", "storefront-graph"), ID: "m1n2b3v4c5x6z7l8k9j0", Name: "storefront-graph",
			AuthenticationType: "AMAZON_COGNITO_USER_POOLS", AdditionalAuthenticationTypes: []string{"API_KEY"}, FieldLogLevel: "NONE"},
	)
}
