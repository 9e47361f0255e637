package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	nfw "github.com/aws/aws-sdk-go-v2/service/networkfirewall"
	nfwtypes "github.com/aws/aws-sdk-go-v2/service/networkfirewall/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// networkFirewall reads a region's AWS Network Firewall firewalls, firewall
// policies and the account's stateless rule groups. Each listing carries
// names and ARNs only (100 a page), so every firewall (with its logging
// configuration), policy and rule group is described once: a check judges
// each.
func (c *collector) networkFirewall(ctx context.Context, region string) {
	cl := nfw.NewFromConfig(c.cfg, func(o *nfw.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("network-firewall", region))
	})
	c.firewalls(ctx, cl, region)
	c.firewallPolicies(ctx, cl, region)
	c.firewallRuleGroups(ctx, cl, region)
}

// firewalls lists the region's firewalls and describes each: its
// protections and subnets (DescribeFirewall) and where it logs
// (DescribeLoggingConfiguration).
func (c *collector) firewalls(ctx context.Context, cl *nfw.Client, region string) {
	var fws []state.Firewall
	err := c.do(ctx, "network-firewall", "ListFirewalls", region, "", nil, func(ctx context.Context) error {
		params := nfw.ListFirewallsInput{MaxResults: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListFirewalls(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, x := range page.Firewalls {
				fws = append(fws, state.Firewall{Meta: meta(str(x.FirewallArn), region, nil), Name: str(x.FirewallName)})
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(fws), func() {
		c.rec.Update(func(a *state.Account) { a.NetworkFirewall.Firewalls = append(a.NetworkFirewall.Firewalls, fws...) })
	})
	for i := range fws {
		f := &fws[i]
		c.item("network-firewall", region, f.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "network-firewall", "DescribeFirewall", region, f.ARN, nil, func(ctx context.Context) error {
				out, err := cl.DescribeFirewall(ctx, &nfw.DescribeFirewallInput{FirewallArn: sdk.String(f.ARN)})
				if err != nil {
					return err
				}
				x := out.Firewall
				if x == nil {
					return nil
				}
				f.Described, f.PolicyARN, f.VPCID = true, str(x.FirewallPolicyArn), str(x.VpcId)
				f.DeleteProtection, f.SubnetChangeProtection, f.PolicyChangeProtection = x.DeleteProtection, x.SubnetChangeProtection, x.FirewallPolicyChangeProtection
				for _, m := range x.SubnetMappings {
					f.SubnetIDs = append(f.SubnetIDs, str(m.SubnetId))
				}
				f.Tags = nfwTags(x.Tags)
				return nil
			})
			_ = c.do(ctx, "network-firewall", "DescribeLoggingConfiguration", region, f.ARN, nil, func(ctx context.Context) error {
				out, err := cl.DescribeLoggingConfiguration(ctx, &nfw.DescribeLoggingConfigurationInput{FirewallArn: sdk.String(f.ARN)})
				if err != nil {
					return err
				}
				f.LoggingRead = true
				if lc := out.LoggingConfiguration; lc != nil {
					for _, d := range lc.LogDestinationConfigs {
						f.LogTypes = append(f.LogTypes, string(d.LogType))
						f.LogDestinations = append(f.LogDestinations, string(d.LogDestinationType))
					}
				}
				return nil
			})
		}, "DescribeFirewall", "DescribeLoggingConfiguration")
	}
}

// firewallPolicies lists the region's firewall policies and describes each
// (default actions and rule group references).
func (c *collector) firewallPolicies(ctx context.Context, cl *nfw.Client, region string) {
	var pols []state.FirewallPolicy
	err := c.do(ctx, "network-firewall", "ListFirewallPolicies", region, "", nil, func(ctx context.Context) error {
		params := nfw.ListFirewallPoliciesInput{MaxResults: sdk.Int32(100)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListFirewallPolicies(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, x := range page.FirewallPolicies {
				pols = append(pols, state.FirewallPolicy{Meta: meta(str(x.Arn), region, nil), Name: str(x.Name)})
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(pols), func() {
		c.rec.Update(func(a *state.Account) { a.NetworkFirewall.Policies = append(a.NetworkFirewall.Policies, pols...) })
	})
	for i := range pols {
		pol := &pols[i]
		c.item("network-firewall", region, pol.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "network-firewall", "DescribeFirewallPolicy", region, pol.ARN, nil, func(ctx context.Context) error {
				out, err := cl.DescribeFirewallPolicy(ctx, &nfw.DescribeFirewallPolicyInput{FirewallPolicyArn: sdk.String(pol.ARN)})
				if err != nil {
					return err
				}
				x := out.FirewallPolicy
				if x == nil {
					return nil
				}
				pol.Described = true
				pol.StatelessDefaultActions, pol.StatelessFragmentDefaultActions = x.StatelessDefaultActions, x.StatelessFragmentDefaultActions
				for _, r := range x.StatelessRuleGroupReferences {
					pol.StatelessRuleGroupARNs = append(pol.StatelessRuleGroupARNs, str(r.ResourceArn))
				}
				for _, r := range x.StatefulRuleGroupReferences {
					pol.StatefulRuleGroupARNs = append(pol.StatefulRuleGroupARNs, str(r.ResourceArn))
				}
				if r := out.FirewallPolicyResponse; r != nil {
					pol.Tags = nfwTags(r.Tags)
				}
				return nil
			})
		}, "DescribeFirewallPolicy")
	}
}

// firewallRuleGroups lists the account's stateless rule groups in the
// region and describes each (how many rules it holds).
func (c *collector) firewallRuleGroups(ctx context.Context, cl *nfw.Client, region string) {
	var groups []state.FirewallRuleGroup
	err := c.do(ctx, "network-firewall", "ListRuleGroups", region, "", nil, func(ctx context.Context) error {
		params := nfw.ListRuleGroupsInput{MaxResults: sdk.Int32(100),
			Scope: nfwtypes.ResourceManagedStatusAccount, Type: nfwtypes.RuleGroupTypeStateless}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListRuleGroups(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, x := range page.RuleGroups {
				groups = append(groups, state.FirewallRuleGroup{Meta: meta(str(x.Arn), region, nil), Name: str(x.Name),
					Type: string(nfwtypes.RuleGroupTypeStateless)})
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	done := c.perItem(len(groups), func() {
		c.rec.Update(func(a *state.Account) { a.NetworkFirewall.RuleGroups = append(a.NetworkFirewall.RuleGroups, groups...) })
	})
	for i := range groups {
		g := &groups[i]
		c.item("network-firewall", region, g.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "network-firewall", "DescribeRuleGroup", region, g.ARN, nil, func(ctx context.Context) error {
				out, err := cl.DescribeRuleGroup(ctx, &nfw.DescribeRuleGroupInput{RuleGroupArn: sdk.String(g.ARN), Type: nfwtypes.RuleGroupTypeStateless})
				if err != nil {
					return err
				}
				g.Described = true
				if rg := out.RuleGroup; rg != nil && rg.RulesSource != nil && rg.RulesSource.StatelessRulesAndCustomActions != nil {
					g.Rules = len(rg.RulesSource.StatelessRulesAndCustomActions.StatelessRules)
				}
				if r := out.RuleGroupResponse; r != nil {
					if r.Type != "" {
						g.Type = string(r.Type)
					}
					g.Associations = i32(r.NumberOfAssociations)
					g.Tags = nfwTags(r.Tags)
				}
				return nil
			})
		}, "DescribeRuleGroup")
	}
}

// nfwTags is a Network Firewall tag list as a map (nil when empty).
func nfwTags(tags []nfwtypes.Tag) map[string]string {
	return tagMap(tags, func(t nfwtypes.Tag) (*string, *string) { return t.Key, t.Value })
}
