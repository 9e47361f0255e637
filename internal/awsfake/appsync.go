package awsfake

// ---- AWS AppSync (restJson1; svc-classic) ----

func (s *Server) appSyncService() *service {
	return &service{name: "appsync", proto: protoRestJSON,
		routes: []route{
			rt("GET", "/v1/apis", "ListGraphqlApis"),
			rt("GET", "/v1/apis/{ApiId}/ApiCaches", "GetApiCache"),
			rt("POST", "/v1/apis", "CreateGraphqlApi"),
			rt("DELETE", "/v1/apis/{ApiId}", "DeleteGraphqlApi"),
		},
		ops: map[string]handler{
			"ListGraphqlApis": asListGraphqlApis,
			"GetApiCache":     asGetApiCache,
		}}
}

// asListGraphqlApis pages with maxResults (0-25, default 10) and
// nextToken; each API carries its authorization modes, log configuration
// and tags, as AppSync's listing does.
func asListGraphqlApis(c *call) (*reply, error) {
	xs := c.s.idx.graphqlAPIs[c.region]
	start, end, next, err := c.pageOfLower(len(xs), 10, 25)
	if err != nil {
		return nil, err
	}
	apis := []map[string]any{}
	for _, x := range xs[start:end] {
		g := map[string]any{"apiId": x.ID, "arn": x.ARN, "name": x.Name, "authenticationType": x.AuthenticationType,
			"apiType": "GRAPHQL", "visibility": "GLOBAL", "xrayEnabled": false}
		if len(x.Tags) > 0 {
			g["tags"] = x.Tags
		}
		var extra []map[string]any
		for _, t := range x.AdditionalAuthenticationTypes {
			extra = append(extra, map[string]any{"authenticationType": t})
		}
		if len(extra) > 0 {
			g["additionalAuthenticationProviders"] = extra
		}
		if x.FieldLogLevel != "" {
			g["logConfig"] = map[string]any{"fieldLogLevel": x.FieldLogLevel, "excludeVerboseContent": false,
				"cloudWatchLogsRoleArn": "arn:aws:iam::" + c.s.acct.AccountID + ":role/appsync-logs"}
		}
		apis = append(apis, g)
	}
	out := map[string]any{"graphqlApis": apis}
	if next != "" {
		out["nextToken"] = next
	}
	return c.rawJSON(out)
}

// asGetApiCache answers the API's cache, or NotFoundException (404) when it
// has none, as AppSync does.
func asGetApiCache(c *call) (*reply, error) {
	id := c.str("ApiId")
	for _, x := range c.s.idx.graphqlAPIs[c.region] {
		if x.ID != id {
			continue
		}
		if x.Cache == nil {
			return nil, errf(404, "NotFoundException", "Unable to get the cache as it doesn't exist, please create the cache first.")
		}
		k := x.Cache
		return c.rawJSON(map[string]any{"apiCache": map[string]any{"type": orDefault(k.Type, "SMALL"), "status": orDefault(k.Status, "AVAILABLE"),
			"atRestEncryptionEnabled": k.AtRestEncryption, "transitEncryptionEnabled": k.TransitEncryption, "ttl": 300,
			"apiCachingBehavior": "FULL_REQUEST_CACHING", "healthMetricsConfig": "DISABLED"}})
	}
	return nil, errf(404, "NotFoundException", "GraphQL API %s not found.", id)
}
