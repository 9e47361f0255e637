package state

// WAF holds the account's AWS WAF (v2) web ACLs: REGIONAL ones of every
// scanned region (for load balancers, API Gateway stages and others) and
// CLOUDFRONT ones, which WAF answers in us-east-1 (Region is us-east-1,
// Scope CLOUDFRONT).
//
// Gaps: wafv2 ListWebACLs hides a region's web ACLs (the CLOUDFRONT scope
// is recorded under us-east-1); GetWebACL (rules and metrics) is recorded
// per web ACL ARN; ListLoggingConfigurations (logging destinations, read
// in bulk per scope) per region.
type WAF struct {
	WebACLs []WebACL `json:"web_acls,omitempty"`
}

// WebACL is an AWS WAF web ACL.
type WebACL struct {
	Meta
	ID   string `json:"id"`
	Name string `json:"name"`
	// Scope is REGIONAL or CLOUDFRONT.
	Scope string `json:"scope"`
	// DefaultAction is ALLOW or BLOCK (GetWebACL).
	DefaultAction string `json:"default_action,omitempty"`
	// MetricsEnabled is the web ACL's own CloudWatch metrics setting.
	MetricsEnabled bool `json:"metrics_enabled,omitempty"`
	// Rules are the web ACL's rules and rule group references, by priority.
	Rules []WebACLRule `json:"rules,omitempty"`
	// LogDestinations are the logging configuration's destinations (a
	// CloudWatch Logs group, S3 bucket or Firehose stream); empty when
	// logging is off.
	LogDestinations []string `json:"log_destinations,omitempty"`
}

// WebACLRule is one rule of a web ACL (its own statement or a rule group).
type WebACLRule struct {
	Name     string `json:"name"`
	Priority int    `json:"priority"`
	// RuleGroup is true for a managed or customer rule group reference.
	RuleGroup bool `json:"rule_group,omitempty"`
	// MetricsEnabled is the rule's CloudWatch metrics setting.
	MetricsEnabled bool `json:"metrics_enabled,omitempty"`
}
