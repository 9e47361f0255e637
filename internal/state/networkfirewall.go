package state

import "strings"

// NetworkFirewall holds the AWS Network Firewall firewalls, firewall
// policies and stateless rule groups of every scanned region.
//
// Gaps: ListFirewalls, ListFirewallPolicies and ListRuleGroups hide a
// region's firewalls, policies and stateless rule groups;
// DescribeFirewall, DescribeLoggingConfiguration, DescribeFirewallPolicy
// and DescribeRuleGroup are recorded per firewall, policy or rule group
// ARN.
type NetworkFirewall struct {
	Firewalls []Firewall       `json:"firewalls,omitempty"`
	Policies  []FirewallPolicy `json:"policies,omitempty"`
	// RuleGroups are the account's own stateless rule groups (stateful
	// ones are not read: no check judges them).
	RuleGroups []FirewallRuleGroup `json:"rule_groups,omitempty"`
}

// Firewall is a Network Firewall firewall.
type Firewall struct {
	Meta
	Name string `json:"name"`
	// Described is true once DescribeFirewall answered for it; the fields
	// up to LoggingRead are empty until then.
	Described bool   `json:"described,omitempty"`
	PolicyARN string `json:"policy_arn,omitempty"`
	VPCID     string `json:"vpc_id,omitempty"`
	// SubnetIDs are the subnets the firewall has an endpoint in.
	SubnetIDs              []string `json:"subnet_ids,omitempty"`
	DeleteProtection       bool     `json:"delete_protection,omitempty"`
	SubnetChangeProtection bool     `json:"subnet_change_protection,omitempty"`
	PolicyChangeProtection bool     `json:"policy_change_protection,omitempty"`
	// LoggingRead is true once DescribeLoggingConfiguration answered;
	// LogTypes then lists the log types (ALERT, FLOW, TLS) sent to a
	// destination, with LogDestinations their destination types (S3,
	// CloudWatchLogs, KinesisDataFirehose) in the same order.
	LoggingRead     bool     `json:"logging_read,omitempty"`
	LogTypes        []string `json:"log_types,omitempty"`
	LogDestinations []string `json:"log_destinations,omitempty"`
}

// Logs reports whether the firewall sends at least one log type anywhere.
func (f Firewall) Logs() bool { return len(f.LogTypes) > 0 }

// FirewallPolicy is a Network Firewall firewall policy.
type FirewallPolicy struct {
	Meta
	Name string `json:"name"`
	// Described is true once DescribeFirewallPolicy answered for it; the
	// fields below are empty until then.
	Described bool `json:"described,omitempty"`
	// StatelessDefaultActions and StatelessFragmentDefaultActions are what
	// the stateless engine does with full packets and fragmented packets
	// no stateless rule matched: one of aws:pass, aws:drop or
	// aws:forward_to_sfe, optionally with custom action names.
	StatelessDefaultActions         []string `json:"stateless_default_actions,omitempty"`
	StatelessFragmentDefaultActions []string `json:"stateless_fragment_default_actions,omitempty"`
	StatelessRuleGroupARNs          []string `json:"stateless_rule_group_arns,omitempty"`
	StatefulRuleGroupARNs           []string `json:"stateful_rule_group_arns,omitempty"`
}

// RuleGroups is the number of rule groups (stateless and stateful) the
// policy references.
func (p FirewallPolicy) RuleGroups() int {
	return len(p.StatelessRuleGroupARNs) + len(p.StatefulRuleGroupARNs)
}

// FirewallStandardAction returns the standard action (aws:pass, aws:drop or
// aws:forward_to_sfe) among a policy's default actions, or "" when none is
// named.
func FirewallStandardAction(actions []string) string {
	for _, a := range actions {
		if strings.HasPrefix(a, "aws:") {
			return a
		}
	}
	return ""
}

// FirewallDropsOrForwards reports whether a default action list drops
// unmatched packets or forwards them to the stateful engine (FSBP
// NetworkFirewall.4 and .5), rather than passing them uninspected.
func FirewallDropsOrForwards(actions []string) bool {
	s := FirewallStandardAction(actions)
	return s == "aws:drop" || s == "aws:forward_to_sfe"
}

// FirewallRuleGroup is a Network Firewall rule group the account owns.
type FirewallRuleGroup struct {
	Meta
	Name string `json:"name"`
	// Type is STATELESS (the only type read) or STATEFUL.
	Type string `json:"type"`
	// Described is true once DescribeRuleGroup answered for it; Rules is
	// the number of stateless rules it holds.
	Described bool `json:"described,omitempty"`
	Rules     int  `json:"rules,omitempty"`
	// Associations is the number of firewall policies that use it.
	Associations int `json:"associations,omitempty"`
}
