package synth

import (
	"fmt"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// apiGateway generates region r's REST and HTTP/WebSocket APIs, every
// field the collectors read drawn at random: endpoint types, resource
// policies (own VPC endpoint, everyone, another account), stages with
// each logging, tracing, web ACL, certificate and cache setting, and
// routes with each authorization type.
func (g *gen) apiGateway(r string) {
	for k := count(g.n, "restapi") / len(g.regions); k >= 0; k-- {
		if k == 0 && !g.coin() {
			break
		}
		id := g.id("r")
		arn := "arn:aws:apigateway:" + r + "::/restapis/" + id
		x := state.RestAPI{Meta: state.Meta{ARN: arn, Region: r, Tags: g.tags()}, ID: id, Name: g.id("api-"),
			EndpointTypes: []string{g.pick("EDGE", "REGIONAL", "REGIONAL", "PRIVATE")}, DisableExecuteAPIEndpoint: g.chance(10)}
		if x.EndpointTypes[0] == "PRIVATE" {
			x.VPCEndpointIDs = []string{g.id("vpce-")}
		}
		switch g.rng.IntN(4) {
		case 0:
			x.Policy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"}]}`
		case 1:
			x.Policy = fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*","Condition":{"StringEquals":{"aws:SourceVpce":"%s"}}}]}`, g.id("vpce-"))
		case 2:
			x.Policy = g.policyDoc(fmt.Sprintf(`{"AWS":"arn:aws:iam::%012d:root"}`, 100000000000+g.rng.IntN(899999999999)))
		}
		for s := g.rng.IntN(3) + 1; s > 0; s-- {
			name := g.pick("prod", "dev", "test", "v1", "v2") + g.id("-")
			st := state.RestStage{Meta: state.Meta{ARN: arn + "/stages/" + name, Region: r, Tags: g.tags()}, Name: name,
				LoggingLevel: g.pick("", "OFF", "ERROR", "INFO"), TracingEnabled: g.coin(), CacheClusterEnabled: g.chance(20)}
			if g.chance(10) {
				st.MethodLoggingOff = []string{"items/GET"}
			}
			if g.chance(30) {
				st.ClientCertificateID = g.id("cc")
			}
			if g.chance(40) {
				st.WebACLARN = g.arn("wafv2", r, "regional/webacl/"+g.id("acl-")+"/"+g.id(""))
			}
			if st.CacheClusterEnabled {
				st.CachingMethods = []string{"*/*"}
				if g.coin() {
					st.CacheUnencrypted = []string{"*/*"}
				}
			}
			if g.coin() {
				st.AccessLogDestination = g.arn("logs", r, "log-group:"+g.id("api-access-"))
			}
			x.Stages = append(x.Stages, st)
		}
		g.a.APIGateway.RestAPIs = append(g.a.APIGateway.RestAPIs, x)
	}
	for k := count(g.n, "apiv2") / len(g.regions); k >= 0; k-- {
		if k == 0 && !g.coin() {
			break
		}
		id := g.id("h")
		arn := "arn:aws:apigateway:" + r + "::/apis/" + id
		x := state.APIv2{Meta: state.Meta{ARN: arn, Region: r, Tags: g.tags()}, ID: id, Name: g.id("api-"), ProtocolType: g.pick("HTTP", "HTTP", "WEBSOCKET"),
			DisableExecuteAPIEndpoint: g.chance(10)}
		x.Endpoint = "https://" + id + ".execute-api." + r + ".amazonaws.com"
		keys := []string{"GET /items", "POST /items", "GET /health", "DELETE /items/{id}"}
		if x.ProtocolType == "WEBSOCKET" {
			x.Endpoint = "wss://" + id + ".execute-api." + r + ".amazonaws.com"
			keys = []string{"$connect", "$default", "$disconnect", "send"}
		}
		for i, key := range keys[:1+g.rng.IntN(len(keys))] {
			x.Routes = append(x.Routes, state.APIv2Route{ID: fmt.Sprintf("%s%d", g.id("rt"), i), Key: key,
				AuthorizationType: g.pick("NONE", "AWS_IAM", "JWT", "CUSTOM")})
		}
		for s := g.rng.IntN(2) + 1; s > 0; s-- {
			name := g.pick("$default", "prod", "dev") + g.id("-")
			st := state.APIv2Stage{Meta: state.Meta{ARN: arn + "/stages/" + name, Region: r, Tags: g.tags()}, Name: name}
			if g.coin() {
				st.AccessLogDestination = g.arn("logs", r, "log-group:"+g.id("api-access-"))
			}
			if x.ProtocolType == "WEBSOCKET" {
				st.LoggingLevel = g.pick("", "OFF", "ERROR", "INFO")
			}
			x.Stages = append(x.Stages, st)
		}
		g.a.APIGateway.APIs = append(g.a.APIGateway.APIs, x)
	}
}

// waf generates region r's REGIONAL web ACLs, and (once, in us-east-1)
// CLOUDFRONT ones where the account has distributions: rules with and
// without metrics, rule groups, logging on or off, empty web ACLs.
func (g *gen) waf(r string, cloudFront bool) {
	scope, region, kind := "REGIONAL", r, "regional"
	if cloudFront {
		if len(g.a.CloudFront.Distributions) == 0 {
			return
		}
		scope, region, kind = "CLOUDFRONT", "us-east-1", "global"
	}
	for k := count(g.n, "webacl") / len(g.regions); k >= 0; k-- {
		if k == 0 && !g.coin() {
			break
		}
		name, id := g.id("acl-"), g.id("")
		x := state.WebACL{Meta: state.Meta{ARN: g.arn("wafv2", region, kind+"/webacl/"+name+"/"+id), Region: region}, ID: id, Name: name, Scope: scope,
			DefaultAction: g.pick("ALLOW", "ALLOW", "BLOCK"), MetricsEnabled: g.coin()}
		if !g.chance(15) {
			for p := 0; p <= g.rng.IntN(4); p++ {
				x.Rules = append(x.Rules, state.WebACLRule{Name: g.id("rule-"), Priority: p, RuleGroup: g.coin(), MetricsEnabled: !g.chance(20)})
			}
		}
		if g.coin() {
			x.LogDestinations = []string{g.arn("logs", region, "log-group:aws-waf-logs-"+name)}
		}
		g.a.WAF.WebACLs = append(g.a.WAF.WebACLs, x)
	}
}
