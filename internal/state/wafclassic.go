package state

// Scopes of AWS WAF Classic resources.
const (
	// WAFClassicGlobal is the global WAF Classic (service waf, for
	// CloudFront), recorded under us-east-1 whatever regions are scanned.
	WAFClassicGlobal = "GLOBAL"
	// WAFClassicRegional is WAF Classic Regional (service waf-regional, for
	// load balancers and API Gateway stages), read per region.
	WAFClassicRegional = "REGIONAL"
)

// WAFClassic holds the account's AWS WAF Classic web ACLs, rules and rule
// groups: global ones (Scope GLOBAL, Region us-east-1) and regional ones of
// every scanned region (Scope REGIONAL).
//
// Gaps: service waf (global, recorded under us-east-1) or waf-regional
// (per region); ListWebACLs, ListRules and ListRuleGroups hide a scope's
// web ACLs, rules or rule groups; GetWebACL (a web ACL's rules), GetRule (a
// rule's conditions) and ListActivatedRulesInRuleGroup (a rule group's
// rules) are recorded per ARN; ListLoggingConfigurations (read for the
// global scope only) hides the global web ACLs' logging.
type WAFClassic struct {
	WebACLs    []ClassicWebACL    `json:"web_acls,omitempty"`
	Rules      []ClassicRule      `json:"rules,omitempty"`
	RuleGroups []ClassicRuleGroup `json:"rule_groups,omitempty"`
}

// ClassicWebACL is an AWS WAF Classic web ACL.
type ClassicWebACL struct {
	Meta
	ID   string `json:"id"`
	Name string `json:"name"`
	// Scope is GLOBAL or REGIONAL.
	Scope string `json:"scope"`
	// DefaultAction is ALLOW, BLOCK or COUNT (GetWebACL).
	DefaultAction string `json:"default_action,omitempty"`
	// Rules are the web ACL's activated rules and rule groups (GetWebACL).
	Rules []ClassicActivatedRule `json:"rules,omitempty"`
	// LogDestinations are the logging configuration's Firehose delivery
	// streams; empty when logging is off (read for GLOBAL web ACLs only).
	LogDestinations []string `json:"log_destinations,omitempty"`
}

// ClassicActivatedRule is one rule or rule group of a web ACL or rule group.
type ClassicActivatedRule struct {
	RuleID   string `json:"rule_id"`
	Priority int    `json:"priority"`
	// Type is REGULAR, RATE_BASED or GROUP.
	Type string `json:"type,omitempty"`
}

// ClassicRule is an AWS WAF Classic (regular) rule.
type ClassicRule struct {
	Meta
	ID    string `json:"id"`
	Name  string `json:"name"`
	Scope string `json:"scope"`
	// Conditions is the number of the rule's predicates (GetRule).
	Conditions int `json:"conditions"`
}

// ClassicRuleGroup is an AWS WAF Classic rule group.
type ClassicRuleGroup struct {
	Meta
	ID    string `json:"id"`
	Name  string `json:"name"`
	Scope string `json:"scope"`
	// Rules are the rule group's rules (ListActivatedRulesInRuleGroup).
	Rules []ClassicActivatedRule `json:"rules,omitempty"`
}
