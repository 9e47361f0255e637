package aws

import (
	"context"
	"sort"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wafv2"
	waftypes "github.com/aws/aws-sdk-go-v2/service/wafv2/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// wafPage is the page size of the WAF listings (their maximum is 100).
const wafPage = 100

// wafRegional reads a region's REGIONAL web ACLs.
func (c *collector) wafRegional(ctx context.Context, region string) {
	c.webACLs(ctx, region, waftypes.ScopeRegional)
}

// wafCloudFront reads the CLOUDFRONT web ACLs, which WAF answers in
// us-east-1 (like CloudFront itself, whatever regions are scanned).
func (c *collector) wafCloudFront(ctx context.Context, _ string) {
	c.webACLs(ctx, cloudFrontRegion, waftypes.ScopeCloudfront)
}

// webACLs lists the web ACLs of one scope (names and IDs), reads each
// with GetWebACL (rules, metrics, default action) and joins the scope's
// logging configurations, read in bulk.
func (c *collector) webACLs(ctx context.Context, region string, scope waftypes.Scope) {
	cl := wafv2.NewFromConfig(c.cfg, func(o *wafv2.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("wafv2", region))
	})
	var acls []state.WebACL
	err := c.do(ctx, "wafv2", "ListWebACLs", region, "", nil, func(ctx context.Context) error {
		return pages(ctx, func(ctx context.Context, marker *string) (*string, error) {
			out, err := cl.ListWebACLs(ctx, &wafv2.ListWebACLsInput{Scope: scope, Limit: sdk.Int32(wafPage), NextMarker: marker})
			if err != nil {
				return nil, err
			}
			for _, s := range out.WebACLs {
				acls = append(acls, state.WebACL{Meta: meta(str(s.ARN), region, nil), ID: str(s.Id), Name: str(s.Name), Scope: string(scope)})
			}
			return out.NextMarker, nil
		})
	})
	if err != nil {
		return
	}
	logs := map[string][]string{}
	if len(acls) > 0 {
		_ = c.do(ctx, "wafv2", "ListLoggingConfigurations", region, "", nil, func(ctx context.Context) error {
			return pages(ctx, func(ctx context.Context, marker *string) (*string, error) {
				out, err := cl.ListLoggingConfigurations(ctx, &wafv2.ListLoggingConfigurationsInput{Scope: scope, Limit: sdk.Int32(wafPage), NextMarker: marker})
				if err != nil {
					return nil, err
				}
				for _, l := range out.LoggingConfigurations {
					logs[str(l.ResourceArn)] = append(logs[str(l.ResourceArn)], l.LogDestinationConfigs...)
				}
				return out.NextMarker, nil
			})
		})
	}
	for i := range acls {
		acls[i].LogDestinations = logs[acls[i].ARN]
	}
	done := c.perItem(len(acls), func() {
		c.rec.Update(func(a *state.Account) { a.WAF.WebACLs = append(a.WAF.WebACLs, acls...) })
	})
	for i := range acls {
		x := &acls[i]
		c.item("wafv2", region, x.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "wafv2", "GetWebACL", region, x.ARN, nil, func(ctx context.Context) error {
				out, err := cl.GetWebACL(ctx, &wafv2.GetWebACLInput{Name: sdk.String(x.Name), Id: sdk.String(x.ID), Scope: scope})
				if err != nil {
					return err
				}
				if w := out.WebACL; w != nil {
					readWebACL(x, w)
				}
				return nil
			})
		}, "GetWebACL")
	}
}

// readWebACL fills x from GetWebACL's answer.
func readWebACL(x *state.WebACL, w *waftypes.WebACL) {
	if d := w.DefaultAction; d != nil {
		switch {
		case d.Block != nil:
			x.DefaultAction = "BLOCK"
		case d.Allow != nil:
			x.DefaultAction = "ALLOW"
		}
	}
	if v := w.VisibilityConfig; v != nil {
		x.MetricsEnabled = v.CloudWatchMetricsEnabled
	}
	for _, r := range w.Rules {
		y := state.WebACLRule{Name: str(r.Name), Priority: int(r.Priority)}
		if s := r.Statement; s != nil {
			y.RuleGroup = s.ManagedRuleGroupStatement != nil || s.RuleGroupReferenceStatement != nil
		}
		if v := r.VisibilityConfig; v != nil {
			y.MetricsEnabled = v.CloudWatchMetricsEnabled
		}
		x.Rules = append(x.Rules, y)
	}
	sort.SliceStable(x.Rules, func(i, j int) bool { return x.Rules[i].Priority < x.Rules[j].Priority })
}
