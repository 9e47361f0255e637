package awsfake

import (
	"slices"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// ---- AWS WAF Classic (awsJson1.1, bodies by hand): the global service
// (signing name waf, X-Amz-Target AWSWAF_20150824.*, one endpoint signed in
// us-east-1) and the regional one (waf-regional,
// AWSWAF_Regional_20161128.*). Both page with Limit (1-100) and
// NextMarker. ----

func (s *Server) wafClassicService() *service {
	ops := wafClassicOps()
	ops["ListLoggingConfigurations"] = wcListLoggingConfigurations
	return &service{name: "waf", proto: protoJSON, global: true, ops: ops}
}

// wafRegionalService serves no logging configurations: shoulder reads
// WAF Classic logging for global web ACLs only (FSBP WAF.1).
func (s *Server) wafRegionalService() *service {
	return &service{name: "waf-regional", proto: protoJSON, ops: wafClassicOps()}
}

func wafClassicOps() map[string]handler {
	return map[string]handler{
		"ListWebACLs":                   wcListWebACLs,
		"GetWebACL":                     wcGetWebACL,
		"ListRules":                     wcListRules,
		"GetRule":                       wcGetRule,
		"ListRuleGroups":                wcListRuleGroups,
		"ListActivatedRulesInRuleGroup": wcListActivatedRules,
	}
}

// wcKey is the index key of the request's scope: "" for the global
// service, the region for waf-regional.
func wcKey(c *call) string {
	if c.svc.name == "waf" {
		return ""
	}
	return c.region
}

// wcKeyOf is the index key of a stored resource.
func wcKeyOf(scope, region string) string {
	if scope == state.WAFClassicGlobal {
		return ""
	}
	return region
}

// wcList answers one page of a listing as {key: [{idKey: id, "Name": name}]}.
func wcList[T any](c *call, xs []*T, key, idKey string, item func(*T) (string, string)) (*reply, error) {
	start, end, next, err := wafPage(c, len(xs))
	if err != nil {
		return nil, err
	}
	items := []map[string]any{}
	for _, x := range xs[start:end] {
		id, name := item(x)
		items = append(items, map[string]any{idKey: id, "Name": name})
	}
	out := map[string]any{key: items}
	if next != "" {
		out["NextMarker"] = next
	}
	return c.rawJSON(out)
}

func wcNotFound() (*reply, error) {
	return nil, errf(400, "WAFNonexistentItemException", "The referenced item does not exist.")
}

// wcRules is the JSON of activated rules (an action per rule, an override
// action per rule group).
func wcRules(rs []state.ClassicActivatedRule) []map[string]any {
	out := []map[string]any{}
	for _, r := range rs {
		m := map[string]any{"RuleId": r.RuleID, "Priority": r.Priority, "Type": orDefault(r.Type, "REGULAR")}
		if r.Type == "GROUP" {
			m["OverrideAction"] = map[string]any{"Type": "NONE"}
		} else {
			m["Action"] = map[string]any{"Type": "BLOCK"}
		}
		out = append(out, m)
	}
	return out
}

func wcListWebACLs(c *call) (*reply, error) {
	return wcList(c, c.s.idx.classicACLs[wcKey(c)], "WebACLs", "WebACLId", func(x *state.ClassicWebACL) (string, string) { return x.ID, x.Name })
}

func wcGetWebACL(c *call) (*reply, error) {
	for _, x := range c.s.idx.classicACLs[wcKey(c)] {
		if x.ID == c.str("WebACLId") {
			acl := map[string]any{"WebACLId": x.ID, "Name": x.Name, "MetricName": strings.ReplaceAll(x.Name, "-", ""),
				"DefaultAction": map[string]any{"Type": orDefault(x.DefaultAction, "ALLOW")}, "Rules": wcRules(x.Rules), "WebACLArn": x.ARN}
			return c.rawJSON(map[string]any{"WebACL": acl})
		}
	}
	return wcNotFound()
}

func wcListLoggingConfigurations(c *call) (*reply, error) {
	var logged []*state.ClassicWebACL
	for _, x := range c.s.idx.classicACLs[wcKey(c)] {
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
		items = append(items, map[string]any{"ResourceArn": x.ARN, "LogDestinationConfigs": x.LogDestinations})
	}
	out := map[string]any{"LoggingConfigurations": items}
	if next != "" {
		out["NextMarker"] = next
	}
	return c.rawJSON(out)
}

func wcListRules(c *call) (*reply, error) {
	return wcList(c, c.s.idx.classicRules[wcKey(c)], "Rules", "RuleId", func(x *state.ClassicRule) (string, string) { return x.ID, x.Name })
}

func wcGetRule(c *call) (*reply, error) {
	for _, x := range c.s.idx.classicRules[wcKey(c)] {
		if x.ID == c.str("RuleId") {
			preds := []map[string]any{}
			for i := range x.Conditions {
				preds = append(preds, map[string]any{"Negated": false, "Type": "IPMatch", "DataId": x.ID + "-ipset-" + string(rune('a'+i%26))})
			}
			return c.rawJSON(map[string]any{"Rule": map[string]any{"RuleId": x.ID, "Name": x.Name, "Predicates": preds}})
		}
	}
	return wcNotFound()
}

func wcListRuleGroups(c *call) (*reply, error) {
	return wcList(c, c.s.idx.classicGroups[wcKey(c)], "RuleGroups", "RuleGroupId", func(x *state.ClassicRuleGroup) (string, string) { return x.ID, x.Name })
}

func wcListActivatedRules(c *call) (*reply, error) {
	for _, x := range c.s.idx.classicGroups[wcKey(c)] {
		if x.ID != c.str("RuleGroupId") {
			continue
		}
		start, end, next, err := wafPage(c, len(x.Rules))
		if err != nil {
			return nil, err
		}
		rules := wcRules(x.Rules[start:end])
		for _, r := range rules {
			r["RuleGroupId"] = x.ID
		}
		out := map[string]any{"ActivatedRules": rules}
		if next != "" {
			out["NextMarker"] = next
		}
		return c.rawJSON(out)
	}
	return wcNotFound()
}

// expressibleWAFClassic applies what WAF Classic's answers can carry: no
// tags (shoulder does not call ListTagsForResource), ARNs built from the
// scope, account and ID (the listings carry none), global resources under
// us-east-1, a default action (ALLOW unless set), activated rules by
// priority with a type (REGULAR unless set), and logging for global web
// ACLs only (the regional logging configurations are not read).
func expressibleWAFClassic(a *state.Account) {
	p := orDefault(a.Partition, "aws")
	arn := func(scope, region, kind, id string) string {
		if scope == state.WAFClassicGlobal {
			return "arn:" + p + ":waf::" + a.AccountID + ":" + kind + "/" + id
		}
		return "arn:" + p + ":waf-regional:" + region + ":" + a.AccountID + ":" + kind + "/" + id
	}
	home := func(m *state.Meta, scope string) {
		m.Tags = nil
		if scope == state.WAFClassicGlobal {
			m.Region = "us-east-1"
		}
	}
	rules := func(rs []state.ClassicActivatedRule) []state.ClassicActivatedRule {
		if len(rs) == 0 {
			return nil
		}
		for i := range rs {
			rs[i].Type = orDefault(rs[i].Type, "REGULAR")
		}
		slices.SortStableFunc(rs, func(p, q state.ClassicActivatedRule) int { return p.Priority - q.Priority })
		return rs
	}
	w := &a.WAFClassic
	for i := range w.WebACLs {
		x := &w.WebACLs[i]
		home(&x.Meta, x.Scope)
		x.ARN = arn(x.Scope, x.Region, "webacl", x.ID)
		x.DefaultAction = orDefault(x.DefaultAction, "ALLOW")
		x.Rules = rules(x.Rules)
		if x.Scope != state.WAFClassicGlobal || len(x.LogDestinations) == 0 {
			x.LogDestinations = nil
		}
	}
	for i := range w.Rules {
		x := &w.Rules[i]
		home(&x.Meta, x.Scope)
		x.ARN = arn(x.Scope, x.Region, "rule", x.ID)
	}
	for i := range w.RuleGroups {
		x := &w.RuleGroups[i]
		home(&x.Meta, x.Scope)
		x.ARN = arn(x.Scope, x.Region, "rulegroup", x.ID)
		x.Rules = rules(x.Rules)
	}
}
