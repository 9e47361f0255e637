package awsfake

import (
	"slices"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// ---- AWS WAF web ACLs (awsJson1.1, bodies by hand; the service is
// registered in elb.go with GetWebACLForResource). CLOUDFRONT web ACLs
// live in us-east-1 and are told apart by the Scope of each request. ----

// wafScoped are the region's web ACLs of the request's Scope.
func wafScoped(c *call) []*state.WebACL {
	var out []*state.WebACL
	for _, x := range c.s.idx.webACLs[c.region] {
		if x.Scope == c.str("Scope") {
			out = append(out, x)
		}
	}
	return out
}

// wafPage pages with Limit (1-100) and NextMarker.
func wafPage(c *call, n int) (int, int, string, error) {
	mx, err := c.num("Limit", 0)
	if err != nil {
		return 0, 0, "", err
	}
	if mx < 0 || mx > 100 {
		return 0, 0, "", errf(400, "WAFInvalidParameterException", "Limit must be between 1 and 100")
	}
	return page(c.action, n, c.str("NextMarker"), mx, 100, 100)
}

func wafListWebACLs(c *call) (*reply, error) {
	xs := wafScoped(c)
	start, end, next, err := wafPage(c, len(xs))
	if err != nil {
		return nil, err
	}
	items := []map[string]any{}
	for _, x := range xs[start:end] {
		items = append(items, map[string]any{"ARN": x.ARN, "Id": x.ID, "Name": x.Name, "LockToken": shortHash(x.ARN), "Description": ""})
	}
	out := map[string]any{"WebACLs": items}
	if next != "" {
		out["NextMarker"] = next
	}
	return c.rawJSON(out)
}

func wafGetWebACL(c *call) (*reply, error) {
	for _, x := range wafScoped(c) {
		if x.ID != c.str("Id") || x.Name != c.str("Name") {
			continue
		}
		vis := func(on bool, name string) map[string]any {
			return map[string]any{"CloudWatchMetricsEnabled": on, "MetricName": name, "SampledRequestsEnabled": true}
		}
		def := map[string]any{"Allow": map[string]any{}}
		if x.DefaultAction == "BLOCK" {
			def = map[string]any{"Block": map[string]any{}}
		}
		rules := []map[string]any{}
		for _, r := range x.Rules {
			m := map[string]any{"Name": r.Name, "Priority": r.Priority, "VisibilityConfig": vis(r.MetricsEnabled, r.Name)}
			if r.RuleGroup {
				m["Statement"] = map[string]any{"ManagedRuleGroupStatement": map[string]any{"VendorName": "AWS", "Name": "AWSManagedRulesCommonRuleSet"}}
				m["OverrideAction"] = map[string]any{"None": map[string]any{}}
			} else {
				m["Statement"] = map[string]any{"RateBasedStatement": map[string]any{"Limit": 2000, "AggregateKeyType": "IP"}}
				m["Action"] = map[string]any{"Block": map[string]any{}}
			}
			rules = append(rules, m)
		}
		acl := map[string]any{"ARN": x.ARN, "Id": x.ID, "Name": x.Name, "DefaultAction": def, "Rules": rules,
			"VisibilityConfig": vis(x.MetricsEnabled, x.Name), "Capacity": 700, "ManagedByFirewallManager": false}
		return c.rawJSON(map[string]any{"WebACL": acl, "LockToken": shortHash(x.ARN)})
	}
	return nil, errf(400, "WAFNonexistentItemException", "AWS WAF couldn't perform the operation because your resource doesn't exist.")
}

func wafListLoggingConfigurations(c *call) (*reply, error) {
	var logged []*state.WebACL
	for _, x := range wafScoped(c) {
		if len(x.LogDestinations) > 0 {
			logged = append(logged, x)
		}
	}
	start, end, next, err := wafPage(c, len(logged))
	if err != nil {
		return nil, err
	}
	items := []map[string]any{}
	for _, x := range logged[start:end] {
		items = append(items, map[string]any{"ResourceArn": x.ARN, "LogDestinationConfigs": x.LogDestinations, "LogType": "WAF_LOGS", "LogScope": "CUSTOMER"})
	}
	out := map[string]any{"LoggingConfigurations": items}
	if next != "" {
		out["NextMarker"] = next
	}
	return c.rawJSON(out)
}

// expressibleWAF applies what WAF's answers can carry: no tags (they need
// ListTagsForResource, which shoulder does not call), rules sorted by
// priority, a default action (ALLOW unless BLOCK).
func expressibleWAF(a *state.Account) {
	for i := range a.WAF.WebACLs {
		x := &a.WAF.WebACLs[i]
		x.Tags = nil
		if x.DefaultAction != "BLOCK" {
			x.DefaultAction = "ALLOW"
		}
		slices.SortStableFunc(x.Rules, func(p, q state.WebACLRule) int { return p.Priority - q.Priority })
		if len(x.Rules) == 0 {
			x.Rules = nil
		}
		if len(x.LogDestinations) == 0 {
			x.LogDestinations = nil
		}
	}
}
