package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// apiGateway adds Alpenglow's APIs. The Frankfurt order API is private,
// invoked only through the platform's VPC endpoint, and every stage
// setting is as it should be; its HTTP checkout API demands JWTs but left
// the health route open. The partner sync API in Ireland was made private
// but its policy lets everyone in; the Irish WebSocket chat is set up
// well. The US marketing stack's promo API (EDGE) lets a former agency's
// account invoke it and has no logs, tracing, WAF or backend certificate,
// and caches unencrypted; its WebSocket feed lets anyone connect.
func (x *b) apiGateway() {
	const fra, dub, iad = "eu-central-1", "eu-west-1", "us-east-1"
	rest := func(region, id string) string { return "arn:aws:apigateway:" + region + "::/restapis/" + id }
	v2 := func(region, id string) string { return "arn:aws:apigateway:" + region + "::/apis/" + id }
	stage := func(api, region, name string) state.Meta {
		return state.Meta{ARN: api + "/stages/" + name, Region: region}
	}
	logGroup := func(region, name string) string { return x.arn("logs", region, "log-group:"+name) }
	orders, partner, promo := rest(fra, "a1ord3rs01"), rest(dub, "p4rtn3r002"), rest(iad, "pr0m0ap103")
	x.a.APIGateway.RestAPIs = append(x.a.APIGateway.RestAPIs,
		state.RestAPI{Meta: state.Meta{ARN: orders, Region: fra, Tags: map[string]string{"team": "platform"}}, ID: "a1ord3rs01", Name: "orders-internal",
			EndpointTypes: []string{"PRIVATE"}, VPCEndpointIDs: []string{"vpce-ec2fra"},
			Policy: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-ec2fra"}}}]}`,
			Stages: []state.RestStage{{Meta: stage(orders, fra, "prod"), Name: "prod", LoggingLevel: "INFO", ClientCertificateID: "orders-backend-cert",
				TracingEnabled: true, WebACLARN: x.arn("wafv2", fra, "regional/webacl/api-protection/0d6b7c1e"), CacheClusterEnabled: true,
				CachingMethods: []string{"*/*"}, AccessLogDestination: logGroup(fra, "api-gateway/orders-internal")}}},
		state.RestAPI{Meta: state.Meta{ARN: partner, Region: dub, Tags: map[string]string{"team": "integrations"}}, ID: "p4rtn3r002", Name: "partner-sync",
			EndpointTypes: []string{"PRIVATE"},
			Policy:        `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"}]}`,
			Stages: []state.RestStage{{Meta: stage(partner, dub, "prod"), Name: "prod", LoggingLevel: "ERROR", MethodLoggingOff: []string{"sync/POST"},
				TracingEnabled: true, AccessLogDestination: logGroup(dub, "api-gateway/partner-sync")}}},
		state.RestAPI{Meta: state.Meta{ARN: promo, Region: iad, Tags: map[string]string{"team": "marketing"}}, ID: "pr0m0ap103", Name: "promo-api",
			EndpointTypes: []string{"EDGE"},
			Policy: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"},` +
				`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::555544443333:root"},"Action":"execute-api:*","Resource":"execute-api:/*"}]}`,
			Stages: []state.RestStage{{Meta: stage(promo, iad, "v1"), Name: "v1", LoggingLevel: "OFF", CacheClusterEnabled: true,
				CachingMethods: []string{"*/*"}, CacheUnencrypted: []string{"*/*"}}}},
	)
	checkout, events, chat, feed := v2(fra, "ch3ck0ut04"), v2(fra, "3v3nts0005"), v2(dub, "ch4tws0006"), v2(iad, "f33dws0007")
	x.a.APIGateway.APIs = append(x.a.APIGateway.APIs,
		state.APIv2{Meta: state.Meta{ARN: checkout, Region: fra, Tags: map[string]string{"team": "shop"}}, ID: "ch3ck0ut04", Name: "checkout", ProtocolType: "HTTP",
			Endpoint: "https://ch3ck0ut04.execute-api.eu-central-1.amazonaws.com",
			Stages:   []state.APIv2Stage{{Meta: stage(checkout, fra, "$default"), Name: "$default", AccessLogDestination: logGroup(fra, "api-gateway/checkout")}},
			Routes: []state.APIv2Route{{ID: "r0ck01", Key: "GET /health", AuthorizationType: "NONE"}, {ID: "r0ck02", Key: "POST /orders", AuthorizationType: "JWT"},
				{ID: "r0ck03", Key: "GET /orders/{id}", AuthorizationType: "JWT"}}},
		state.APIv2{Meta: state.Meta{ARN: events, Region: fra, Tags: map[string]string{"team": "platform"}}, ID: "3v3nts0005", Name: "internal-events", ProtocolType: "HTTP",
			Endpoint: "https://3v3nts0005.execute-api.eu-central-1.amazonaws.com",
			Stages:   []state.APIv2Stage{{Meta: stage(events, fra, "$default"), Name: "$default"}},
			Routes:   []state.APIv2Route{{ID: "r0ev01", Key: "POST /events", AuthorizationType: "AWS_IAM"}}},
		state.APIv2{Meta: state.Meta{ARN: chat, Region: dub, Tags: map[string]string{"team": "support"}}, ID: "ch4tws0006", Name: "support-chat", ProtocolType: "WEBSOCKET",
			Endpoint: "wss://ch4tws0006.execute-api.eu-west-1.amazonaws.com",
			Stages: []state.APIv2Stage{{Meta: stage(chat, dub, "live"), Name: "live", LoggingLevel: "ERROR",
				AccessLogDestination: logGroup(dub, "api-gateway/support-chat")}},
			Routes: []state.APIv2Route{{ID: "r0ch01", Key: "$connect", AuthorizationType: "CUSTOM"}, {ID: "r0ch02", Key: "$default", AuthorizationType: "NONE"}}},
		state.APIv2{Meta: state.Meta{ARN: feed, Region: iad, Tags: map[string]string{"team": "marketing"}}, ID: "f33dws0007", Name: "promo-feed", ProtocolType: "WEBSOCKET",
			Endpoint: "wss://f33dws0007.execute-api.us-east-1.amazonaws.com",
			Stages:   []state.APIv2Stage{{Meta: stage(feed, iad, "prod"), Name: "prod", LoggingLevel: "OFF"}},
			Routes:   []state.APIv2Route{{ID: "r0fd01", Key: "$connect", AuthorizationType: "NONE"}, {ID: "r0fd02", Key: "$default", AuthorizationType: "NONE"}}},
	)
}
