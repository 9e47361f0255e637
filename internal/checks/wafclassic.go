package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// wafClassicChecks are the customer's duties on AWS WAF Classic, global
// (for CloudFront) and regional: AWS runs the filtering; whether a web ACL
// holds rules, whether a rule has conditions, whether a rule group holds
// rules and whether a global web ACL logs requests are the customer's
// settings (FSBP WAF.1-4, WAF.6-8). The web ACL questions are the ones AWS
// WAF (v2) asks too, answered by the same functions (judgeWebACLRules,
// judgeWebACLLogging).
func wafClassicChecks() []check.Check {
	g, r := state.WAFClassicGlobal, state.WAFClassicRegional
	acls := func(a *state.Account) []state.ClassicWebACL { return a.WAFClassic.WebACLs }
	rules := func(a *state.Account) []state.ClassicRule { return a.WAFClassic.Rules }
	groups := func(a *state.Account) []state.ClassicRuleGroup { return a.WAFClassic.RuleGroups }
	aclScope := func(x state.ClassicWebACL) string { return x.Scope }
	ruleScope := func(x state.ClassicRule) string { return x.Scope }
	groupScope := func(x state.ClassicRuleGroup) string { return x.Scope }
	return []check.Check{
		classicCheck("waf_classic_global_web_acl_logging", g, state.InputClassicWebACLs, state.InputClassicWebACLLogging, acls, aclScope, classicWebACLLogging),
		classicCheck("waf_classic_global_web_acl_rules", g, state.InputClassicWebACLs, state.InputClassicWebACLRules, acls, aclScope, classicWebACLRules),
		classicCheck("waf_classic_regional_web_acl_rules", r, state.InputClassicWebACLs, state.InputClassicWebACLRules, acls, aclScope, classicWebACLRules),
		classicCheck("waf_classic_global_rule_conditions", g, state.InputClassicRules, state.InputClassicRuleConditions, rules, ruleScope, classicRuleConditions),
		classicCheck("waf_classic_regional_rule_conditions", r, state.InputClassicRules, state.InputClassicRuleConditions, rules, ruleScope, classicRuleConditions),
		classicCheck("waf_classic_global_rule_group_rules", g, state.InputClassicRuleGroups, state.InputClassicRuleGroupRules, groups, groupScope, classicRuleGroupRules),
		classicCheck("waf_classic_regional_rule_group_rules", r, state.InputClassicRuleGroups, state.InputClassicRuleGroupRules, groups, groupScope, classicRuleGroupRules),
	}
}

// classicCheck judges the WAF Classic resources of one scope. The global
// scope is read once, in us-east-1: a failed listing there is one unknown
// whatever regions are scanned; the regional scope has one unknown per
// scanned region whose listing failed. A resource whose own read failed
// (GetWebACL, GetRule, ListActivatedRulesInRuleGroup, or the global
// logging listing) is unknown. Both scopes share the inputs, so a failed
// listing of either scope in us-east-1 makes the other's verdicts there
// unknown too: never a pass on data nobody read.
func classicCheck[T state.Resource](id, scope string, list, read state.Input, items func(*state.Account) []T, scopeOf func(T) string, judge func(T) check.Result) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			var out []check.Result
			bad := map[string]bool{}
			if scope == state.WAFClassicGlobal {
				if g, ok := listingGap(a, "us-east-1", list); ok {
					bad["us-east-1"] = true
					out = append(out, check.GapR(regionRef(a, "waf", "us-east-1"), g))
				}
			} else {
				bad = regionalListingUnknown(a, "waf-regional", &out, list)
			}
			for _, x := range items(a) {
				m := x.Ref()
				if scopeOf(x) != scope || bad[m.Region] {
					continue
				}
				if g, ok := a.Gaps.ForInput(read, m.Region, m.ARN); ok {
					out = append(out, check.GapR(x, g))
					continue
				}
				out = append(out, judge(x))
			}
			return out
		},
	}
}

func classicName(name, scope string) string { return name + " (WAF Classic " + scope + ")" }

func classicWebACLRules(x state.ClassicWebACL) check.Result {
	return judgeWebACLRules(x, classicName(x.Name, x.Scope), len(x.Rules), x.DefaultAction)
}

func classicWebACLLogging(x state.ClassicWebACL) check.Result {
	return judgeWebACLLogging(x, classicName(x.Name, x.Scope), x.LogDestinations)
}

func classicRuleConditions(x state.ClassicRule) check.Result {
	if x.Conditions == 0 {
		return check.FailR(x, "rule %s has no conditions: it matches no request, so its action never applies", classicName(x.Name, x.Scope))
	}
	return check.PassR(x, "rule %s has %d conditions", classicName(x.Name, x.Scope), x.Conditions)
}

func classicRuleGroupRules(x state.ClassicRuleGroup) check.Result {
	if len(x.Rules) == 0 {
		return check.FailR(x, "rule group %s has no rules: a web ACL using it inspects nothing through it", classicName(x.Name, x.Scope))
	}
	return check.PassR(x, "rule group %s has %d rules", classicName(x.Name, x.Scope), len(x.Rules))
}
