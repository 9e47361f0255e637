package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// wafClassic adds Alpenglow's leftover AWS WAF Classic resources, never
// migrated to AWS WAF (v2). Global (for CloudFront): the legacy-shop web
// ACL blocks bad bots with a rule and a rule group and logs to a Firehose
// stream; the old-promo web ACL was emptied and logs nothing; the todo-geo
// rule never got a condition and the placeholder rule group never got a
// rule. Regional: the Frankfurt legacy-alb ACL allows only partner IPs
// with a rule and a rule group; the agency's Irish ACL, rule and rule group
// are empty.
func (x *b) wafClassic() {
	g, r := state.WAFClassicGlobal, state.WAFClassicRegional
	fra, dub := "eu-central-1", "eu-west-1"
	garn := func(kind, id string) string { return x.arn("waf", "", kind+"/"+id) }
	rarn := func(region, kind, id string) string { return x.arn("waf-regional", region, kind+"/"+id) }
	gm := func(kind, id string) state.Meta { return state.Meta{ARN: garn(kind, id), Region: "us-east-1"} }
	rm := func(region, kind, id string) state.Meta {
		return state.Meta{ARN: rarn(region, kind, id), Region: region}
	}
	w := &x.a.WAFClassic
	w.WebACLs = append(w.WebACLs,
		state.ClassicWebACL{Meta: gm("webacl", "3f1e2d4c-legacy-shop"), ID: "3f1e2d4c-legacy-shop", Name: "legacy-shop", Scope: g, DefaultAction: "ALLOW",
			Rules:           []state.ClassicActivatedRule{{RuleID: "8a7b6c5d-bad-bots", Priority: 1, Type: "REGULAR"}, {RuleID: "1c2d3e4f-scanner-block", Priority: 2, Type: "GROUP"}},
			LogDestinations: []string{x.arn("firehose", "us-east-1", "deliverystream/aws-waf-logs-legacy-shop")}},
		state.ClassicWebACL{Meta: gm("webacl", "9e8d7c6b-old-promo"), ID: "9e8d7c6b-old-promo", Name: "old-promo", Scope: g, DefaultAction: "ALLOW"},
		state.ClassicWebACL{Meta: rm(fra, "webacl", "5a4b3c2d-legacy-alb"), ID: "5a4b3c2d-legacy-alb", Name: "legacy-alb", Scope: r, DefaultAction: "BLOCK",
			Rules: []state.ClassicActivatedRule{{RuleID: "2b3c4d5e-partner-ips", Priority: 1, Type: "REGULAR"}, {RuleID: "6d5e4f3a-partner-group", Priority: 2, Type: "GROUP"}}},
		state.ClassicWebACL{Meta: rm(dub, "webacl", "7f6e5d4c-agency-alb"), ID: "7f6e5d4c-agency-alb", Name: "agency-alb", Scope: r, DefaultAction: "ALLOW"},
	)
	w.Rules = append(w.Rules,
		state.ClassicRule{Meta: gm("rule", "8a7b6c5d-bad-bots"), ID: "8a7b6c5d-bad-bots", Name: "bad-bots", Scope: g, Conditions: 2},
		state.ClassicRule{Meta: gm("rule", "4e3d2c1b-todo-geo"), ID: "4e3d2c1b-todo-geo", Name: "todo-geo", Scope: g},
		state.ClassicRule{Meta: rm(fra, "rule", "2b3c4d5e-partner-ips"), ID: "2b3c4d5e-partner-ips", Name: "partner-ips", Scope: r, Conditions: 1},
		state.ClassicRule{Meta: rm(dub, "rule", "0a1b2c3d-agency-block"), ID: "0a1b2c3d-agency-block", Name: "agency-block", Scope: r},
	)
	w.RuleGroups = append(w.RuleGroups,
		state.ClassicRuleGroup{Meta: gm("rulegroup", "1c2d3e4f-scanner-block"), ID: "1c2d3e4f-scanner-block", Name: "scanner-block", Scope: g,
			Rules: []state.ClassicActivatedRule{{RuleID: "8a7b6c5d-bad-bots", Priority: 1, Type: "REGULAR"}}},
		state.ClassicRuleGroup{Meta: gm("rulegroup", "5f4e3d2c-placeholder"), ID: "5f4e3d2c-placeholder", Name: "placeholder", Scope: g},
		state.ClassicRuleGroup{Meta: rm(fra, "rulegroup", "6d5e4f3a-partner-group"), ID: "6d5e4f3a-partner-group", Name: "partner-group", Scope: r,
			Rules: []state.ClassicActivatedRule{{RuleID: "2b3c4d5e-partner-ips", Priority: 1, Type: "REGULAR"}}},
		state.ClassicRuleGroup{Meta: rm(dub, "rulegroup", "3a2b1c0d-agency-group"), ID: "3a2b1c0d-agency-group", Name: "agency-group", Scope: r},
	)
}
