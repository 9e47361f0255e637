package aws

import (
	"context"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/apigateway"
	agtypes "github.com/aws/aws-sdk-go-v2/service/apigateway/types"
	"github.com/aws/aws-sdk-go-v2/service/apigatewayv2"
	ag2types "github.com/aws/aws-sdk-go-v2/service/apigatewayv2/types"
	"github.com/aws/aws-sdk-go-v2/service/wafv2"
	waftypes "github.com/aws/aws-sdk-go-v2/service/wafv2/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// motoAPIPolicy is the "secure" REST API's resource policy: invoke only
// from one VPC endpoint.
const motoAPIPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-0a1b2c3d"}}}]}`

// buildAPIGateway creates, in the home region, a "secure" PRIVATE REST API
// (resource policy, stage prod: INFO logging, X-Ray, encrypted cache on
// GET /, access logs and a web ACL) and a "legacy" EDGE one (stage dev:
// logging off, an unencrypted cache); an HTTP API with one IAM-authorized
// and one open route and an access-logged stage; and a WebSocket API whose
// stage logs errors.
func buildAPIGateway(ctx context.Context, cfg sdk.Config) {
	c := apigateway.NewFromConfig(cfg)
	rest := func(name string, t agtypes.EndpointType, policy, stage string, patch []agtypes.PatchOperation) string {
		in := &apigateway.CreateRestApiInput{Name: sdk.String(name), EndpointConfiguration: &agtypes.EndpointConfiguration{Types: []agtypes.EndpointType{t}},
			Tags: map[string]string{"team": name}}
		if policy != "" {
			in.Policy = sdk.String(policy)
		}
		api := must(c.CreateRestApi(ctx, in))
		res := must(c.GetResources(ctx, &apigateway.GetResourcesInput{RestApiId: api.Id}))
		root := res.Items[0].Id
		must(c.PutMethod(ctx, &apigateway.PutMethodInput{RestApiId: api.Id, ResourceId: root, HttpMethod: sdk.String("GET"), AuthorizationType: sdk.String("NONE")}))
		must(c.PutIntegration(ctx, &apigateway.PutIntegrationInput{RestApiId: api.Id, ResourceId: root, HttpMethod: sdk.String("GET"), Type: agtypes.IntegrationTypeMock}))
		must(c.CreateDeployment(ctx, &apigateway.CreateDeploymentInput{RestApiId: api.Id, StageName: sdk.String(stage)}))
		must(c.UpdateStage(ctx, &apigateway.UpdateStageInput{RestApiId: api.Id, StageName: sdk.String(stage), PatchOperations: patch}))
		return sdk.ToString(api.Id)
	}
	rep := func(path, value string) agtypes.PatchOperation {
		return agtypes.PatchOperation{Op: agtypes.OpReplace, Path: sdk.String(path), Value: sdk.String(value)}
	}
	secure := rest("secure", agtypes.EndpointTypePrivate, motoAPIPolicy, "prod", []agtypes.PatchOperation{
		rep("/tracingEnabled", "true"), rep("/*/*/logging/loglevel", "INFO"),
		rep("/~1/GET/caching/enabled", "true"), rep("/~1/GET/caching/dataEncrypted", "true"),
		rep("/accessLogSettings/destinationArn", "arn:aws:logs:"+cfg.Region+":"+motoAccount+":log-group:api-access")})
	rest("legacy", agtypes.EndpointTypeEdge, "", "dev", []agtypes.PatchOperation{
		rep("/*/*/caching/enabled", "true"), rep("/*/*/caching/dataEncrypted", "false")})
	w := wafv2.NewFromConfig(cfg)
	acl := must(w.CreateWebACL(ctx, &wafv2.CreateWebACLInput{Name: sdk.String("api"), Scope: waftypes.ScopeRegional,
		DefaultAction:    &waftypes.DefaultAction{Allow: &waftypes.AllowAction{}},
		VisibilityConfig: &waftypes.VisibilityConfig{CloudWatchMetricsEnabled: true, MetricName: sdk.String("api"), SampledRequestsEnabled: true}}))
	must(w.AssociateWebACL(ctx, &wafv2.AssociateWebACLInput{WebACLArn: acl.Summary.ARN,
		ResourceArn: sdk.String("arn:aws:apigateway:" + cfg.Region + "::/restapis/" + secure + "/stages/prod")}))

	v2 := apigatewayv2.NewFromConfig(cfg)
	h := must(v2.CreateApi(ctx, &apigatewayv2.CreateApiInput{Name: sdk.String("orders"), ProtocolType: ag2types.ProtocolTypeHttp, Tags: map[string]string{"team": "orders"}}))
	must(v2.CreateRoute(ctx, &apigatewayv2.CreateRouteInput{ApiId: h.ApiId, RouteKey: sdk.String("GET /orders"), AuthorizationType: ag2types.AuthorizationTypeAwsIam}))
	must(v2.CreateRoute(ctx, &apigatewayv2.CreateRouteInput{ApiId: h.ApiId, RouteKey: sdk.String("GET /health"), AuthorizationType: ag2types.AuthorizationTypeNone}))
	must(v2.CreateStage(ctx, &apigatewayv2.CreateStageInput{ApiId: h.ApiId, StageName: sdk.String("$default"),
		AccessLogSettings: &ag2types.AccessLogSettings{DestinationArn: sdk.String("arn:aws:logs:" + cfg.Region + ":" + motoAccount + ":log-group:orders"), Format: sdk.String("$context.requestId")}}))
	ws := must(v2.CreateApi(ctx, &apigatewayv2.CreateApiInput{Name: sdk.String("chat"), ProtocolType: ag2types.ProtocolTypeWebsocket,
		RouteSelectionExpression: sdk.String("$request.body.action")}))
	must(v2.CreateStage(ctx, &apigatewayv2.CreateStageInput{ApiId: ws.ApiId, StageName: sdk.String("live"),
		DefaultRouteSettings: &ag2types.RouteSettings{LoggingLevel: ag2types.LoggingLevelError}}))
}

// TestMotoAPIGateway: both REST APIs with their endpoint types, policies,
// tags and stage settings, and both v2 APIs with their stages and routes,
// are read back.
func TestMotoAPIGateway(t *testing.T) {
	_, res := collected(t)
	a := res.Account
	name := func(x state.RestAPI) string { return x.Name }
	s := find(t, "secure REST API", a.APIGateway.RestAPIs, name, "secure")
	eq(t, "secure private", s.Private(), true)
	eq(t, "secure policy", s.Policy, motoAPIPolicy)
	eq(t, "secure tags", s.Tags["team"], "secure")
	eq(t, "secure arn", s.ARN, "arn:aws:apigateway:"+s.Region+"::/restapis/"+s.ID)
	if len(s.Stages) != 1 {
		t.Fatalf("secure stages %+v", s.Stages)
	}
	p := s.Stages[0]
	eq(t, "prod arn", p.ARN, s.ARN+"/stages/prod")
	eq(t, "prod logging", p.LoggingLevel, "INFO")
	eq(t, "prod tracing", p.TracingEnabled, true)
	eq(t, "prod web acl", p.WebACLARN != "", true)
	eq(t, "prod caching", len(p.CachingMethods), 1)
	eq(t, "prod cache unencrypted", len(p.CacheUnencrypted), 0)
	eq(t, "prod access logs", p.AccessLogDestination != "", true)
	l := find(t, "legacy REST API", a.APIGateway.RestAPIs, name, "legacy")
	sameSet(t, "legacy endpoint", l.EndpointTypes, []string{"EDGE"})
	eq(t, "legacy policy", l.Policy, "")
	if len(l.Stages) != 1 {
		t.Fatalf("legacy stages %+v", l.Stages)
	}
	d := l.Stages[0]
	eq(t, "dev logging", d.LoggingLevel, "")
	eq(t, "dev tracing", d.TracingEnabled, false)
	eq(t, "dev web acl", d.WebACLARN, "")
	sameSet(t, "dev cache unencrypted", d.CacheUnencrypted, []string{"*/*"})

	name2 := func(x state.APIv2) string { return x.Name }
	h := find(t, "HTTP API", a.APIGateway.APIs, name2, "orders")
	eq(t, "orders protocol", h.ProtocolType, "HTTP")
	eq(t, "orders tags", h.Tags["team"], "orders")
	if len(h.Routes) != 2 || h.Routes[0].Key != "GET /health" || h.Routes[0].AuthorizationType != "NONE" ||
		h.Routes[1].Key != "GET /orders" || h.Routes[1].AuthorizationType != "AWS_IAM" {
		t.Errorf("orders routes %+v, want GET /health NONE and GET /orders AWS_IAM", h.Routes)
	}
	if len(h.Stages) != 1 || h.Stages[0].AccessLogDestination == "" {
		t.Errorf("orders stages %+v, want one with access logs", h.Stages)
	}
	ws := find(t, "WebSocket API", a.APIGateway.APIs, name2, "chat")
	eq(t, "chat protocol", ws.ProtocolType, "WEBSOCKET")
	if len(ws.Stages) != 1 || ws.Stages[0].LoggingLevel != "ERROR" || ws.Stages[0].AccessLogDestination != "" {
		t.Errorf("chat stages %+v, want one logging ERROR without access logs", ws.Stages)
	}
}
