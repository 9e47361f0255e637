package aws

import (
	"context"
	"sort"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/waf"
	wctypes "github.com/aws/aws-sdk-go-v2/service/waf/types"
	"github.com/aws/aws-sdk-go-v2/service/wafregional"
	wrtypes "github.com/aws/aws-sdk-go-v2/service/wafregional/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// classicItem is one entry of a WAF Classic listing (ID and name only).
type classicItem struct{ id, name string }

// classicAPI is the part of AWS WAF Classic shoulder reads, the same for
// the global (waf) and the regional (waf-regional) service, whose SDK
// clients have the same operations over distinct types. It is a struct of
// functions, not an interface: a client inside a value converted to an
// interface keeps every exported method of the client in the binary, the
// writes included (see TestBinaryHasNoWrites).
type classicAPI struct {
	listWebACLs        func(ctx context.Context, marker *string) ([]classicItem, *string, error)
	getWebACL          func(ctx context.Context, id string) (defaultAction string, rules []state.ClassicActivatedRule, err error)
	listRules          func(ctx context.Context, marker *string) ([]classicItem, *string, error)
	getRule            func(ctx context.Context, id string) (conditions int, err error)
	listRuleGroups     func(ctx context.Context, marker *string) ([]classicItem, *string, error)
	listActivatedRules func(ctx context.Context, group string, marker *string) ([]state.ClassicActivatedRule, *string, error)
	listLogging        func(ctx context.Context, marker *string) (map[string][]string, *string, error)
}

// wafClassicGlobal reads the global AWS WAF Classic (for CloudFront),
// whose one endpoint signs in us-east-1; its gaps are recorded there.
func (c *collector) wafClassicGlobal(ctx context.Context, _ string) {
	region := cloudFrontRegion
	cl := waf.NewFromConfig(c.cfg, func(o *waf.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("waf", region))
	})
	c.wafClassic(ctx, "waf", region, state.WAFClassicGlobal, globalClassic{cl}.api())
}

// wafClassicRegional reads a region's AWS WAF Classic Regional resources.
func (c *collector) wafClassicRegional(ctx context.Context, region string) {
	cl := wafregional.NewFromConfig(c.cfg, func(o *wafregional.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("waf-regional", region))
	})
	c.wafClassic(ctx, "waf-regional", region, state.WAFClassicRegional, regionalClassic{cl}.api())
}

// wafClassic lists the scope's web ACLs, rules and rule groups (IDs and
// names), reads each (a web ACL's rules, a rule's conditions, a rule
// group's rules) and, for the global scope, joins the logging
// configurations read in bulk.
func (c *collector) wafClassic(ctx context.Context, svc, region, scope string, api classicAPI) {
	arnRegion := region
	if scope == state.WAFClassicGlobal {
		arnRegion = ""
	}
	arn := func(kind, id string) string { return c.arn(svc, arnRegion, c.accountID, kind+"/"+id) }
	list := func(action string, next func(context.Context, *string) ([]classicItem, *string, error)) ([]classicItem, error) {
		var items []classicItem
		err := c.do(ctx, svc, action, region, "", nil, func(ctx context.Context) error {
			return pages(ctx, func(ctx context.Context, marker *string) (*string, error) {
				xs, m, err := next(ctx, marker)
				items = append(items, xs...)
				return m, err
			})
		})
		return items, err
	}

	if items, err := list("ListWebACLs", api.listWebACLs); err == nil {
		acls := make([]state.ClassicWebACL, len(items))
		for i, it := range items {
			acls[i] = state.ClassicWebACL{Meta: meta(arn("webacl", it.id), region, nil), ID: it.id, Name: it.name, Scope: scope}
		}
		if scope == state.WAFClassicGlobal && len(acls) > 0 {
			logs := map[string][]string{}
			_ = c.do(ctx, svc, "ListLoggingConfigurations", region, "", nil, func(ctx context.Context) error {
				return pages(ctx, func(ctx context.Context, marker *string) (*string, error) {
					m, next, err := api.listLogging(ctx, marker)
					for k, v := range m {
						logs[k] = append(logs[k], v...)
					}
					return next, err
				})
			})
			for i := range acls {
				acls[i].LogDestinations = logs[acls[i].ARN]
			}
		}
		done := c.perItem(len(acls), func() {
			c.rec.Update(func(a *state.Account) { a.WAFClassic.WebACLs = append(a.WAFClassic.WebACLs, acls...) })
		})
		for i := range acls {
			x := &acls[i]
			c.item(svc, region, x.ARN, done, func(ctx context.Context) {
				_ = c.do(ctx, svc, "GetWebACL", region, x.ARN, nil, func(ctx context.Context) error {
					def, rules, err := api.getWebACL(ctx, x.ID)
					x.DefaultAction, x.Rules = def, rules
					return err
				})
			}, "GetWebACL")
		}
	}

	if items, err := list("ListRules", api.listRules); err == nil {
		rules := make([]state.ClassicRule, len(items))
		for i, it := range items {
			rules[i] = state.ClassicRule{Meta: meta(arn("rule", it.id), region, nil), ID: it.id, Name: it.name, Scope: scope}
		}
		done := c.perItem(len(rules), func() {
			c.rec.Update(func(a *state.Account) { a.WAFClassic.Rules = append(a.WAFClassic.Rules, rules...) })
		})
		for i := range rules {
			x := &rules[i]
			c.item(svc, region, x.ARN, done, func(ctx context.Context) {
				_ = c.do(ctx, svc, "GetRule", region, x.ARN, nil, func(ctx context.Context) error {
					n, err := api.getRule(ctx, x.ID)
					x.Conditions = n
					return err
				})
			}, "GetRule")
		}
	}

	if items, err := list("ListRuleGroups", api.listRuleGroups); err == nil {
		groups := make([]state.ClassicRuleGroup, len(items))
		for i, it := range items {
			groups[i] = state.ClassicRuleGroup{Meta: meta(arn("rulegroup", it.id), region, nil), ID: it.id, Name: it.name, Scope: scope}
		}
		done := c.perItem(len(groups), func() {
			c.rec.Update(func(a *state.Account) { a.WAFClassic.RuleGroups = append(a.WAFClassic.RuleGroups, groups...) })
		})
		for i := range groups {
			x := &groups[i]
			c.item(svc, region, x.ARN, done, func(ctx context.Context) {
				_ = c.do(ctx, svc, "ListActivatedRulesInRuleGroup", region, x.ARN, nil, func(ctx context.Context) error {
					var rules []state.ClassicActivatedRule
					err := pages(ctx, func(ctx context.Context, marker *string) (*string, error) {
						xs, next, err := api.listActivatedRules(ctx, x.ID, marker)
						rules = append(rules, xs...)
						return next, err
					})
					if err != nil {
						return err
					}
					sortClassicRules(rules)
					x.Rules = rules
					return nil
				})
			}, "ListActivatedRulesInRuleGroup")
		}
	}
}

// classicPage is the page size of the WAF Classic listings (their maximum).
const classicPage = 100

func sortClassicRules(rs []state.ClassicActivatedRule) {
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Priority < rs[j].Priority })
}

// globalClassic reads the global AWS WAF Classic.
type globalClassic struct{ cl *waf.Client }

func (g globalClassic) api() classicAPI {
	return classicAPI{g.listWebACLs, g.getWebACL, g.listRules, g.getRule, g.listRuleGroups, g.listActivatedRules, g.listLogging}
}

func (g globalClassic) listWebACLs(ctx context.Context, marker *string) ([]classicItem, *string, error) {
	out, err := g.cl.ListWebACLs(ctx, &waf.ListWebACLsInput{Limit: classicPage, NextMarker: marker})
	if err != nil {
		return nil, nil, err
	}
	var xs []classicItem
	for _, s := range out.WebACLs {
		xs = append(xs, classicItem{str(s.WebACLId), str(s.Name)})
	}
	return xs, out.NextMarker, nil
}

func (g globalClassic) getWebACL(ctx context.Context, id string) (string, []state.ClassicActivatedRule, error) {
	out, err := g.cl.GetWebACL(ctx, &waf.GetWebACLInput{WebACLId: sdk.String(id)})
	if err != nil || out.WebACL == nil {
		return "", nil, err
	}
	var def string
	if d := out.WebACL.DefaultAction; d != nil {
		def = string(d.Type)
	}
	return def, classicRulesOf(out.WebACL.Rules), nil
}

func (g globalClassic) listRules(ctx context.Context, marker *string) ([]classicItem, *string, error) {
	out, err := g.cl.ListRules(ctx, &waf.ListRulesInput{Limit: classicPage, NextMarker: marker})
	if err != nil {
		return nil, nil, err
	}
	var xs []classicItem
	for _, s := range out.Rules {
		xs = append(xs, classicItem{str(s.RuleId), str(s.Name)})
	}
	return xs, out.NextMarker, nil
}

func (g globalClassic) getRule(ctx context.Context, id string) (int, error) {
	out, err := g.cl.GetRule(ctx, &waf.GetRuleInput{RuleId: sdk.String(id)})
	if err != nil || out.Rule == nil {
		return 0, err
	}
	return len(out.Rule.Predicates), nil
}

func (g globalClassic) listRuleGroups(ctx context.Context, marker *string) ([]classicItem, *string, error) {
	out, err := g.cl.ListRuleGroups(ctx, &waf.ListRuleGroupsInput{Limit: classicPage, NextMarker: marker})
	if err != nil {
		return nil, nil, err
	}
	var xs []classicItem
	for _, s := range out.RuleGroups {
		xs = append(xs, classicItem{str(s.RuleGroupId), str(s.Name)})
	}
	return xs, out.NextMarker, nil
}

func (g globalClassic) listActivatedRules(ctx context.Context, group string, marker *string) ([]state.ClassicActivatedRule, *string, error) {
	out, err := g.cl.ListActivatedRulesInRuleGroup(ctx, &waf.ListActivatedRulesInRuleGroupInput{RuleGroupId: sdk.String(group), Limit: classicPage, NextMarker: marker})
	if err != nil {
		return nil, nil, err
	}
	return classicRulesOf(out.ActivatedRules), out.NextMarker, nil
}

func (g globalClassic) listLogging(ctx context.Context, marker *string) (map[string][]string, *string, error) {
	out, err := g.cl.ListLoggingConfigurations(ctx, &waf.ListLoggingConfigurationsInput{Limit: classicPage, NextMarker: marker})
	if err != nil {
		return nil, nil, err
	}
	m := map[string][]string{}
	for _, l := range out.LoggingConfigurations {
		m[str(l.ResourceArn)] = append(m[str(l.ResourceArn)], l.LogDestinationConfigs...)
	}
	return m, out.NextMarker, nil
}

func classicRulesOf(rs []wctypes.ActivatedRule) []state.ClassicActivatedRule {
	var out []state.ClassicActivatedRule
	for _, r := range rs {
		out = append(out, state.ClassicActivatedRule{RuleID: str(r.RuleId), Priority: i32(r.Priority), Type: string(r.Type)})
	}
	sortClassicRules(out)
	return out
}

// regionalClassic reads AWS WAF Classic Regional.
type regionalClassic struct{ cl *wafregional.Client }

func (g regionalClassic) api() classicAPI {
	return classicAPI{g.listWebACLs, g.getWebACL, g.listRules, g.getRule, g.listRuleGroups, g.listActivatedRules, g.listLogging}
}

func (g regionalClassic) listWebACLs(ctx context.Context, marker *string) ([]classicItem, *string, error) {
	out, err := g.cl.ListWebACLs(ctx, &wafregional.ListWebACLsInput{Limit: classicPage, NextMarker: marker})
	if err != nil {
		return nil, nil, err
	}
	var xs []classicItem
	for _, s := range out.WebACLs {
		xs = append(xs, classicItem{str(s.WebACLId), str(s.Name)})
	}
	return xs, out.NextMarker, nil
}

func (g regionalClassic) getWebACL(ctx context.Context, id string) (string, []state.ClassicActivatedRule, error) {
	out, err := g.cl.GetWebACL(ctx, &wafregional.GetWebACLInput{WebACLId: sdk.String(id)})
	if err != nil || out.WebACL == nil {
		return "", nil, err
	}
	var def string
	if d := out.WebACL.DefaultAction; d != nil {
		def = string(d.Type)
	}
	return def, regionalRulesOf(out.WebACL.Rules), nil
}

func (g regionalClassic) listRules(ctx context.Context, marker *string) ([]classicItem, *string, error) {
	out, err := g.cl.ListRules(ctx, &wafregional.ListRulesInput{Limit: classicPage, NextMarker: marker})
	if err != nil {
		return nil, nil, err
	}
	var xs []classicItem
	for _, s := range out.Rules {
		xs = append(xs, classicItem{str(s.RuleId), str(s.Name)})
	}
	return xs, out.NextMarker, nil
}

func (g regionalClassic) getRule(ctx context.Context, id string) (int, error) {
	out, err := g.cl.GetRule(ctx, &wafregional.GetRuleInput{RuleId: sdk.String(id)})
	if err != nil || out.Rule == nil {
		return 0, err
	}
	return len(out.Rule.Predicates), nil
}

func (g regionalClassic) listRuleGroups(ctx context.Context, marker *string) ([]classicItem, *string, error) {
	out, err := g.cl.ListRuleGroups(ctx, &wafregional.ListRuleGroupsInput{Limit: classicPage, NextMarker: marker})
	if err != nil {
		return nil, nil, err
	}
	var xs []classicItem
	for _, s := range out.RuleGroups {
		xs = append(xs, classicItem{str(s.RuleGroupId), str(s.Name)})
	}
	return xs, out.NextMarker, nil
}

func (g regionalClassic) listActivatedRules(ctx context.Context, group string, marker *string) ([]state.ClassicActivatedRule, *string, error) {
	out, err := g.cl.ListActivatedRulesInRuleGroup(ctx, &wafregional.ListActivatedRulesInRuleGroupInput{RuleGroupId: sdk.String(group), Limit: classicPage, NextMarker: marker})
	if err != nil {
		return nil, nil, err
	}
	return regionalRulesOf(out.ActivatedRules), out.NextMarker, nil
}

// listLogging is never called for the regional scope (FSBP asks only about
// global web ACLs' logging); it answers nothing.
func (g regionalClassic) listLogging(context.Context, *string) (map[string][]string, *string, error) {
	return nil, nil, nil
}

func regionalRulesOf(rs []wrtypes.ActivatedRule) []state.ClassicActivatedRule {
	var out []state.ClassicActivatedRule
	for _, r := range rs {
		out = append(out, state.ClassicActivatedRule{RuleID: str(r.RuleId), Priority: i32(r.Priority), Type: string(r.Type)})
	}
	sortClassicRules(out)
	return out
}
