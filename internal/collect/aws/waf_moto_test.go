package aws

import (
	"context"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/wafv2"
	waftypes "github.com/aws/aws-sdk-go-v2/service/wafv2/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// buildWAF creates, in the home region (us-east-1), a REGIONAL web ACL
// "guarded" (a managed rule group with metrics, a rate rule without, BLOCK
// by default, logging to a log group) and a CLOUDFRONT web ACL "edge-empty"
// with no rules and no logging. buildAPIGateway adds the rule-less
// REGIONAL "api".
func buildWAF(ctx context.Context, cfg sdk.Config) {
	w := wafv2.NewFromConfig(cfg)
	vis := func(on bool, name string) *waftypes.VisibilityConfig {
		return &waftypes.VisibilityConfig{CloudWatchMetricsEnabled: on, MetricName: sdk.String(name), SampledRequestsEnabled: true}
	}
	g := must(w.CreateWebACL(ctx, &wafv2.CreateWebACLInput{Name: sdk.String("guarded"), Scope: waftypes.ScopeRegional,
		DefaultAction: &waftypes.DefaultAction{Block: &waftypes.BlockAction{}}, VisibilityConfig: vis(true, "guarded"),
		Rules: []waftypes.Rule{
			{Name: sdk.String("common"), Priority: 1, OverrideAction: &waftypes.OverrideAction{None: &waftypes.NoneAction{}}, VisibilityConfig: vis(true, "common"),
				Statement: &waftypes.Statement{ManagedRuleGroupStatement: &waftypes.ManagedRuleGroupStatement{VendorName: sdk.String("AWS"), Name: sdk.String("AWSManagedRulesCommonRuleSet")}}},
			{Name: sdk.String("rate"), Priority: 0, Action: &waftypes.RuleAction{Block: &waftypes.BlockAction{}}, VisibilityConfig: vis(false, "rate"),
				Statement: &waftypes.Statement{RateBasedStatement: &waftypes.RateBasedStatement{Limit: sdk.Int64(2000), AggregateKeyType: waftypes.RateBasedStatementAggregateKeyTypeIp}}},
		}}))
	must(w.PutLoggingConfiguration(ctx, &wafv2.PutLoggingConfigurationInput{LoggingConfiguration: &waftypes.LoggingConfiguration{
		ResourceArn:           g.Summary.ARN,
		LogDestinationConfigs: []string{"arn:aws:logs:" + cfg.Region + ":" + motoAccount + ":log-group:aws-waf-logs-guarded"}}}))
	must(w.CreateWebACL(ctx, &wafv2.CreateWebACLInput{Name: sdk.String("edge-empty"), Scope: waftypes.ScopeCloudfront,
		DefaultAction: &waftypes.DefaultAction{Allow: &waftypes.AllowAction{}}, VisibilityConfig: vis(false, "edge")}))
}

// TestMotoWAF: the REGIONAL web ACLs with their rules (by priority),
// metrics, default action and logging, and the CLOUDFRONT one, read in
// us-east-1 under its own scope, are read back.
func TestMotoWAF(t *testing.T) {
	_, res := collected(t)
	a := res.Account
	name := func(x state.WebACL) string { return x.Name }
	g := find(t, "guarded web ACL", a.WAF.WebACLs, name, "guarded")
	eq(t, "guarded scope", g.Scope, "REGIONAL")
	eq(t, "guarded default", g.DefaultAction, "BLOCK")
	eq(t, "guarded metrics", g.MetricsEnabled, true)
	if len(g.Rules) != 2 || g.Rules[0].Name != "rate" || g.Rules[0].MetricsEnabled || g.Rules[0].RuleGroup ||
		g.Rules[1].Name != "common" || !g.Rules[1].MetricsEnabled || !g.Rules[1].RuleGroup {
		t.Errorf("guarded rules %+v, want rate (no metrics) then the common rule group (metrics)", g.Rules)
	}
	sameSet(t, "guarded logging", g.LogDestinations, []string{"arn:aws:logs:" + homeRegion + ":" + motoAccount + ":log-group:aws-waf-logs-guarded"})
	api := find(t, "api web ACL", a.WAF.WebACLs, name, "api")
	eq(t, "api rules", len(api.Rules), 0)
	eq(t, "api logging", len(api.LogDestinations), 0)
	e := find(t, "edge web ACL", a.WAF.WebACLs, name, "edge-empty")
	eq(t, "edge scope", e.Scope, "CLOUDFRONT")
	eq(t, "edge region", e.Region, "us-east-1")
	eq(t, "edge default", e.DefaultAction, "ALLOW")
	eq(t, "edge rules", len(e.Rules), 0)
}
