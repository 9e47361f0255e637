package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const (
	nfwFirewallARN = "arn:aws:network-firewall:eu-west-1:" + testAccountID + ":firewall/egress"
	nfwPolicyARN   = "arn:aws:network-firewall:eu-west-1:" + testAccountID + ":firewall-policy/egress-policy"
	nfwGroupARN    = "arn:aws:network-firewall:eu-west-1:" + testAccountID + ":stateless-rulegroup/block-admin"
)

// nfwFirewall adds firewall "egress" in eu-west-1, described and with its
// logging read: both protections on, alert logs to CloudWatch Logs; edited
// by mut.
func nfwFirewall(mut func(f *state.Firewall)) func(*state.Account) {
	return func(a *state.Account) {
		f := state.Firewall{Meta: state.Meta{ARN: nfwFirewallARN, Region: "eu-west-1"}, Name: "egress", Described: true,
			PolicyARN: nfwPolicyARN, VPCID: "vpc-1", SubnetIDs: []string{"subnet-1"}, DeleteProtection: true, SubnetChangeProtection: true,
			LoggingRead: true, LogTypes: []string{"ALERT"}, LogDestinations: []string{"CloudWatchLogs"}}
		if mut != nil {
			mut(&f)
		}
		a.NetworkFirewall.Firewalls = append(a.NetworkFirewall.Firewalls, f)
	}
}

// nfwPolicy adds policy "egress-policy", described: forwards full and
// fragmented packets to the stateful engine, one stateless and one
// stateful rule group; edited by mut.
func nfwPolicy(mut func(p *state.FirewallPolicy)) func(*state.Account) {
	return func(a *state.Account) {
		p := state.FirewallPolicy{Meta: state.Meta{ARN: nfwPolicyARN, Region: "eu-west-1"}, Name: "egress-policy", Described: true,
			StatelessDefaultActions: []string{"aws:forward_to_sfe"}, StatelessFragmentDefaultActions: []string{"aws:forward_to_sfe"},
			StatelessRuleGroupARNs: []string{nfwGroupARN}, StatefulRuleGroupARNs: []string{"arn:aws:network-firewall:eu-west-1:aws-managed:stateful-rulegroup/ThreatSignaturesBotnet"}}
		if mut != nil {
			mut(&p)
		}
		a.NetworkFirewall.Policies = append(a.NetworkFirewall.Policies, p)
	}
}

// nfwGroup adds stateless rule group "block-admin" with three rules.
func nfwGroup(mut func(g *state.FirewallRuleGroup)) func(*state.Account) {
	return func(a *state.Account) {
		g := state.FirewallRuleGroup{Meta: state.Meta{ARN: nfwGroupARN, Region: "eu-west-1"}, Name: "block-admin", Type: "STATELESS",
			Described: true, Rules: 3, Associations: 1}
		if mut != nil {
			mut(&g)
		}
		a.NetworkFirewall.RuleGroups = append(a.NetworkFirewall.RuleGroups, g)
	}
}

func networkFirewallCases() map[string][]checkCase {
	fw := func(name string, m func(*state.Firewall), want check.Status, msg string, more ...func(*state.Account)) checkCase {
		return checkCase{name: name, acct: baseAccount(append([]func(*state.Account){nfwFirewall(m)}, more...)...), want: dsWant(want), msg: msg}
	}
	pol := func(name string, m func(*state.FirewallPolicy), want check.Status, msg string, more ...func(*state.Account)) checkCase {
		return checkCase{name: name, acct: baseAccount(append([]func(*state.Account){nfwPolicy(m)}, more...)...), want: dsWant(want), msg: msg}
	}
	grp := func(name string, m func(*state.FirewallRuleGroup), want check.Status, msg string, more ...func(*state.Account)) checkCase {
		return checkCase{name: name, acct: baseAccount(append([]func(*state.Account){nfwGroup(m)}, more...)...), want: dsWant(want), msg: msg}
	}
	fwListDenied := checkCase{name: "listing denied", acct: baseAccount(nfwFirewall(nil), dsGap("network-firewall", "eu-west-1", "ListFirewalls", "")), want: dsWant(dsU)}
	describeDenied := fw("description denied", func(f *state.Firewall) { f.Described = false }, dsU, "denied",
		dsGap("network-firewall", "eu-west-1", "DescribeFirewall", nfwFirewallARN))
	notDescribed := fw("not described", func(f *state.Firewall) { f.Described = false }, dsU, "DescribeFirewall")
	polListDenied := checkCase{name: "listing denied", acct: baseAccount(nfwPolicy(nil), dsGap("network-firewall", "eu-west-1", "ListFirewallPolicies", "")), want: dsWant(dsU)}
	polDenied := pol("description denied", func(p *state.FirewallPolicy) { p.Described = false }, dsU, "denied",
		dsGap("network-firewall", "eu-west-1", "DescribeFirewallPolicy", nfwPolicyARN))
	polUnread := pol("not described", func(p *state.FirewallPolicy) { p.Described = false }, dsU, "not reported")
	return map[string][]checkCase{
		"networkfirewall_logging_enabled": {
			fw("alert logs", nil, dsP, "ALERT to CloudWatchLogs"),
			fw("flow and tls", func(f *state.Firewall) {
				f.LogTypes, f.LogDestinations = []string{"FLOW", "TLS"}, []string{"S3", "KinesisDataFirehose"}
			}, dsP, "FLOW to S3, TLS to KinesisDataFirehose"),
			fw("no logs", func(f *state.Firewall) { f.LogTypes, f.LogDestinations = nil, nil }, dsF, "no alert, flow or TLS logs"),
			// Protections unread do not hide logging, which its own read decides.
			fw("logging read, firewall not described", func(f *state.Firewall) { f.Described = false }, dsP, "ALERT"),
			fw("logging not read", func(f *state.Firewall) { f.LoggingRead, f.LogTypes, f.LogDestinations = false, nil, nil }, dsU, "DescribeLoggingConfiguration"),
			fw("logging denied", func(f *state.Firewall) { f.LoggingRead, f.LogTypes = false, nil }, dsU, "denied",
				dsGap("network-firewall", "eu-west-1", "DescribeLoggingConfiguration", nfwFirewallARN)),
			fwListDenied,
			{name: "no firewalls", acct: baseAccount(), want: nil},
		},
		"networkfirewall_deletion_protection": {
			fw("protected", nil, dsP, "has deletion protection"),
			fw("unprotected", func(f *state.Firewall) { f.DeleteProtection = false }, dsF, "can be deleted"),
			describeDenied, notDescribed, fwListDenied,
		},
		"networkfirewall_subnet_change_protection": {
			fw("protected", nil, dsP, "subnet change protection"),
			fw("unprotected", func(f *state.Firewall) { f.SubnetChangeProtection = false }, dsF, "can be changed"),
			describeDenied, notDescribed, fwListDenied,
		},
		"networkfirewall_policy_has_rule_groups": {
			pol("both kinds", nil, dsP, "2 rule group(s) (1 stateless, 1 stateful)"),
			pol("stateful only", func(p *state.FirewallPolicy) { p.StatelessRuleGroupARNs = nil }, dsP, "1 rule group(s)"),
			pol("none", func(p *state.FirewallPolicy) { p.StatelessRuleGroupARNs, p.StatefulRuleGroupARNs = nil, nil }, dsF, "uses no rule group"),
			polDenied, polUnread, polListDenied,
		},
		"networkfirewall_policy_default_action_full_packets": {
			pol("forward", nil, dsP, "aws:forward_to_sfe"),
			pol("drop with a custom action", func(p *state.FirewallPolicy) { p.StatelessDefaultActions = []string{"count-it", "aws:drop"} }, dsP, "aws:drop"),
			pol("pass", func(p *state.FirewallPolicy) { p.StatelessDefaultActions = []string{"aws:pass"} }, dsF, "aws:pass"),
			// Only fragments pass: full packets are still judged on their own.
			pol("fragments pass", func(p *state.FirewallPolicy) { p.StatelessFragmentDefaultActions = []string{"aws:pass"} }, dsP, "full packets"),
			pol("no standard action", func(p *state.FirewallPolicy) { p.StatelessDefaultActions = []string{"count-it"} }, dsU, "count-it"),
			polDenied, polUnread, polListDenied,
		},
		"networkfirewall_policy_default_action_fragmented_packets": {
			pol("forward", nil, dsP, "fragmented packets is aws:forward_to_sfe"),
			pol("drop", func(p *state.FirewallPolicy) { p.StatelessFragmentDefaultActions = []string{"aws:drop"} }, dsP, "aws:drop"),
			pol("pass", func(p *state.FirewallPolicy) { p.StatelessFragmentDefaultActions = []string{"aws:pass"} }, dsF, "uninspected"),
			pol("full packets pass", func(p *state.FirewallPolicy) { p.StatelessDefaultActions = []string{"aws:pass"} }, dsP, "fragmented"),
			pol("none reported", func(p *state.FirewallPolicy) { p.StatelessFragmentDefaultActions = nil }, dsU, "no standard"),
			polDenied, polUnread, polListDenied,
		},
		"networkfirewall_stateless_rule_group_not_empty": {
			grp("three rules", nil, dsP, "holds 3 rule(s)"),
			grp("empty", func(g *state.FirewallRuleGroup) { g.Rules = 0 }, dsF, "holds no rules (used by 1 policies)"),
			grp("stateful", func(g *state.FirewallRuleGroup) { g.Type = "STATEFUL" }, dsNA, "STATEFUL"),
			grp("not described", func(g *state.FirewallRuleGroup) { g.Described, g.Rules = false, 0 }, dsU, "not reported"),
			grp("rules denied", func(g *state.FirewallRuleGroup) { g.Described, g.Rules = false, 0 }, dsU, "denied",
				dsGap("network-firewall", "eu-west-1", "DescribeRuleGroup", nfwGroupARN)),
			{name: "listing denied", acct: baseAccount(nfwGroup(nil), dsGap("network-firewall", "eu-west-1", "ListRuleGroups", "")), want: dsWant(dsU)},
		},
	}
}
