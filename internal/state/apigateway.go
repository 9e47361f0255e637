package state

// APIGateway holds the API Gateway APIs of every scanned region: REST APIs
// (the v1 API) and HTTP and WebSocket APIs (the v2 API), each with its
// stages (and, for v2, its routes).
//
// Gaps: apigateway GetRestApis hides a region's REST APIs (name, endpoint
// type, resource policy, tags); apigateway GetStages (stage settings) is
// recorded per REST API ARN. apigatewayv2 GetApis hides a region's HTTP
// and WebSocket APIs; its GetStages and GetRoutes are recorded per API ARN.
type APIGateway struct {
	RestAPIs []RestAPI `json:"rest_apis,omitempty"`
	// APIs are the HTTP and WebSocket APIs.
	APIs []APIv2 `json:"apis,omitempty"`
}

// RestAPI is an API Gateway REST API; its ARN is
// arn:aws:apigateway:REGION::/restapis/ID.
type RestAPI struct {
	Meta
	ID   string `json:"id"`
	Name string `json:"name"`
	// EndpointTypes are EDGE, REGIONAL or PRIVATE (one per API in
	// practice).
	EndpointTypes []string `json:"endpoint_types,omitempty"`
	// VPCEndpointIDs are the interface endpoints a PRIVATE API is bound to.
	VPCEndpointIDs []string `json:"vpc_endpoint_ids,omitempty"`
	// DisableExecuteAPIEndpoint is true when the default
	// https://ID.execute-api.REGION.amazonaws.com endpoint is off (clients
	// must use a custom domain name).
	DisableExecuteAPIEndpoint bool `json:"disable_execute_api_endpoint,omitempty"`
	// Policy is the resource policy (JSON), empty when none.
	Policy string `json:"policy,omitempty"`
	// Stages are the API's stages (GetStages).
	Stages []RestStage `json:"stages,omitempty"`
}

// Private reports whether the API's endpoint is PRIVATE (reachable only
// through interface VPC endpoints).
func (r RestAPI) Private() bool {
	for _, t := range r.EndpointTypes {
		if t == "PRIVATE" {
			return true
		}
	}
	return false
}

// RestStage is a stage of a REST API; its ARN is
// arn:aws:apigateway:REGION::/restapis/ID/stages/NAME.
type RestStage struct {
	Meta
	Name string `json:"name"`
	// LoggingLevel is the execution logging level of the stage's default
	// method settings ("*/*"): OFF, ERROR or INFO; empty means OFF.
	LoggingLevel string `json:"logging_level,omitempty"`
	// MethodLoggingOff lists method settings keys (resource/METHOD) that
	// override the default with logging OFF.
	MethodLoggingOff []string `json:"method_logging_off,omitempty"`
	// ClientCertificateID is the certificate API Gateway presents to the
	// backend (FSBP APIGateway.2); empty when none.
	ClientCertificateID string `json:"client_certificate_id,omitempty"`
	// TracingEnabled is true when AWS X-Ray active tracing is on.
	TracingEnabled bool `json:"tracing_enabled,omitempty"`
	// WebACLARN is the associated AWS WAF web ACL, empty when none.
	WebACLARN string `json:"web_acl_arn,omitempty"`
	// CacheClusterEnabled is true when the stage has a cache cluster.
	CacheClusterEnabled bool `json:"cache_cluster_enabled,omitempty"`
	// CachingMethods lists the method settings keys ("*/*" for the
	// default) that cache responses, and CacheUnencrypted those of them
	// whose cached data is not encrypted.
	CachingMethods   []string `json:"caching_methods,omitempty"`
	CacheUnencrypted []string `json:"cache_unencrypted,omitempty"`
	// AccessLogDestination is the CloudWatch Logs group or Firehose stream
	// access logs go to, empty when access logging is off.
	AccessLogDestination string `json:"access_log_destination,omitempty"`
}

// APIv2 is an API Gateway HTTP or WebSocket API; its ARN is
// arn:aws:apigateway:REGION::/apis/ID.
type APIv2 struct {
	Meta
	ID   string `json:"id"`
	Name string `json:"name"`
	// ProtocolType is HTTP or WEBSOCKET.
	ProtocolType string `json:"protocol_type"`
	// Endpoint is the default endpoint URL.
	Endpoint                  string `json:"endpoint,omitempty"`
	DisableExecuteAPIEndpoint bool   `json:"disable_execute_api_endpoint,omitempty"`
	// Stages come from GetStages, Routes from GetRoutes.
	Stages []APIv2Stage `json:"stages,omitempty"`
	Routes []APIv2Route `json:"routes,omitempty"`
}

// APIv2Stage is a stage of an HTTP or WebSocket API; its ARN is
// arn:aws:apigateway:REGION::/apis/ID/stages/NAME.
type APIv2Stage struct {
	Meta
	Name string `json:"name"`
	// AccessLogDestination is where access logs go, empty when off.
	AccessLogDestination string `json:"access_log_destination,omitempty"`
	// LoggingLevel is the default route settings' execution logging
	// level (WebSocket APIs only): OFF, ERROR or INFO; empty means OFF.
	LoggingLevel string `json:"logging_level,omitempty"`
}

// APIv2Route is a route of an HTTP or WebSocket API.
type APIv2Route struct {
	ID  string `json:"id"`
	Key string `json:"key"`
	// AuthorizationType is NONE, AWS_IAM, CUSTOM or JWT.
	AuthorizationType string `json:"authorization_type"`
}
