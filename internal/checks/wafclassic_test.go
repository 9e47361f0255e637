package checks

import (
	"testing"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// wcARN is the ARN of a WAF Classic resource: global ones have no region.
func wcARN(scope, kind, id string) string {
	if scope == state.WAFClassicGlobal {
		return "arn:aws:waf::" + testAccountID + ":" + kind + "/" + id
	}
	return "arn:aws:waf-regional:eu-west-1:" + testAccountID + ":" + kind + "/" + id
}

func wcRegion(scope string) string {
	if scope == state.WAFClassicGlobal {
		return "us-east-1"
	}
	return "eu-west-1"
}

// dsClassic adds, in scope (global under us-east-1, regional in
// eu-west-1), a web ACL with a rule and a rule group (logging to a
// Firehose stream), a rule with one condition and a rule group with one
// rule, each edited by its mutator (nil: unchanged).
func dsClassic(scope string, acl func(*state.ClassicWebACL), rule func(*state.ClassicRule), group func(*state.ClassicRuleGroup)) func(*state.Account) {
	return func(a *state.Account) {
		r := wcRegion(scope)
		x := state.ClassicWebACL{Meta: state.Meta{ARN: wcARN(scope, "webacl", "acl1"), Region: r}, ID: "acl1", Name: "front", Scope: scope, DefaultAction: "ALLOW",
			Rules:           []state.ClassicActivatedRule{{RuleID: "rule1", Priority: 1, Type: "REGULAR"}, {RuleID: "grp1", Priority: 2, Type: "GROUP"}},
			LogDestinations: []string{"arn:aws:firehose:us-east-1:" + testAccountID + ":deliverystream/aws-waf-logs-front"}}
		y := state.ClassicRule{Meta: state.Meta{ARN: wcARN(scope, "rule", "rule1"), Region: r}, ID: "rule1", Name: "bad-ips", Scope: scope, Conditions: 1}
		z := state.ClassicRuleGroup{Meta: state.Meta{ARN: wcARN(scope, "rulegroup", "grp1"), Region: r}, ID: "grp1", Name: "bots", Scope: scope,
			Rules: []state.ClassicActivatedRule{{RuleID: "rule1", Priority: 1, Type: "REGULAR"}}}
		if acl != nil {
			acl(&x)
		}
		if rule != nil {
			rule(&y)
		}
		if group != nil {
			group(&z)
		}
		a.WAFClassic.WebACLs = append(a.WAFClassic.WebACLs, x)
		a.WAFClassic.Rules = append(a.WAFClassic.Rules, y)
		a.WAFClassic.RuleGroups = append(a.WAFClassic.RuleGroups, z)
	}
}

func wafClassicCases() map[string][]checkCase {
	g, r := state.WAFClassicGlobal, state.WAFClassicRegional
	out := map[string][]checkCase{}
	type kind struct {
		id, list, read string
		fail           func(scope string) func(*state.Account)
	}
	kinds := []kind{
		{"web_acl_rules", "ListWebACLs", "GetWebACL", func(s string) func(*state.Account) {
			return dsClassic(s, func(x *state.ClassicWebACL) { x.Rules = nil }, nil, nil)
		}},
		{"rule_conditions", "ListRules", "GetRule", func(s string) func(*state.Account) {
			return dsClassic(s, nil, func(x *state.ClassicRule) { x.Conditions = 0 }, nil)
		}},
		{"rule_group_rules", "ListRuleGroups", "ListActivatedRulesInRuleGroup", func(s string) func(*state.Account) {
			return dsClassic(s, nil, nil, func(x *state.ClassicRuleGroup) { x.Rules = nil })
		}},
	}
	for _, k := range kinds {
		for _, s := range []string{g, r} {
			svc, region := "waf-regional", "eu-west-1"
			if s == g {
				svc, region = "waf", "us-east-1"
			}
			arn := map[string]string{"web_acl_rules": wcARN(s, "webacl", "acl1"), "rule_conditions": wcARN(s, "rule", "rule1"),
				"rule_group_rules": wcARN(s, "rulegroup", "grp1")}[k.id]
			id := "waf_classic_" + map[string]string{g: "global", r: "regional"}[s] + "_" + k.id
			out[id] = []checkCase{
				{name: "set", acct: baseAccount(dsClassic(s, nil, nil, nil)), want: dsWant(dsP)},
				{name: "empty", acct: baseAccount(k.fail(s)), want: dsWant(dsF)},
				{name: "listing denied", acct: baseAccount(dsClassic(s, nil, nil, nil), dsGap(svc, region, k.list, "")), want: dsWant(dsU)},
				{name: "item read denied", acct: baseAccount(dsClassic(s, nil, nil, nil), dsGap(svc, region, k.read, arn)), want: dsWant(dsU)},
				// The other scope's resources are never judged here.
				{name: "other scope only", acct: baseAccount(dsClassic(map[string]string{g: r, r: g}[s], nil, nil, nil)), want: nil},
			}
		}
	}
	out["waf_classic_global_web_acl_logging"] = []checkCase{
		{name: "logs", acct: baseAccount(dsClassic(g, nil, nil, nil)), want: dsWant(dsP)},
		{name: "none", acct: baseAccount(dsClassic(g, func(x *state.ClassicWebACL) { x.LogDestinations = nil }, nil, nil)), want: dsWant(dsF)},
		{name: "logging configurations denied", acct: baseAccount(dsClassic(g, nil, nil, nil), dsGap("waf", "us-east-1", "ListLoggingConfigurations", "")), want: dsWant(dsU)},
		{name: "listing denied, us-east-1 not scanned", acct: baseAccount(dsClassic(g, nil, nil, nil), dsGap("waf", "us-east-1", "ListWebACLs", ""),
			func(a *state.Account) { a.Regions = a.Regions[:1] }), want: dsWant(dsU)},
		{name: "regional web ACLs are not judged", acct: baseAccount(dsClassic(r, func(x *state.ClassicWebACL) { x.LogDestinations = nil }, nil, nil)), want: nil},
	}
	return out
}

// TestWebACLQuestionsAgree: AWS WAF (v2) and WAF Classic web ACLs with the
// same rules and logging get the same verdicts and explanations, since both
// families ask "does it have rules?" and "is it logged?" through
// judgeWebACLRules and judgeWebACLLogging.
func TestWebACLQuestionsAgree(t *testing.T) {
	for _, tc := range []struct {
		name  string
		rules int
		logs  []string
	}{
		{"empty and silent", 0, nil},
		{"rules and logs", 2, []string{"arn:aws:firehose:us-east-1:" + testAccountID + ":deliverystream/aws-waf-logs-x"}},
		{"one rule, no logs", 1, nil},
	} {
		v2 := state.WebACL{Meta: state.Meta{ARN: "v2"}, Name: "x", Scope: "CLOUDFRONT", DefaultAction: "ALLOW", LogDestinations: tc.logs}
		cl := state.ClassicWebACL{Meta: state.Meta{ARN: "classic"}, Name: "x", Scope: state.WAFClassicGlobal, DefaultAction: "ALLOW", LogDestinations: tc.logs}
		for i := range tc.rules {
			v2.Rules = append(v2.Rules, state.WebACLRule{Name: "r", Priority: i})
			cl.Rules = append(cl.Rules, state.ClassicActivatedRule{RuleID: "r", Priority: i})
		}
		for _, q := range []struct {
			name    string
			v2, cls check.Result
		}{
			{"rules", webACLRules(v2), classicWebACLRules(cl)},
			{"logging", webACLLogging(v2), classicWebACLLogging(cl)},
		} {
			if q.v2.Status != q.cls.Status {
				t.Errorf("%s, %s: v2 %s, Classic %s", tc.name, q.name, q.v2.Status, q.cls.Status)
			}
			if want := (tc.rules > 0 && q.name == "rules") || (len(tc.logs) > 0 && q.name == "logging"); (q.v2.Status == check.Pass) != want {
				t.Errorf("%s, %s: %s, want pass=%v", tc.name, q.name, q.v2.Status, want)
			}
		}
	}
}
