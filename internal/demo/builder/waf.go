package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// waf adds Alpenglow's web ACLs: the Frankfurt api-protection ACL (in
// front of the platform load balancer and the order API) blocks with the
// core rule set and a rate rule, reports metrics and logs; the global
// edge-protection ACL of the shop distribution has a rate rule without
// metrics and logs nothing; the US marketing team's temporary ACL was
// never given a rule.
func (x *b) waf() {
	x.a.WAF.WebACLs = append(x.a.WAF.WebACLs,
		state.WebACL{Meta: state.Meta{ARN: x.arn("wafv2", "eu-central-1", "regional/webacl/api-protection/0d6b7c1e"), Region: "eu-central-1"},
			ID: "0d6b7c1e", Name: "api-protection", Scope: "REGIONAL", DefaultAction: "ALLOW", MetricsEnabled: true,
			Rules: []state.WebACLRule{{Name: "rate-limit", Priority: 0, MetricsEnabled: true},
				{Name: "AWS-AWSManagedRulesCommonRuleSet", Priority: 1, RuleGroup: true, MetricsEnabled: true}},
			LogDestinations: []string{x.arn("logs", "eu-central-1", "log-group:aws-waf-logs-api-protection")}},
		state.WebACL{Meta: state.Meta{ARN: x.arn("wafv2", "us-east-1", "global/webacl/edge-protection/7a1c2d3e"), Region: "us-east-1"},
			ID: "7a1c2d3e", Name: "edge-protection", Scope: "CLOUDFRONT", DefaultAction: "ALLOW", MetricsEnabled: true,
			Rules: []state.WebACLRule{{Name: "AWS-AWSManagedRulesCommonRuleSet", Priority: 0, RuleGroup: true, MetricsEnabled: true},
				{Name: "geo-rate", Priority: 1}}},
		state.WebACL{Meta: state.Meta{ARN: x.arn("wafv2", "us-east-1", "regional/webacl/marketing-temp/5e6f7a8b"), Region: "us-east-1"},
			ID: "5e6f7a8b", Name: "marketing-temp", Scope: "REGIONAL", DefaultAction: "ALLOW"},
	)
}
