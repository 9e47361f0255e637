package synth

import "github.com/shoulder-dev/shoulder/internal/state"

// wafClassic generates the AWS WAF Classic leftovers of region r
// (regional, a few accounts still run them: 0.005% of resources, else one
// in ten regions) or, when global, once in us-east-1 where the account has
// distributions (three in ten). Each web ACL gets up to three rules of its
// own (15% none; a tenth of rules without conditions) and sometimes a rule
// group (a tenth of them empty); about four in ten global web ACLs log.
func (g *gen) wafClassic(r string, global bool) {
	scope, region, svc, arnRegion := state.WAFClassicRegional, r, "waf-regional", r
	if global {
		if len(g.a.CloudFront.Distributions) == 0 || !g.chance(30) {
			return
		}
		scope, region, svc, arnRegion = state.WAFClassicGlobal, "us-east-1", "waf", ""
	}
	meta := func(kind, id string) state.Meta {
		return state.Meta{ARN: g.arn(svc, arnRegion, kind+"/"+id), Region: region}
	}
	w := &g.a.WAFClassic
	for k := count(g.n, "classicacl") / len(g.regions); k >= 0; k-- {
		if k == 0 && !global && !g.chance(10) {
			break
		}
		id := g.id("")
		x := state.ClassicWebACL{Meta: meta("webacl", id), ID: id, Name: g.id("classic-"), Scope: scope, DefaultAction: g.pick("ALLOW", "ALLOW", "BLOCK")}
		var mine []state.ClassicActivatedRule
		if !g.chance(15) {
			for p := 1; p <= 1+g.rng.IntN(3); p++ {
				rid := g.id("")
				n := 1 + g.rng.IntN(3)
				if g.chance(10) {
					n = 0
				}
				w.Rules = append(w.Rules, state.ClassicRule{Meta: meta("rule", rid), ID: rid, Name: g.id("rule-"), Scope: scope, Conditions: n})
				mine = append(mine, state.ClassicActivatedRule{RuleID: rid, Priority: p, Type: "REGULAR"})
			}
		}
		x.Rules = mine
		if len(mine) > 0 && g.chance(30) {
			gid := g.id("")
			grp := state.ClassicRuleGroup{Meta: meta("rulegroup", gid), ID: gid, Name: g.id("group-"), Scope: scope}
			if !g.chance(10) {
				grp.Rules = []state.ClassicActivatedRule{mine[0]}
			}
			w.RuleGroups = append(w.RuleGroups, grp)
			x.Rules = append(x.Rules, state.ClassicActivatedRule{RuleID: gid, Priority: len(mine) + 1, Type: "GROUP"})
		}
		if global && g.chance(40) {
			x.LogDestinations = []string{g.arn("firehose", "us-east-1", "deliverystream/aws-waf-logs-"+x.Name)}
		}
		w.WebACLs = append(w.WebACLs, x)
		if global {
			return
		}
	}
}
