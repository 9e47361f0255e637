package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const (
	dsRestAPIARN = "arn:aws:apigateway:eu-west-1::/restapis/a1b2c3"
	dsAPIv2ARN   = "arn:aws:apigateway:eu-west-1::/apis/h1j2k3"
	// dsAPIPolicyVPCE lets only the account's own VPC endpoint invoke.
	dsAPIPolicyVPCE = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-0own1111"}}}]}`
	dsAPIPolicyOpen = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"}]}`
	dsAPIPolicyX    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"execute-api:Invoke","Resource":"execute-api:/*"}]}`
)

// dsRestAPI adds REST API "orders" (PRIVATE, bound to the account's VPC
// endpoint by its policy) in eu-west-1 with stage "prod" configured well
// (INFO logging, client certificate, X-Ray, web ACL, encrypted cache,
// access logs), edited by mut.
func dsRestAPI(mut func(x *state.RestAPI)) func(*state.Account) {
	return func(a *state.Account) {
		x := state.RestAPI{Meta: state.Meta{ARN: dsRestAPIARN, Region: "eu-west-1"}, ID: "a1b2c3", Name: "orders",
			EndpointTypes: []string{"PRIVATE"}, VPCEndpointIDs: []string{"vpce-0own1111"}, Policy: dsAPIPolicyVPCE,
			Stages: []state.RestStage{{Meta: state.Meta{ARN: dsRestAPIARN + "/stages/prod", Region: "eu-west-1"}, Name: "prod",
				LoggingLevel: "INFO", ClientCertificateID: "cc1", TracingEnabled: true,
				WebACLARN:           "arn:aws:wafv2:eu-west-1:" + testAccountID + ":regional/webacl/api/1",
				CacheClusterEnabled: true, CachingMethods: []string{"*/*"},
				AccessLogDestination: "arn:aws:logs:eu-west-1:" + testAccountID + ":log-group:api"}}}
		if mut != nil {
			mut(&x)
		}
		a.APIGateway.RestAPIs = append(a.APIGateway.RestAPIs, x)
		a.EC2.VPCEndpoints = append(a.EC2.VPCEndpoints, state.VPCEndpoint{ID: "vpce-0own1111", VPCID: "vpc-0own1111",
			ServiceName: "com.amazonaws.eu-west-1.execute-api"})
	}
}

// dsAPIv2 adds an API "h1j2k3" of protocol p in eu-west-1 with a stage
// "live" that writes access and execution logs, and routes that all demand
// authorization, edited by mut.
func dsAPIv2(p string, mut func(x *state.APIv2)) func(*state.Account) {
	return func(a *state.Account) {
		x := state.APIv2{Meta: state.Meta{ARN: dsAPIv2ARN, Region: "eu-west-1"}, ID: "h1j2k3", Name: "shop", ProtocolType: p,
			Stages: []state.APIv2Stage{{Meta: state.Meta{ARN: dsAPIv2ARN + "/stages/live", Region: "eu-west-1"}, Name: "live",
				AccessLogDestination: "arn:aws:logs:eu-west-1:" + testAccountID + ":log-group:shop", LoggingLevel: "ERROR"}},
			Routes: []state.APIv2Route{{ID: "r1", Key: "GET /cart", AuthorizationType: "JWT"}, {ID: "r2", Key: "POST /cart", AuthorizationType: "AWS_IAM"}}}
		if p == "WEBSOCKET" {
			x.Routes = []state.APIv2Route{{ID: "r1", Key: "$connect", AuthorizationType: "CUSTOM"}, {ID: "r2", Key: "$default", AuthorizationType: "NONE"}}
		}
		if mut != nil {
			mut(&x)
		}
		a.APIGateway.APIs = append(a.APIGateway.APIs, x)
	}
}

func apiGatewayCases() map[string][]checkCase {
	restListDenied := checkCase{name: "listing denied", acct: baseAccount(dsRestAPI(nil), dsGap("apigateway", "eu-west-1", "GetRestApis", "")), want: dsWant(dsU)}
	stagesDenied := checkCase{name: "stages denied", acct: baseAccount(dsRestAPI(nil), dsGap("apigateway", "eu-west-1", "GetStages", dsRestAPIARN)), want: dsWant(dsU)}
	stage := func(name string, mut func(s *state.RestStage), want ...check.Status) checkCase {
		return checkCase{name: name, acct: baseAccount(dsRestAPI(func(x *state.RestAPI) {
			if mut != nil {
				mut(&x.Stages[0])
			}
		})), want: want}
	}
	api := func(name string, mut func(x *state.RestAPI), want ...check.Status) checkCase {
		return checkCase{name: name, acct: baseAccount(dsRestAPI(mut)), want: want}
	}
	public := func(policy string, types ...string) func(x *state.RestAPI) {
		return func(x *state.RestAPI) { x.Policy, x.EndpointTypes = policy, types }
	}
	v2ListDenied := func(p string) checkCase {
		return checkCase{name: "listing denied", acct: baseAccount(dsAPIv2(p, nil), dsGap("apigatewayv2", "eu-west-1", "GetApis", "")), want: dsWant(dsU)}
	}
	v2 := func(name, p string, mut func(x *state.APIv2), want ...check.Status) checkCase {
		return checkCase{name: name, acct: baseAccount(dsAPIv2(p, mut)), want: want}
	}
	return map[string][]checkCase{
		"apigateway_rest_stage_execution_logging": {
			stage("info", nil, dsP), stage("error", func(s *state.RestStage) { s.LoggingLevel = "ERROR" }, dsP),
			stage("off", func(s *state.RestStage) { s.LoggingLevel = "OFF" }, dsF),
			stage("never set", func(s *state.RestStage) { s.LoggingLevel = "" }, dsF),
			{name: "one method off", acct: baseAccount(dsRestAPI(func(x *state.RestAPI) { x.Stages[0].MethodLoggingOff = []string{"orders/GET"} })), want: dsWant(dsF), msg: "orders/GET"},
			restListDenied, stagesDenied,
		},
		"apigateway_rest_stage_client_certificate": {
			stage("certificate", nil, dsP), stage("none", func(s *state.RestStage) { s.ClientCertificateID = "" }, dsF), restListDenied, stagesDenied,
		},
		"apigateway_rest_stage_xray": {
			stage("tracing", nil, dsP), stage("off", func(s *state.RestStage) { s.TracingEnabled = false }, dsF), restListDenied, stagesDenied,
		},
		"apigateway_rest_stage_waf": {
			stage("web acl", nil, dsP), stage("none", func(s *state.RestStage) { s.WebACLARN = "" }, dsF), restListDenied, stagesDenied,
		},
		"apigateway_rest_stage_cache_encrypted": {
			stage("encrypted", nil, dsP),
			stage("one method unencrypted", func(s *state.RestStage) {
				s.CachingMethods, s.CacheUnencrypted = []string{"*/*", "orders/GET"}, []string{"orders/GET"}
			}, dsF),
			stage("no caching", func(s *state.RestStage) { s.CacheClusterEnabled, s.CachingMethods = false, nil }, dsNA),
			restListDenied, stagesDenied,
		},
		"apigateway_rest_stage_access_logging": {
			stage("logs", nil, dsP), stage("none", func(s *state.RestStage) { s.AccessLogDestination = "" }, dsF), restListDenied, stagesDenied,
		},
		"apigateway_rest_api_policy_not_public": {
			api("private, own endpoint", nil, dsP),
			api("private, no policy", public("", "PRIVATE"), dsP),
			api("private, open to everyone", public(dsAPIPolicyOpen, "PRIVATE"), dsF),
			api("regional, open to everyone", public(dsAPIPolicyOpen, "REGIONAL"), dsNA),
			api("private, unreadable policy", public(`{"Statement":`, "PRIVATE"), dsU),
			restListDenied,
		},
		"apigateway_rest_api_policy_trusted": {
			api("private, own endpoint", nil, dsP),
			api("edge, no policy", public("", "EDGE"), dsP),
			api("regional, another account", public(dsAPIPolicyX, "REGIONAL"), dsF),
			api("regional, unreadable policy", public(`{"Statement":`, "REGIONAL"), dsU),
			{name: "own endpoint, endpoints unread", acct: baseAccount(dsRestAPI(func(x *state.RestAPI) { x.EndpointTypes = []string{"REGIONAL"} }),
				func(a *state.Account) { a.EC2.VPCEndpoints = nil }, dsGap("ec2", "eu-west-1", "DescribeVpcEndpoints", "")), want: dsWant(dsU)},
			restListDenied,
		},
		"apigateway_v2_stage_access_logging": {
			v2("http logs", "HTTP", nil, dsP),
			v2("websocket none", "WEBSOCKET", func(x *state.APIv2) { x.Stages[0].AccessLogDestination = "" }, dsF),
			v2ListDenied("HTTP"),
			{name: "stages denied", acct: baseAccount(dsAPIv2("HTTP", nil), dsGap("apigatewayv2", "eu-west-1", "GetStages", dsAPIv2ARN)), want: dsWant(dsU)},
		},
		"apigateway_websocket_stage_execution_logging": {
			v2("error", "WEBSOCKET", nil, dsP),
			v2("off", "WEBSOCKET", func(x *state.APIv2) { x.Stages[0].LoggingLevel = "OFF" }, dsF),
			v2("http api not judged", "HTTP", nil),
			v2ListDenied("WEBSOCKET"),
			{name: "stages denied", acct: baseAccount(dsAPIv2("WEBSOCKET", nil), dsGap("apigatewayv2", "eu-west-1", "GetStages", dsAPIv2ARN)), want: dsWant(dsU)},
		},
		"apigateway_v2_route_authorization": {
			v2("http all authorized", "HTTP", nil, dsP),
			v2("http one open", "HTTP", func(x *state.APIv2) { x.Routes[1].AuthorizationType = "NONE" }, dsF),
			v2("websocket connect authorized", "WEBSOCKET", nil, dsP),
			v2("websocket connect open", "WEBSOCKET", func(x *state.APIv2) { x.Routes[0].AuthorizationType = "NONE" }, dsF),
			v2("no routes", "HTTP", func(x *state.APIv2) { x.Routes = nil }, dsNA),
			v2ListDenied("HTTP"),
			{name: "routes denied", acct: baseAccount(dsAPIv2("HTTP", nil), dsGap("apigatewayv2", "eu-west-1", "GetRoutes", dsAPIv2ARN)), want: dsWant(dsU)},
		},
	}
}
