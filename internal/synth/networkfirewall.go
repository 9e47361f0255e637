package synth

import "github.com/shoulder-dev/shoulder/internal/state"

// networkFirewall generates region r's AWS Network Firewall resources
// (svc-netfw), every field the collectors read drawn at random: each
// firewall has its own policy, mostly with both protections and logging;
// policies mostly forward unmatched packets to the stateful engine (a
// fifth pass them), reference zero to two stateless rule groups of their
// own (a tenth of those empty) and AWS managed stateful groups most of the
// time; now and then a policy no firewall uses.
func (g *gen) networkFirewall(r string) {
	nf := &g.a.NetworkFirewall
	arn := func(kind, name string) string { return g.arn("network-firewall", r, kind+"/"+name) }
	action := func() []string {
		if g.chance(20) {
			return []string{"aws:pass"}
		}
		return []string{g.pick("aws:forward_to_sfe", "aws:forward_to_sfe", "aws:forward_to_sfe", "aws:drop")}
	}
	policy := func() string {
		name := g.id("fwpolicy-")
		p := state.FirewallPolicy{Meta: state.Meta{ARN: arn("firewall-policy", name), Region: r}, Name: name, Described: true,
			StatelessDefaultActions: action(), StatelessFragmentDefaultActions: action()}
		for k := g.rng.IntN(3); k > 0; k-- {
			gname := g.id("stateless-")
			rg := state.FirewallRuleGroup{Meta: state.Meta{ARN: arn("stateless-rulegroup", gname), Region: r}, Name: gname, Type: "STATELESS",
				Described: true, Associations: 1}
			if !g.chance(10) {
				rg.Rules = 1 + g.rng.IntN(20)
			}
			nf.RuleGroups = append(nf.RuleGroups, rg)
			p.StatelessRuleGroupARNs = append(p.StatelessRuleGroupARNs, rg.ARN)
		}
		if g.chance(70) {
			p.StatefulRuleGroupARNs = []string{"arn:aws:network-firewall:" + r + ":aws-managed:stateful-rulegroup/" +
				g.pick("ThreatSignaturesMalwareStrictOrder", "AbusedLegitMalwareDomainsStrictOrder", "BotNetCommandAndControlDomainsStrictOrder")}
		}
		nf.Policies = append(nf.Policies, p)
		return p.ARN
	}
	for k := count(g.n, "firewall") / len(g.regions); k > 0; k-- {
		name := g.id("firewall-")
		f := state.Firewall{Meta: state.Meta{ARN: arn("firewall", name), Region: r, Tags: g.tags()}, Name: name, Described: true,
			PolicyARN: policy(), VPCID: g.id("vpc-"), SubnetIDs: []string{g.id("subnet-"), g.id("subnet-")},
			DeleteProtection: g.chance(70), SubnetChangeProtection: g.chance(60), PolicyChangeProtection: g.chance(50), LoggingRead: true}
		if g.chance(75) {
			f.LogTypes, f.LogDestinations = []string{"ALERT"}, []string{g.pick("CloudWatchLogs", "S3", "KinesisDataFirehose")}
			if g.coin() {
				f.LogTypes, f.LogDestinations = append(f.LogTypes, "FLOW"), append(f.LogDestinations, "S3")
			}
		}
		nf.Firewalls = append(nf.Firewalls, f)
		if g.chance(15) {
			policy()
		}
	}
}
