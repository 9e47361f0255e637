package awsfake

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// ---- API Gateway (restJson1, old codegen: bodies built by hand with the
// wire names of the SDK's deserializers). REST APIs (apigateway) and
// HTTP/WebSocket APIs (apigatewayv2) share the endpoint and the signing
// name; the /v2/ path prefix tells them apart (identify in server.go). ----

func (s *Server) apiGatewayService() *service {
	return &service{name: "apigateway", proto: protoRestJSON,
		routes: []route{
			rt("GET", "/restapis", "GetRestApis"),
			rt("GET", "/restapis/{restApiId}/stages", "GetStages"),
			rt("POST", "/restapis", "CreateRestApi"),
			rt("PATCH", "/restapis/{restApiId}/stages/{stageName}", "UpdateStage"),
		},
		ops: map[string]handler{
			"GetRestApis": agGetRestApis,
			"GetStages":   agGetStages,
		}}
}

func (s *Server) apiGatewayV2Service() *service {
	return &service{name: "apigatewayv2", proto: protoRestJSON,
		routes: []route{
			rt("GET", "/v2/apis", "GetApis"),
			rt("GET", "/v2/apis/{ApiId}/stages", "GetStages"),
			rt("GET", "/v2/apis/{ApiId}/routes", "GetRoutes"),
			rt("POST", "/v2/apis", "CreateApi"),
			rt("PATCH", "/v2/apis/{ApiId}/stages/{StageName}", "UpdateStage"),
		},
		ops: map[string]handler{
			"GetApis":   ag2GetApis,
			"GetStages": ag2GetStages,
			"GetRoutes": ag2GetRoutes,
		}}
}

// agGetRestApis pages with limit (25 by default, up to 500) and position.
func agGetRestApis(c *call) (*reply, error) {
	xs := c.s.idx.restAPIs[c.region]
	mx, err := c.num("limit", 0)
	if err != nil {
		return nil, err
	}
	start, end, next, err := page(c.action, len(xs), c.str("position"), mx, 25, 500)
	if err != nil {
		return nil, err
	}
	items := []map[string]any{}
	for _, x := range xs[start:end] {
		m := map[string]any{"id": x.ID, "name": x.Name, "apiKeySource": "HEADER", "createdDate": 1.7e9,
			"disableExecuteApiEndpoint": x.DisableExecuteAPIEndpoint,
			"endpointConfiguration":     map[string]any{"types": append([]string{}, x.EndpointTypes...)}}
		if len(x.VPCEndpointIDs) > 0 {
			m["endpointConfiguration"].(map[string]any)["vpcEndpointIds"] = x.VPCEndpointIDs
		}
		if x.Policy != "" {
			m["policy"] = escapePolicy(x.Policy)
		}
		if len(x.Tags) > 0 {
			m["tags"] = x.Tags
		}
		items = append(items, m)
	}
	out := map[string]any{"item": items}
	if next != "" {
		out["position"] = next
	}
	return c.rawJSON(out)
}

// escapePolicy writes a resource policy the way API Gateway answers it:
// the JSON document escaped once more ({\"Version\":...}).
func escapePolicy(doc string) string {
	b, _ := json.Marshal(doc) // a string always marshals
	return strings.TrimSuffix(strings.TrimPrefix(string(b), `"`), `"`)
}

func agGetStages(c *call) (*reply, error) {
	id := c.str("restApiId")
	for _, x := range c.s.idx.restAPIs[c.region] {
		if x.ID != id {
			continue
		}
		items := []map[string]any{}
		for _, s := range x.Stages {
			m := map[string]any{"stageName": s.Name, "deploymentId": "dep" + s.Name, "tracingEnabled": s.TracingEnabled,
				"cacheClusterEnabled": s.CacheClusterEnabled, "cacheClusterStatus": "NOT_AVAILABLE", "methodSettings": restMethodSettings(s)}
			if s.ClientCertificateID != "" {
				m["clientCertificateId"] = s.ClientCertificateID
			}
			if s.WebACLARN != "" {
				m["webAclArn"] = s.WebACLARN
			}
			if s.AccessLogDestination != "" {
				m["accessLogSettings"] = map[string]any{"destinationArn": s.AccessLogDestination, "format": "$context.requestId"}
			}
			if len(s.Tags) > 0 {
				m["tags"] = s.Tags
			}
			items = append(items, m)
		}
		return c.rawJSON(map[string]any{"item": items})
	}
	return nil, errf(404, "NotFoundException", "Invalid API identifier specified %s", id)
}

// restMethodSettings writes a stage's method settings: "*/*" carries the
// stage's logging level, other keys turn logging off or cache.
func restMethodSettings(s state.RestStage) map[string]any {
	ms := map[string]map[string]any{}
	get := func(k string) map[string]any {
		if ms[k] == nil {
			ms[k] = map[string]any{"metricsEnabled": false, "dataTraceEnabled": false, "throttlingBurstLimit": 5000, "throttlingRateLimit": 10000.0,
				"cachingEnabled": false, "cacheTtlInSeconds": 300, "cacheDataEncrypted": false}
		}
		return ms[k]
	}
	if s.LoggingLevel != "" {
		get("*/*")["loggingLevel"] = s.LoggingLevel
	}
	for _, k := range s.MethodLoggingOff {
		get(k)["loggingLevel"] = "OFF"
	}
	for _, k := range s.CachingMethods {
		m := get(k)
		m["cachingEnabled"] = true
		m["cacheDataEncrypted"] = !slices.Contains(s.CacheUnencrypted, k)
	}
	out := make(map[string]any, len(ms))
	for k, v := range ms {
		out[k] = v
	}
	return out
}

// ag2GetApis pages with maxResults (a string on the wire) and nextToken.
func ag2GetApis(c *call) (*reply, error) {
	xs := c.s.idx.apisV2[c.region]
	start, end, next, err := c.pageOfLower(len(xs), 100, 500)
	if err != nil {
		return nil, err
	}
	items := []map[string]any{}
	for _, x := range xs[start:end] {
		m := map[string]any{"apiId": x.ID, "name": x.Name, "protocolType": x.ProtocolType, "apiEndpoint": x.Endpoint,
			"disableExecuteApiEndpoint": x.DisableExecuteAPIEndpoint, "createdDate": "2025-01-01T00:00:00Z"}
		if x.ProtocolType == "WEBSOCKET" {
			m["routeSelectionExpression"] = "$request.body.action"
		} else {
			m["routeSelectionExpression"] = "$request.method $request.path"
		}
		if len(x.Tags) > 0 {
			m["tags"] = x.Tags
		}
		items = append(items, m)
	}
	return c.rawJSON(v2Page(items, next))
}

func v2Page(items []map[string]any, next string) map[string]any {
	out := map[string]any{"items": items}
	if next != "" {
		out["nextToken"] = next
	}
	return out
}

// ag2API finds the API named by the ApiId path label.
func ag2API(c *call) (*state.APIv2, error) {
	id := c.str("ApiId")
	for _, x := range c.s.idx.apisV2[c.region] {
		if x.ID == id {
			return x, nil
		}
	}
	return nil, errf(404, "NotFoundException", "Invalid API identifier specified %s", id)
}

// ag2Page finds the v2 API a per-API listing names and the page of its
// items (n counts them) that maxResults and nextToken ask for.
func ag2Page(c *call, n func(*state.APIv2) int) (x *state.APIv2, start, end int, next string, err error) {
	if x, err = ag2API(c); err != nil {
		return nil, 0, 0, "", err
	}
	mx, err := c.num("maxResults", 0)
	if err != nil {
		return nil, 0, 0, "", err
	}
	start, end, next, err = page(c.action, n(x), c.str("nextToken"), mx, 25, 500)
	return x, start, end, next, err
}

func ag2GetStages(c *call) (*reply, error) {
	x, start, end, next, err := ag2Page(c, func(x *state.APIv2) int { return len(x.Stages) })
	if err != nil {
		return nil, err
	}
	items := []map[string]any{}
	for _, s := range x.Stages[start:end] {
		m := map[string]any{"stageName": s.Name, "autoDeploy": x.ProtocolType == "HTTP", "createdDate": "2025-01-01T00:00:00Z",
			"defaultRouteSettings": map[string]any{"detailedMetricsEnabled": false}}
		if s.LoggingLevel != "" {
			m["defaultRouteSettings"].(map[string]any)["loggingLevel"] = s.LoggingLevel
		}
		if s.AccessLogDestination != "" {
			m["accessLogSettings"] = map[string]any{"destinationArn": s.AccessLogDestination, "format": "$context.requestId"}
		}
		if len(s.Tags) > 0 {
			m["tags"] = s.Tags
		}
		items = append(items, m)
	}
	return c.rawJSON(v2Page(items, next))
}

func ag2GetRoutes(c *call) (*reply, error) {
	x, start, end, next, err := ag2Page(c, func(x *state.APIv2) int { return len(x.Routes) })
	if err != nil {
		return nil, err
	}
	items := []map[string]any{}
	for _, r := range x.Routes[start:end] {
		items = append(items, map[string]any{"routeId": r.ID, "routeKey": r.Key, "authorizationType": orDefault(r.AuthorizationType, "NONE"),
			"apiKeyRequired": false, "target": "integrations/i" + r.ID})
	}
	return c.rawJSON(v2Page(items, next))
}

// expressibleAPIGateway applies what API Gateway's answers can carry: an
// API's ARN is made of its region and ID, and so is each stage's under it;
// stages come sorted by name and routes by key (the collector sorts them),
// a route without an authorization type is NONE, method settings keys are
// sorted and unique, only methods that cache can leave the cache
// unencrypted, and an empty tag map or list is absent.
func expressibleAPIGateway(a *state.Account) {
	for i := range a.APIGateway.RestAPIs {
		x := &a.APIGateway.RestAPIs[i]
		x.ARN = "arn:aws:apigateway:" + x.Region + "::/restapis/" + x.ID
		x.Tags = nonEmptyTags(x.Tags)
		if len(x.EndpointTypes) == 0 {
			x.EndpointTypes = nil
		}
		if len(x.VPCEndpointIDs) == 0 {
			x.VPCEndpointIDs = nil
		}
		for j := range x.Stages {
			s := &x.Stages[j]
			s.ARN, s.Region, s.Tags = x.ARN+"/stages/"+s.Name, x.Region, nonEmptyTags(s.Tags)
			s.MethodLoggingOff = sortedSet(slices.DeleteFunc(slices.Clone(s.MethodLoggingOff), func(k string) bool { return k == "*/*" }))
			s.CachingMethods = sortedSet(s.CachingMethods)
			s.CacheUnencrypted = sortedSet(slices.DeleteFunc(slices.Clone(s.CacheUnencrypted), func(k string) bool { return !slices.Contains(s.CachingMethods, k) }))
		}
		slices.SortStableFunc(x.Stages, func(p, q state.RestStage) int { return strings.Compare(p.Name, q.Name) })
		if len(x.Stages) == 0 {
			x.Stages = nil
		}
	}
	for i := range a.APIGateway.APIs {
		x := &a.APIGateway.APIs[i]
		x.ARN = "arn:aws:apigateway:" + x.Region + "::/apis/" + x.ID
		x.Tags = nonEmptyTags(x.Tags)
		for j := range x.Stages {
			s := &x.Stages[j]
			s.ARN, s.Region, s.Tags = x.ARN+"/stages/"+s.Name, x.Region, nonEmptyTags(s.Tags)
		}
		slices.SortStableFunc(x.Stages, func(p, q state.APIv2Stage) int { return strings.Compare(p.Name, q.Name) })
		for j := range x.Routes {
			x.Routes[j].AuthorizationType = orDefault(x.Routes[j].AuthorizationType, "NONE")
		}
		slices.SortStableFunc(x.Routes, func(p, q state.APIv2Route) int { return strings.Compare(p.Key, q.Key) })
		if len(x.Stages) == 0 {
			x.Stages = nil
		}
		if len(x.Routes) == 0 {
			x.Routes = nil
		}
	}
}

func nonEmptyTags(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	return m
}

// sortedSet is xs sorted without duplicates, nil when empty.
func sortedSet(xs []string) []string {
	if len(xs) == 0 {
		return nil
	}
	out := slices.Clone(xs)
	slices.Sort(out)
	return slices.Compact(out)
}
