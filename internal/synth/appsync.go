package synth

import "github.com/shoulder-dev/shoulder/internal/state"

// appSync generates region r's AppSync GraphQL APIs (0.01% of resources,
// else one region in five): most authorize with IAM or Cognito, a fifth
// take API keys (as primary mode, or an additional one alongside Cognito
// for a tenth); two thirds log fields (ERROR mostly, ALL some), the rest
// have no log configuration or NONE; a third have a cache, encrypted at
// rest and in transit about half the time.
func (g *gen) appSync(r string) {
	for k := count(g.n, "graphqlapi") / len(g.regions); k >= 0; k-- {
		if k == 0 && !g.chance(20) {
			break
		}
		id, name := g.id(""), g.id("graph-")
		x := state.GraphQLAPI{Meta: state.Meta{ARN: g.arn("appsync", r, "apis/"+id), Region: r, Tags: g.tags()}, ID: id, Name: name,
			AuthenticationType: g.pick("AWS_IAM", "AWS_IAM", "AMAZON_COGNITO_USER_POOLS", "AMAZON_COGNITO_USER_POOLS", "API_KEY", "AWS_LAMBDA", "OPENID_CONNECT")}
		if x.AuthenticationType == "AMAZON_COGNITO_USER_POOLS" && g.chance(10) {
			x.AdditionalAuthenticationTypes = []string{"API_KEY"}
		}
		switch {
		case g.chance(66):
			x.FieldLogLevel = g.pick("ERROR", "ERROR", "ALL")
		case g.coin():
			x.FieldLogLevel = "NONE"
		}
		if g.chance(33) {
			enc := g.coin()
			x.Cache = &state.AppSyncCache{Type: g.pick("SMALL", "MEDIUM", "LARGE"), Status: "AVAILABLE", AtRestEncryption: enc, TransitEncryption: enc || g.chance(20)}
		}
		g.a.AppSync.APIs = append(g.a.AppSync.APIs, x)
	}
}
