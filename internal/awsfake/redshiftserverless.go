package awsfake

import "sort"

// ---- Amazon Redshift Serverless (awsJson1.1, X-Amz-Target
// RedshiftServerless.*, signing name redshift-serverless; bodies by hand:
// the SDK's client has no schema serializers. Member names are the
// deserializer's: lower camel case). ----

func (s *Server) redshiftServerlessService() *service {
	return &service{name: "redshift-serverless", proto: protoJSON, ops: map[string]handler{
		"ListWorkgroups": rssListWorkgroups,
		"ListNamespaces": rssListNamespaces,
	}}
}

// rssListWorkgroups pages with maxResults (1..100, default 100) and
// nextToken.
func rssListWorkgroups(c *call) (*reply, error) {
	ws := c.s.idx.rssWorkgroups[c.region]
	start, end, next, err := c.pageOfLower(len(ws), 100, 100)
	if err != nil {
		return nil, err
	}
	items := make([]map[string]any, 0, end-start)
	for _, w := range ws[start:end] {
		keys := make([]string, 0, len(w.Parameters))
		for k := range w.Parameters {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		params := make([]map[string]string, 0, len(keys))
		for _, k := range keys {
			params = append(params, map[string]string{"parameterKey": k, "parameterValue": w.Parameters[k]})
		}
		items = append(items, map[string]any{"workgroupName": w.Name, "workgroupArn": w.ARN, "workgroupId": arnTail(w.ARN),
			"namespaceName": w.Namespace, "status": orDefault(w.Status, "AVAILABLE"), "enhancedVpcRouting": w.EnhancedVPCRouting,
			"publiclyAccessible": w.PubliclyAccessible, "configParameters": params, "baseCapacity": 8, "creationDate": "2026-01-01T00:00:00Z"})
	}
	out := map[string]any{"workgroups": items}
	if next != "" {
		out["nextToken"] = next
	}
	return c.rawJSON(out)
}

// rssListNamespaces pages with maxResults (1..100, default 100) and
// nextToken.
func rssListNamespaces(c *call) (*reply, error) {
	ns := c.s.idx.rssNamespaces[c.region]
	start, end, next, err := c.pageOfLower(len(ns), 100, 100)
	if err != nil {
		return nil, err
	}
	items := make([]map[string]any, 0, end-start)
	for _, n := range ns[start:end] {
		x := map[string]any{"namespaceName": n.Name, "namespaceArn": n.ARN, "namespaceId": arnTail(n.ARN), "status": orDefault(n.Status, "AVAILABLE"),
			"dbName": "dev", "creationDate": "2026-01-01T00:00:00Z", "logExports": orEmpty(n.LogExports)}
		if n.AdminUsername != "" {
			x["adminUsername"] = n.AdminUsername
		}
		if n.KMSKeyID != "" {
			x["kmsKeyId"] = n.KMSKeyID
		}
		items = append(items, x)
	}
	out := map[string]any{"namespaces": items}
	if next != "" {
		out["nextToken"] = next
	}
	return c.rawJSON(out)
}

// arnTail is what follows the last slash of an ARN.
func arnTail(arn string) string {
	for i := len(arn) - 1; i >= 0; i-- {
		if arn[i] == '/' {
			return arn[i+1:]
		}
	}
	return arn
}

// orEmpty is xs, or an empty list for nil (AWS answers [] rather than
// leaving the member out).
func orEmpty(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}
