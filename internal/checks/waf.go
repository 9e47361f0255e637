package checks

import (
	"slices"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// wafChecks are the customer's duties on AWS WAF web ACLs: AWS runs the
// filtering, but which rules a web ACL holds, whether they report metrics
// and whether requests are logged are the web ACL's settings.
func wafChecks() []check.Check {
	return []check.Check{
		webACLCheck("waf_web_acl_rules", state.InputWebACLRules, webACLRules),
		webACLCheck("waf_web_acl_rule_metrics", state.InputWebACLRules, webACLRuleMetrics),
		webACLCheck("waf_web_acl_logging", state.InputWebACLLogging, webACLLogging),
	}
}

// webACLCheck judges every web ACL. A region whose ListWebACLs failed is
// one unknown (us-east-1 also when only the CLOUDFRONT scope, read there
// whatever regions are scanned, failed); a web ACL whose read failed
// (GetWebACL per web ACL, ListLoggingConfigurations per region) is unknown.
func webACLCheck(id string, read state.Input, judge func(x state.WebACL) check.Result) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			var out []check.Result
			bad := regionalListingUnknown(a, "wafv2", &out, state.InputWebACLs)
			if r := "us-east-1"; !slices.Contains(a.ScannedRegions(), r) {
				if g, ok := listingGap(a, r, state.InputWebACLs); ok {
					bad[r] = true
					out = append(out, check.GapR(regionRef(a, "wafv2", r), g))
				}
			}
			for _, x := range a.WAF.WebACLs {
				if bad[x.Region] {
					continue
				}
				if g, ok := a.Gaps.ForInput(read, x.Region, x.ARN); ok {
					out = append(out, check.GapR(x, g))
					continue
				}
				out = append(out, judge(x))
			}
			return out
		},
	}
}

func webACLName(x state.WebACL) string { return x.Name + " (" + x.Scope + ")" }

func webACLRules(x state.WebACL) check.Result {
	return judgeWebACLRules(x, webACLName(x), len(x.Rules), x.DefaultAction)
}

// judgeWebACLRules answers "does this web ACL inspect anything?" for AWS
// WAF (v2) and WAF Classic alike (FSBP WAF.10, WAF.4, WAF.8): a web ACL
// with no rules or rule groups applies its default action to every
// request. TestWebACLQuestionsAgree proves both families ask it here.
func judgeWebACLRules(ref state.Resource, name string, rules int, defaultAction string) check.Result {
	if rules == 0 {
		return check.FailR(ref, "web ACL %s has no rules or rule groups: it applies its default action (%s) to every request", name, orNone(defaultAction))
	}
	return check.PassR(ref, "web ACL %s has %d rules or rule groups", name, rules)
}

func webACLRuleMetrics(x state.WebACL) check.Result {
	if len(x.Rules) == 0 {
		return check.NotApplicableR(x, "web ACL %s has no rules", webACLName(x))
	}
	var off []string
	for _, r := range x.Rules {
		if !r.MetricsEnabled {
			off = append(off, r.Name)
		}
	}
	if len(off) > 0 {
		return check.FailR(x, "web ACL %s: rules without CloudWatch metrics: %s", webACLName(x), strings.Join(off, ", "))
	}
	return check.PassR(x, "web ACL %s: all %d rules report CloudWatch metrics", webACLName(x), len(x.Rules))
}

func webACLLogging(x state.WebACL) check.Result {
	return judgeWebACLLogging(x, webACLName(x), x.LogDestinations)
}

// judgeWebACLLogging answers "does this web ACL log the requests it
// inspects?" for AWS WAF (v2) and WAF Classic alike (FSBP WAF.1 and the
// catalog's logging duty).
func judgeWebACLLogging(ref state.Resource, name string, destinations []string) check.Result {
	if len(destinations) == 0 {
		return check.FailR(ref, "web ACL %s logs no requests", name)
	}
	return check.PassR(ref, "web ACL %s logs requests to %s", name, strings.Join(destinations, ", "))
}
