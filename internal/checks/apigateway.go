package checks

import (
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/exposure"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// apiGatewayChecks are the customer's duties on API Gateway: AWS runs the
// gateway fleet, but each stage's logging, tracing, backend certificate,
// web ACL and cache encryption, who its resource policy lets invoke it,
// and which routes demand authorization are the API's settings.
func apiGatewayChecks() []check.Check {
	return []check.Check{
		restStageCheck("apigateway_rest_stage_execution_logging", restStageExecutionLogging),
		restStageCheck("apigateway_rest_stage_client_certificate", restStageClientCertificate),
		restStageCheck("apigateway_rest_stage_xray", restStageXRay),
		restStageCheck("apigateway_rest_stage_waf", restStageWAF),
		restStageCheck("apigateway_rest_stage_cache_encrypted", restStageCacheEncrypted),
		restStageCheck("apigateway_rest_stage_access_logging", restStageAccessLogging),
		restAPIPolicyCheck(scopePublic),
		restAPIPolicyCheck(scopeTrusted),
		apiV2StageCheck("apigateway_v2_stage_access_logging", "", apiV2StageAccessLogging),
		apiV2StageCheck("apigateway_websocket_stage_execution_logging", "WEBSOCKET", apiV2StageExecutionLogging),
		apiV2RouteAuthorization(),
	}
}

// eachRestAPI judges every REST API of the regions whose GetRestApis
// answered (one unknown per region whose listing failed).
func eachRestAPI(a *state.Account, judge func(state.RestAPI) []check.Result) []check.Result {
	var out []check.Result
	bad := regionalListingUnknown(a, "apigateway", &out, state.InputRestAPIs)
	for _, x := range a.APIGateway.RestAPIs {
		if !bad[x.Region] {
			out = append(out, judge(x)...)
		}
	}
	return out
}

// restStageCheck judges every stage of every REST API; an API whose
// GetStages failed is one unknown (its stages are not known).
func restStageCheck(id string, judge func(api state.RestAPI, s state.RestStage) check.Result) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRestAPI(a, func(x state.RestAPI) []check.Result {
				if g, ok := a.Gaps.ForInput(state.InputRestAPIStages, x.Region, x.ARN); ok {
					return []check.Result{check.GapR(x, g)}
				}
				out := make([]check.Result, 0, len(x.Stages))
				for _, s := range x.Stages {
					out = append(out, judge(x, s))
				}
				return out
			})
		},
	}
}

// stageName names a REST stage as API/stage.
func stageName(apiName, stage string) string { return apiName + "/" + stage }

// loggingOn reports whether an execution logging level writes logs.
func loggingOn(level string) bool { return level == "ERROR" || level == "INFO" }

func restStageExecutionLogging(x state.RestAPI, s state.RestStage) check.Result {
	n := stageName(x.Name, s.Name)
	if !loggingOn(s.LoggingLevel) {
		return check.FailR(s, "stage %s writes no execution logs (level %s)", n, orNone(s.LoggingLevel))
	}
	if len(s.MethodLoggingOff) > 0 {
		return check.FailR(s, "stage %s logs at %s but turns logging off for %s", n, s.LoggingLevel, strings.Join(s.MethodLoggingOff, ", "))
	}
	return check.PassR(s, "stage %s writes execution logs at level %s", n, s.LoggingLevel)
}

func restStageClientCertificate(x state.RestAPI, s state.RestStage) check.Result {
	n := stageName(x.Name, s.Name)
	if s.ClientCertificateID == "" {
		return check.FailR(s, "stage %s presents no client certificate: backends cannot tell its requests from anyone else's", n)
	}
	return check.PassR(s, "stage %s presents client certificate %s to its backends", n, s.ClientCertificateID)
}

func restStageXRay(x state.RestAPI, s state.RestStage) check.Result {
	n := stageName(x.Name, s.Name)
	if !s.TracingEnabled {
		return check.FailR(s, "stage %s has AWS X-Ray tracing off", n)
	}
	return check.PassR(s, "stage %s traces requests with AWS X-Ray", n)
}

func restStageWAF(x state.RestAPI, s state.RestStage) check.Result {
	n := stageName(x.Name, s.Name)
	if s.WebACLARN == "" {
		return check.FailR(s, "stage %s has no AWS WAF web ACL", n)
	}
	return check.PassR(s, "stage %s is protected by web ACL %s", n, s.WebACLARN)
}

func restStageCacheEncrypted(x state.RestAPI, s state.RestStage) check.Result {
	n := stageName(x.Name, s.Name)
	if len(s.CachingMethods) == 0 {
		return check.NotApplicableR(s, "stage %s caches no responses", n)
	}
	if len(s.CacheUnencrypted) > 0 {
		return check.FailR(s, "stage %s caches responses unencrypted for %s", n, strings.Join(s.CacheUnencrypted, ", "))
	}
	return check.PassR(s, "stage %s encrypts every cached response (%s)", n, strings.Join(s.CachingMethods, ", "))
}

func restStageAccessLogging(x state.RestAPI, s state.RestStage) check.Result {
	n := stageName(x.Name, s.Name)
	if s.AccessLogDestination == "" {
		return check.FailR(s, "stage %s writes no access logs", n)
	}
	return check.PassR(s, "stage %s writes access logs to %s", n, s.AccessLogDestination)
}

// restAPIPolicyCheck judges a REST API's resource policy with
// internal/exposure's verdict. Grants to everyone (scopePublic) are judged
// on PRIVATE APIs only: an EDGE or REGIONAL API is reachable from the
// internet by its endpoint type, and its policy granting invoke to
// everyone is how a public API is written; a private API's policy that
// grants to everyone lets any VPC endpoint of any account in. Grants to
// untrusted principals (scopeTrusted) are judged on every API.
func restAPIPolicyCheck(s exposureScope) check.Check {
	id := "apigateway_rest_api_policy_trusted"
	if s == scopePublic {
		id = "apigateway_rest_api_policy_not_public"
	}
	return check.Check{
		ID: id,
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			c := exposureContext(a, p)
			return eachRestAPI(a, func(x state.RestAPI) []check.Result {
				r := restAPIPolicyResult(s, x, exposure.Judge(x.Policy, c))
				if s == scopeTrusted && r.Status == check.Fail && pinsNetwork(x.Policy) {
					// The account's own VPC endpoints and VPCs are trusted
					// networks; unread, a grant pinned to one looks untrusted
					// (a grant pinned to any network is never one to everyone,
					// so the public scope does not depend on them).
					if g, ok := networksGap(a); ok {
						return []check.Result{check.GapR(x, g)}
					}
				}
				return []check.Result{r}
			})
		},
	}
}

// pinsNetwork reports whether a policy names a VPC endpoint or VPC
// condition key (aws:SourceVpce, aws:SourceVpc).
func pinsNetwork(doc string) bool {
	return strings.Contains(strings.ToLower(doc), "aws:sourcevpc")
}

// networksGap is a gap that hides some of the account's own VPC endpoints
// or VPCs (which exposure.NewContext trusts) in a scanned region.
func networksGap(a *state.Account) (state.Gap, bool) {
	for _, r := range a.ScannedRegions() {
		if g, ok := listingGap(a, r, state.InputEC2VPCEndpoints, state.InputEC2VPCs); ok {
			return g, true
		}
	}
	return state.Gap{}, false
}

// restAPIPolicyResult words the verdict v on API x's policy for scope s.
func restAPIPolicyResult(s exposureScope, x state.RestAPI, v exposure.Verdict) check.Result {
	what := "REST API " + x.Name
	endpoint := strings.Join(x.EndpointTypes, ",")
	switch {
	case s == scopePublic && !x.Private():
		return check.NotApplicableR(x, "%s has a %s endpoint, reachable from the internet by design: its policy's grants to everyone are not a leak (the trusted-principal check still judges it)", what, orNone(endpoint))
	case v.Empty && x.Private():
		return check.PassR(x, "%s is private and has no resource policy: AWS lets no one invoke a private API without one", what)
	case v.Empty:
		return check.PassR(x, "%s has no resource policy: it grants invoke to no other account", what)
	}
	return exposureResult(s, x, what, v)
}

// eachAPIv2 judges every HTTP and WebSocket API of the regions whose
// GetApis answered.
func eachAPIv2(a *state.Account, judge func(state.APIv2) []check.Result) []check.Result {
	var out []check.Result
	bad := regionalListingUnknown(a, "apigatewayv2", &out, state.InputAPIsV2)
	for _, x := range a.APIGateway.APIs {
		if !bad[x.Region] {
			out = append(out, judge(x)...)
		}
	}
	return out
}

// apiV2StageCheck judges every stage of the HTTP and WebSocket APIs (only
// those of protocol when it is set); an API whose GetStages failed is one
// unknown.
func apiV2StageCheck(id, protocol string, judge func(api state.APIv2, s state.APIv2Stage) check.Result) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachAPIv2(a, func(x state.APIv2) []check.Result {
				if protocol != "" && x.ProtocolType != protocol {
					return nil
				}
				if g, ok := a.Gaps.ForInput(state.InputAPIv2Stages, x.Region, x.ARN); ok {
					return []check.Result{check.GapR(x, g)}
				}
				out := make([]check.Result, 0, len(x.Stages))
				for _, s := range x.Stages {
					out = append(out, judge(x, s))
				}
				return out
			})
		},
	}
}

func apiV2StageAccessLogging(x state.APIv2, s state.APIv2Stage) check.Result {
	n := stageName(x.Name, s.Name)
	if s.AccessLogDestination == "" {
		return check.FailR(s, "%s stage %s writes no access logs", x.ProtocolType, n)
	}
	return check.PassR(s, "%s stage %s writes access logs to %s", x.ProtocolType, n, s.AccessLogDestination)
}

func apiV2StageExecutionLogging(x state.APIv2, s state.APIv2Stage) check.Result {
	n := stageName(x.Name, s.Name)
	if !loggingOn(s.LoggingLevel) {
		return check.FailR(s, "WebSocket stage %s writes no execution logs (level %s)", n, orNone(s.LoggingLevel))
	}
	return check.PassR(s, "WebSocket stage %s writes execution logs at level %s", n, s.LoggingLevel)
}

// apiV2RouteAuthorization fails an API with a route that names no
// authorization type. A WebSocket API authorizes clients once, on its
// $connect route (the only route that accepts an authorizer), so only
// that route is judged there.
func apiV2RouteAuthorization() check.Check {
	return check.Check{
		ID: "apigateway_v2_route_authorization",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachAPIv2(a, func(x state.APIv2) []check.Result {
				if g, ok := a.Gaps.ForInput(state.InputAPIv2Routes, x.Region, x.ARN); ok {
					return []check.Result{check.GapR(x, g)}
				}
				var judged, open []string
				for _, r := range x.Routes {
					if x.ProtocolType == "WEBSOCKET" && r.Key != "$connect" {
						continue
					}
					judged = append(judged, r.Key)
					if r.AuthorizationType == "" || r.AuthorizationType == "NONE" {
						open = append(open, r.Key)
					}
				}
				switch {
				case len(judged) == 0 && x.ProtocolType == "WEBSOCKET":
					return []check.Result{check.NotApplicableR(x, "WebSocket API %s has no $connect route to authorize", x.Name)}
				case len(judged) == 0:
					return []check.Result{check.NotApplicableR(x, "%s API %s has no routes", x.ProtocolType, x.Name)}
				case len(open) > 0:
					return []check.Result{check.FailR(x, "%s API %s lets anyone call %s (authorization NONE)", x.ProtocolType, x.Name, strings.Join(open, ", "))}
				}
				return []check.Result{check.PassR(x, "%s API %s requires authorization on all %d routes judged", x.ProtocolType, x.Name, len(judged))}
			})
		},
	}
}
