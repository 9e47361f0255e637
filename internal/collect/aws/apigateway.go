package aws

import (
	"context"
	"encoding/json"
	"sort"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/apigateway"
	agtypes "github.com/aws/aws-sdk-go-v2/service/apigateway/types"
	"github.com/aws/aws-sdk-go-v2/service/apigatewayv2"
	ag2types "github.com/aws/aws-sdk-go-v2/service/apigatewayv2/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// apiGatewayPage is the page size of every API Gateway listing (GetRestApis,
// and v2 GetApis, GetStages and GetRoutes, whose MaxResults is a string on
// the wire): 500, the largest GetRestApis accepts.
const (
	apiGatewayPage     = 500
	apiGatewayPageText = "500"
)

// restAPIARN and apiV2ARN are API Gateway's resource ARNs (no account ID:
// API Gateway resource ARNs have none).
func restAPIARN(region, id string) string {
	return "arn:aws:apigateway:" + region + "::/restapis/" + id
}
func apiV2ARN(region, id string) string { return "arn:aws:apigateway:" + region + "::/apis/" + id }

// apiGateway lists a region's REST APIs (with endpoint type, resource
// policy and tags in bulk) and reads each API's stages: the stage settings
// exist only in GetStages, one call per API.
func (c *collector) apiGateway(ctx context.Context, region string) {
	cl := apigateway.NewFromConfig(c.cfg, func(o *apigateway.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("apigateway", region))
	})
	var apis []state.RestAPI
	err := c.do(ctx, "apigateway", "GetRestApis", region, "", nil, func(ctx context.Context) error {
		params := apigateway.GetRestApisInput{Limit: sdk.Int32(apiGatewayPage)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.Position = token
			page, err := cl.GetRestApis(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, x := range page.Items {
				apis = append(apis, restAPI(region, x))
			}
			return page.Position, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(apis), func() {
		c.rec.Update(func(a *state.Account) { a.APIGateway.RestAPIs = append(a.APIGateway.RestAPIs, apis...) })
	})
	for i := range apis {
		x := &apis[i]
		c.item("apigateway", region, x.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "apigateway", "GetStages", region, x.ARN, nil, func(ctx context.Context) error {
				out, err := cl.GetStages(ctx, &apigateway.GetStagesInput{RestApiId: sdk.String(x.ID)})
				if err != nil {
					return err
				}
				for _, s := range out.Item {
					x.Stages = append(x.Stages, restStage(x.ARN, region, s))
				}
				sort.Slice(x.Stages, func(i, j int) bool { return x.Stages[i].Name < x.Stages[j].Name })
				return nil
			})
		}, "GetStages")
	}
}

// restAPI reads one GetRestApis entry.
func restAPI(region string, x agtypes.RestApi) state.RestAPI {
	id := str(x.Id)
	r := state.RestAPI{Meta: meta(restAPIARN(region, id), region, nonEmpty(x.Tags)), ID: id, Name: str(x.Name),
		DisableExecuteAPIEndpoint: x.DisableExecuteApiEndpoint, Policy: unescapePolicy(str(x.Policy))}
	if e := x.EndpointConfiguration; e != nil {
		for _, t := range e.Types {
			r.EndpointTypes = append(r.EndpointTypes, string(t))
		}
		r.VPCEndpointIDs = e.VpcEndpointIds
	}
	return r
}

// restStage reads one stage: the default method settings ("*/*") carry
// the stage-wide logging level; other keys override it per method, and
// any of them may cache (encrypted or not).
func restStage(apiARN, region string, s agtypes.Stage) state.RestStage {
	name := str(s.StageName)
	x := state.RestStage{Meta: meta(apiARN+"/stages/"+name, region, nonEmpty(s.Tags)), Name: name,
		ClientCertificateID: str(s.ClientCertificateId), TracingEnabled: s.TracingEnabled, WebACLARN: str(s.WebAclArn),
		CacheClusterEnabled: s.CacheClusterEnabled}
	if l := s.AccessLogSettings; l != nil {
		x.AccessLogDestination = str(l.DestinationArn)
	}
	if d, ok := s.MethodSettings["*/*"]; ok {
		x.LoggingLevel = str(d.LoggingLevel)
	}
	keys := make([]string, 0, len(s.MethodSettings))
	for k := range s.MethodSettings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		m := s.MethodSettings[k]
		if k != "*/*" && str(m.LoggingLevel) == "OFF" {
			x.MethodLoggingOff = append(x.MethodLoggingOff, k)
		}
		if m.CachingEnabled {
			x.CachingMethods = append(x.CachingMethods, k)
			if !m.CacheDataEncrypted {
				x.CacheUnencrypted = append(x.CacheUnencrypted, k)
			}
		}
	}
	return x
}

// apiGatewayV2 lists a region's HTTP and WebSocket APIs and reads each
// API's stages (access logging, WebSocket execution logging) and routes
// (authorization type): neither has a bulk form.
func (c *collector) apiGatewayV2(ctx context.Context, region string) {
	cl := apigatewayv2.NewFromConfig(c.cfg, func(o *apigatewayv2.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("apigatewayv2", region))
	})
	var apis []state.APIv2
	err := c.do(ctx, "apigatewayv2", "GetApis", region, "", nil, func(ctx context.Context) error {
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			out, err := cl.GetApis(ctx, &apigatewayv2.GetApisInput{MaxResults: sdk.String(apiGatewayPageText), NextToken: token})
			if err != nil {
				return nil, err
			}
			for _, x := range out.Items {
				apis = append(apis, apiV2(region, x))
			}
			return out.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(apis), func() {
		c.rec.Update(func(a *state.Account) { a.APIGateway.APIs = append(a.APIGateway.APIs, apis...) })
	})
	for i := range apis {
		x := &apis[i]
		c.item("apigatewayv2", region, x.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "apigatewayv2", "GetStages", region, x.ARN, nil, func(ctx context.Context) error {
				var stages []state.APIv2Stage
				err := pages(ctx, func(ctx context.Context, token *string) (*string, error) {
					out, err := cl.GetStages(ctx, &apigatewayv2.GetStagesInput{ApiId: sdk.String(x.ID), MaxResults: sdk.String(apiGatewayPageText), NextToken: token})
					if err != nil {
						return nil, err
					}
					for _, s := range out.Items {
						stages = append(stages, apiV2Stage(x.ARN, region, s))
					}
					return out.NextToken, nil
				})
				sort.Slice(stages, func(i, j int) bool { return stages[i].Name < stages[j].Name })
				x.Stages = stages
				return err
			})
			_ = c.do(ctx, "apigatewayv2", "GetRoutes", region, x.ARN, nil, func(ctx context.Context) error {
				var routes []state.APIv2Route
				err := pages(ctx, func(ctx context.Context, token *string) (*string, error) {
					out, err := cl.GetRoutes(ctx, &apigatewayv2.GetRoutesInput{ApiId: sdk.String(x.ID), MaxResults: sdk.String(apiGatewayPageText), NextToken: token})
					if err != nil {
						return nil, err
					}
					for _, r := range out.Items {
						routes = append(routes, state.APIv2Route{ID: str(r.RouteId), Key: str(r.RouteKey), AuthorizationType: string(r.AuthorizationType)})
					}
					return out.NextToken, nil
				})
				sort.Slice(routes, func(i, j int) bool { return routes[i].Key < routes[j].Key })
				x.Routes = routes
				return err
			})
		}, "GetStages", "GetRoutes")
	}
}

// apiV2 reads one GetApis entry.
func apiV2(region string, x ag2types.Api) state.APIv2 {
	id := str(x.ApiId)
	return state.APIv2{Meta: meta(apiV2ARN(region, id), region, nonEmpty(x.Tags)), ID: id, Name: str(x.Name),
		ProtocolType: string(x.ProtocolType), Endpoint: str(x.ApiEndpoint), DisableExecuteAPIEndpoint: b(x.DisableExecuteApiEndpoint)}
}

// apiV2Stage reads one HTTP or WebSocket API stage.
func apiV2Stage(apiARN, region string, s ag2types.Stage) state.APIv2Stage {
	name := str(s.StageName)
	x := state.APIv2Stage{Meta: meta(apiARN+"/stages/"+name, region, nonEmpty(s.Tags)), Name: name}
	if l := s.AccessLogSettings; l != nil {
		x.AccessLogDestination = str(l.DestinationArn)
	}
	if d := s.DefaultRouteSettings; d != nil {
		x.LoggingLevel = string(d.LoggingLevel)
	}
	return x
}

// nonEmpty is nil for an empty map, so absent and empty tags compare equal.
func nonEmpty(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	return m
}

// unescapePolicy returns a REST API's resource policy as JSON. API Gateway
// answers it JSON-escaped once more ({\"Version\":...}); a document that
// already parses is returned as it is.
func unescapePolicy(s string) string {
	if s == "" || json.Valid([]byte(s)) {
		return s
	}
	var d string
	if err := json.Unmarshal([]byte(`"`+s+`"`), &d); err != nil || !json.Valid([]byte(d)) {
		return s
	}
	return d
}
