package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// networkFirewall is Alpenglow's AWS Network Firewall (svc-netfw): the
// Frankfurt egress firewall, protected against deletion and subnet changes,
// logging alerts to CloudWatch Logs and flows to S3, under a policy that
// forwards unmatched packets to the stateful engine with a stateless rule
// group blocking administration ports and AWS's managed threat signatures.
// Ireland's DR copy was set up by hand during a failover test: no
// protections, no logs, and a policy that passes unmatched packets (full
// and fragmented) with only an empty placeholder rule group; a second,
// unused test policy there has no rule groups at all.
func (x *b) networkFirewall() {
	fra, dub := "eu-central-1", "eu-west-1"
	arn := func(region, kind, name string) string { return x.arn("network-firewall", region, kind+"/"+name) }
	nf := &x.a.NetworkFirewall
	nf.Firewalls = append(nf.Firewalls,
		state.Firewall{Meta: state.Meta{ARN: arn(fra, "firewall", "egress"), Region: fra, Tags: tags("owner", "platform")}, Name: "egress",
			Described: true, PolicyARN: arn(fra, "firewall-policy", "egress-policy"), VPCID: vpcOf(fra),
			SubnetIDs: []string{"subnet-00pub", "subnet-01pub", "subnet-02pub"}, DeleteProtection: true, SubnetChangeProtection: true, PolicyChangeProtection: true,
			LoggingRead: true, LogTypes: []string{"ALERT", "FLOW"}, LogDestinations: []string{"CloudWatchLogs", "S3"}},
		state.Firewall{Meta: state.Meta{ARN: arn(dub, "firewall", "egress-dr"), Region: dub, Tags: tags("owner", "platform")}, Name: "egress-dr",
			Described: true, PolicyARN: arn(dub, "firewall-policy", "dr-egress-policy"), VPCID: vpcOf(dub),
			SubnetIDs: []string{"subnet-10pub", "subnet-11pub"}, LoggingRead: true},
	)
	nf.Policies = append(nf.Policies,
		state.FirewallPolicy{Meta: state.Meta{ARN: arn(fra, "firewall-policy", "egress-policy"), Region: fra}, Name: "egress-policy", Described: true,
			StatelessDefaultActions: []string{"aws:forward_to_sfe"}, StatelessFragmentDefaultActions: []string{"aws:forward_to_sfe"},
			StatelessRuleGroupARNs: []string{arn(fra, "stateless-rulegroup", "block-admin-ports")},
			StatefulRuleGroupARNs:  []string{"arn:aws:network-firewall:" + fra + ":aws-managed:stateful-rulegroup/ThreatSignaturesMalwareStrictOrder"}},
		state.FirewallPolicy{Meta: state.Meta{ARN: arn(dub, "firewall-policy", "dr-egress-policy"), Region: dub}, Name: "dr-egress-policy", Described: true,
			StatelessDefaultActions: []string{"aws:pass"}, StatelessFragmentDefaultActions: []string{"aws:pass"},
			StatelessRuleGroupARNs: []string{arn(dub, "stateless-rulegroup", "placeholder")}},
		state.FirewallPolicy{Meta: state.Meta{ARN: arn(dub, "firewall-policy", "failover-test"), Region: dub}, Name: "failover-test", Described: true,
			StatelessDefaultActions: []string{"aws:drop"}, StatelessFragmentDefaultActions: []string{"aws:drop"}},
	)
	nf.RuleGroups = append(nf.RuleGroups,
		state.FirewallRuleGroup{Meta: state.Meta{ARN: arn(fra, "stateless-rulegroup", "block-admin-ports"), Region: fra}, Name: "block-admin-ports",
			Type: "STATELESS", Described: true, Rules: 2, Associations: 1},
		state.FirewallRuleGroup{Meta: state.Meta{ARN: arn(dub, "stateless-rulegroup", "placeholder"), Region: dub}, Name: "placeholder",
			Type: "STATELESS", Described: true, Associations: 1},
	)
}
