package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const dsWebACLARN = "arn:aws:wafv2:eu-west-1:" + testAccountID + ":regional/webacl/api/1a2b"

// dsWebACL adds REGIONAL web ACL "api" in eu-west-1 with a managed rule
// group and a rate rule, both with metrics, logging to a log group,
// edited by mut.
func dsWebACL(mut func(x *state.WebACL)) func(*state.Account) {
	return func(a *state.Account) {
		x := state.WebACL{Meta: state.Meta{ARN: dsWebACLARN, Region: "eu-west-1"}, ID: "1a2b", Name: "api", Scope: "REGIONAL", DefaultAction: "ALLOW",
			MetricsEnabled: true, Rules: []state.WebACLRule{{Name: "rate", Priority: 0, MetricsEnabled: true}, {Name: "common", Priority: 1, RuleGroup: true, MetricsEnabled: true}},
			LogDestinations: []string{"arn:aws:logs:eu-west-1:" + testAccountID + ":log-group:aws-waf-logs-api"}}
		if mut != nil {
			mut(&x)
		}
		a.WAF.WebACLs = append(a.WAF.WebACLs, x)
	}
}

func wafCases() map[string][]checkCase {
	c := func(name string, mut func(*state.WebACL), want ...check.Status) checkCase {
		return checkCase{name: name, acct: baseAccount(dsWebACL(mut)), want: want}
	}
	listDenied := checkCase{name: "listing denied", acct: baseAccount(dsWebACL(nil), dsGap("wafv2", "eu-west-1", "ListWebACLs", "")), want: dsWant(dsU)}
	getDenied := checkCase{name: "web acl read denied", acct: baseAccount(dsWebACL(nil), dsGap("wafv2", "eu-west-1", "GetWebACL", dsWebACLARN)), want: dsWant(dsU)}
	noRules := func(x *state.WebACL) { x.Rules = nil }
	return map[string][]checkCase{
		"waf_web_acl_rules": {
			c("rules", nil, dsP), c("none", noRules, dsF), listDenied, getDenied,
			{name: "cloudfront scope denied, us-east-1 not scanned", acct: baseAccount(dsWebACL(nil), dsGap("wafv2", "us-east-1", "ListWebACLs", "")), want: dsWant(dsU, dsP)},
		},
		"waf_web_acl_rule_metrics": {
			c("all on", nil, dsP), c("rate rule off", func(x *state.WebACL) { x.Rules[0].MetricsEnabled = false }, dsF),
			c("no rules", noRules, dsNA), listDenied, getDenied,
		},
		"waf_web_acl_logging": {
			c("logs", nil, dsP), c("none", func(x *state.WebACL) { x.LogDestinations = nil }, dsF), listDenied,
			{name: "logging configurations denied", acct: baseAccount(dsWebACL(nil), dsGap("wafv2", "eu-west-1", "ListLoggingConfigurations", "")), want: dsWant(dsU)},
		},
	}
}
