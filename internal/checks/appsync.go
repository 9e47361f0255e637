package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// appSyncChecks are the customer's duties on AWS AppSync GraphQL APIs:
// AWS runs the GraphQL endpoint and its cache, but how callers are
// authorized, whether resolvers log and whether the cache is encrypted
// are the API owner's settings (FSBP AppSync.1, .2, .5, .6).
func appSyncChecks() []check.Check {
	return []check.Check{
		appSyncCheck("appsync_api_cache_encrypted_at_rest", func(x state.GraphQLAPI) check.Result {
			return appSyncCache(x, "at rest", x.Cache != nil && x.Cache.AtRestEncryption)
		}, true),
		appSyncCheck("appsync_api_cache_encrypted_in_transit", func(x state.GraphQLAPI) check.Result {
			return appSyncCache(x, "in transit", x.Cache != nil && x.Cache.TransitEncryption)
		}, true),
		appSyncCheck("appsync_field_level_logging", appSyncFieldLogging, false),
		appSyncCheck("appsync_api_no_api_key_auth", appSyncNoAPIKey, false),
	}
}

// appSyncCheck judges every GraphQL API of the regions whose listing was
// read; cache checks also need the API's GetApiCache (unknown when it
// failed; an API without a cache answers NotFoundException, not a gap).
func appSyncCheck(id string, judge func(state.GraphQLAPI) check.Result, cache bool) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "appsync", []state.Input{state.InputAppSyncAPIs}, a.AppSync.APIs, func(x state.GraphQLAPI) check.Result {
				if cache {
					if g, ok := a.Gaps.ForInput(state.InputAppSyncAPICache, x.Region, x.ARN); ok {
						return check.GapR(x, g)
					}
				}
				return judge(x)
			})
		},
	}
}

func appSyncCache(x state.GraphQLAPI, how string, encrypted bool) check.Result {
	switch {
	case x.Cache == nil:
		return check.NotApplicableR(x, "GraphQL API %s has no cache", x.Name)
	case encrypted:
		return check.PassR(x, "GraphQL API %s's cache is encrypted %s", x.Name, how)
	}
	return check.FailR(x, "GraphQL API %s's cache (%s) is not encrypted %s; the setting is fixed at creation: recreate the cache with it", x.Name, x.Cache.Type, how)
}

// appSyncFieldLogging: field-level logging is on when the log
// configuration's field log level is anything but NONE (AppSync.2).
func appSyncFieldLogging(x state.GraphQLAPI) check.Result {
	switch x.FieldLogLevel {
	case "":
		return check.FailR(x, "GraphQL API %s has no log configuration: resolvers log nothing", x.Name)
	case "NONE":
		return check.FailR(x, "GraphQL API %s's field-level logging is NONE", x.Name)
	}
	return check.PassR(x, "GraphQL API %s logs fields at %s", x.Name, x.FieldLogLevel)
}

// appSyncNoAPIKey fails an API that accepts API keys, as its primary or
// an additional authorization mode (AppSync.5): a key is a shared secret
// that names no caller.
func appSyncNoAPIKey(x state.GraphQLAPI) check.Result {
	if x.APIKeyAuth() {
		return check.FailR(x, "GraphQL API %s accepts API keys (primary mode %s)", x.Name, x.AuthenticationType)
	}
	return check.PassR(x, "GraphQL API %s authorizes callers with %s, not API keys", x.Name, x.AuthenticationType)
}
