package checks

import (
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// networkFirewallChecks are the customer's duties on AWS Network Firewall
// (svc-netfw): AWS runs and scales the firewall endpoints, but what a
// policy does with traffic no rule matched, whether its rule groups hold
// rules, whether the firewall logs, and whether it can be deleted or moved
// out of its subnets by one call are the owner's settings.
func networkFirewallChecks() []check.Check {
	return []check.Check{
		firewallCheck("networkfirewall_logging_enabled", state.InputFirewallLogging, "DescribeLoggingConfiguration", firewallLogging),
		firewallCheck("networkfirewall_deletion_protection", state.InputFirewallDetails, "DescribeFirewall", func(f state.Firewall) check.Result {
			if f.DeleteProtection {
				return check.PassR(f, "firewall %s has deletion protection", f.Name)
			}
			return check.FailR(f, "firewall %s can be deleted without first turning off deletion protection", f.Name)
		}),
		firewallCheck("networkfirewall_subnet_change_protection", state.InputFirewallDetails, "DescribeFirewall", func(f state.Firewall) check.Result {
			if f.SubnetChangeProtection {
				return check.PassR(f, "firewall %s has subnet change protection", f.Name)
			}
			return check.FailR(f, "firewall %s's subnet associations can be changed without first turning off subnet change protection", f.Name)
		}),
		firewallPolicyCheck("networkfirewall_policy_has_rule_groups", func(p state.FirewallPolicy) check.Result {
			if n := p.RuleGroups(); n > 0 {
				return check.PassR(p, "firewall policy %s uses %d rule group(s) (%d stateless, %d stateful)", p.Name, n,
					len(p.StatelessRuleGroupARNs), len(p.StatefulRuleGroupARNs))
			}
			return check.FailR(p, "firewall policy %s uses no rule group: only its default actions decide", p.Name)
		}),
		firewallPolicyCheck("networkfirewall_policy_default_action_full_packets", func(p state.FirewallPolicy) check.Result {
			return firewallDefaultAction(p, "full packets", p.StatelessDefaultActions)
		}),
		firewallPolicyCheck("networkfirewall_policy_default_action_fragmented_packets", func(p state.FirewallPolicy) check.Result {
			return firewallDefaultAction(p, "fragmented packets", p.StatelessFragmentDefaultActions)
		}),
		statelessRuleGroupNotEmpty(),
	}
}

// firewallCheck judges every listed firewall with judge once the read that
// fills what judge looks at (DescribeFirewall or
// DescribeLoggingConfiguration) answered for it.
func firewallCheck(id string, detail state.Input, action string, judge func(state.Firewall) check.Result) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "network-firewall", []state.Input{state.InputFirewalls}, a.NetworkFirewall.Firewalls, func(f state.Firewall) check.Result {
				if g, ok := a.Gaps.ForInput(detail, f.Region, f.ARN); ok {
					return check.GapR(f, g)
				}
				read := f.Described
				if detail == state.InputFirewallLogging {
					read = f.LoggingRead
				}
				if !read {
					return check.UnknownR(f, "firewall %s's %s answer was not reported", f.Name, action)
				}
				return judge(f)
			})
		},
	}
}

// firewallLogging passes a firewall that sends at least one log type
// (alert, flow or TLS) to a destination (FSBP NetworkFirewall.2).
func firewallLogging(f state.Firewall) check.Result {
	if !f.Logs() {
		return check.FailR(f, "firewall %s sends no alert, flow or TLS logs anywhere", f.Name)
	}
	parts := make([]string, len(f.LogTypes))
	for i, t := range f.LogTypes {
		parts[i] = t
		if i < len(f.LogDestinations) {
			parts[i] += " to " + f.LogDestinations[i]
		}
	}
	return check.PassR(f, "firewall %s logs %s", f.Name, strings.Join(parts, ", "))
}

// firewallPolicyCheck judges every described firewall policy.
func firewallPolicyCheck(id string, judge func(state.FirewallPolicy) check.Result) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "network-firewall", []state.Input{state.InputFirewallPolicies}, a.NetworkFirewall.Policies, func(p state.FirewallPolicy) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputFirewallPolicyDetails, p.Region, p.ARN); ok {
					return check.GapR(p, g)
				}
				if !p.Described {
					return check.UnknownR(p, "firewall policy %s's description was not reported", p.Name)
				}
				return judge(p)
			})
		},
	}
}

// firewallDefaultAction passes a policy whose stateless default action for
// a kind of packet drops it or forwards it to the stateful engine (FSBP
// NetworkFirewall.4 and .5); aws:pass lets unmatched traffic through
// uninspected.
func firewallDefaultAction(p state.FirewallPolicy, what string, actions []string) check.Result {
	std := state.FirewallStandardAction(actions)
	switch {
	case state.FirewallDropsOrForwards(actions):
		return check.PassR(p, "firewall policy %s's stateless default action for %s is %s", p.Name, what, std)
	case std == "":
		return check.UnknownR(p, "firewall policy %s names no standard stateless default action for %s (%s)", p.Name, what, strings.Join(actions, ", "))
	}
	return check.FailR(p, "firewall policy %s's stateless default action for %s is %s: unmatched traffic passes uninspected", p.Name, what, std)
}

// statelessRuleGroupNotEmpty judges every stateless rule group the account
// owns (FSBP NetworkFirewall.6): an empty one in a policy matches nothing,
// so the policy's default actions decide alone.
func statelessRuleGroupNotEmpty() check.Check {
	return check.Check{
		ID: "networkfirewall_stateless_rule_group_not_empty",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "network-firewall", []state.Input{state.InputFirewallRuleGroups}, a.NetworkFirewall.RuleGroups, func(g state.FirewallRuleGroup) check.Result {
				if gap, ok := a.Gaps.ForInput(state.InputFirewallRuleGroupDetails, g.Region, g.ARN); ok {
					return check.GapR(g, gap)
				}
				switch {
				case g.Type != "STATELESS":
					return check.NotApplicableR(g, "rule group %s is %s; only stateless rule groups are judged", g.Name, g.Type)
				case !g.Described:
					return check.UnknownR(g, "stateless rule group %s's rules were not reported", g.Name)
				case g.Rules > 0:
					return check.PassR(g, "stateless rule group %s holds %d rule(s)", g.Name, g.Rules)
				}
				return check.FailR(g, "stateless rule group %s holds no rules (used by %d policies)", g.Name, g.Associations)
			})
		},
	}
}
