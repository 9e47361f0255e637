package aws

import (
	"context"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	nfw "github.com/aws/aws-sdk-go-v2/service/networkfirewall"
	nfwtypes "github.com/aws/aws-sdk-go-v2/service/networkfirewall/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// buildNetworkFirewall (svc-netfw) creates firewall "egress" in the
// region's subnet, under policy "egress-policy": when secure it sends
// alert and flow logs to CloudWatch Logs and an S3 bucket; otherwise it
// logs nothing. This moto turns deletion and subnet change protection on
// whenever a request leaves them out, and the SDK leaves out every false
// bool, so both firewalls are protected (the fake and the checks' cases
// cover unprotected ones). It serves no policies or rule groups (the stub
// endpoint does).
func buildNetworkFirewall(ctx context.Context, cfg sdk.Config, r string, secure bool, vpcID, subnetID string) {
	c := nfw.NewFromConfig(cfg)
	fw := must(c.CreateFirewall(ctx, &nfw.CreateFirewallInput{FirewallName: sdk.String("egress"), VpcId: sdk.String(vpcID),
		FirewallPolicyArn: sdk.String("arn:aws:network-firewall:" + r + ":" + motoAccount + ":firewall-policy/egress-policy"),
		SubnetMappings:    []nfwtypes.SubnetMapping{{SubnetId: sdk.String(subnetID)}},
		Tags:              []nfwtypes.Tag{{Key: sdk.String("owner"), Value: sdk.String("network")}}}))
	if secure {
		must(c.UpdateLoggingConfiguration(ctx, &nfw.UpdateLoggingConfigurationInput{FirewallArn: fw.Firewall.FirewallArn,
			LoggingConfiguration: &nfwtypes.LoggingConfiguration{LogDestinationConfigs: []nfwtypes.LogDestinationConfig{
				{LogType: nfwtypes.LogTypeAlert, LogDestinationType: nfwtypes.LogDestinationTypeCloudwatchLogs,
					LogDestination: map[string]string{"logGroup": "/network-firewall/egress/alert"}},
				{LogType: nfwtypes.LogTypeFlow, LogDestinationType: nfwtypes.LogDestinationTypeS3,
					LogDestination: map[string]string{"bucketName": "firewall-logs-" + r}},
			}}}))
	}
}

// TestMotoNetworkFirewall: the listing, each firewall's description and its
// logging configuration are read back with what the checks judge, in every
// region; the policy and rule group listings moto lacks are gaps, never an
// empty account.
func TestMotoNetworkFirewall(t *testing.T) {
	_, res := collected(t)
	a := res.Account
	for _, r := range scenarioRegions {
		secure := r == secureRegion
		t.Run(r, func(t *testing.T) {
			f := find(t, "firewall", a.NetworkFirewall.Firewalls, func(x state.Firewall) string { return x.Region + "/" + x.Name }, r+"/egress")
			eq(t, "arn", f.ARN, "arn:aws:network-firewall:"+r+":"+motoAccount+":firewall/egress")
			eq(t, "described", f.Described, true)
			eq(t, "policy", f.PolicyARN, "arn:aws:network-firewall:"+r+":"+motoAccount+":firewall-policy/egress-policy")
			eq(t, "vpc set", f.VPCID != "", true)
			eq(t, "subnets", len(f.SubnetIDs), 1)
			eq(t, "delete protection (moto's default)", f.DeleteProtection, true)
			eq(t, "subnet change protection (moto's default)", f.SubnetChangeProtection, true)
			eq(t, "owner tag", f.Tags["owner"], "network")
			eq(t, "logging read", f.LoggingRead, true)
			eq(t, "logs", f.Logs(), secure)
			if secure {
				sameSet(t, "log types", f.LogTypes, []string{"ALERT", "FLOW"})
				sameSet(t, "log destinations", f.LogDestinations, []string{"CloudWatchLogs", "S3"})
			}
			for _, op := range []string{"ListFirewallPolicies", "ListRuleGroups"} {
				g, ok := a.Gaps.Find("network-firewall", r, op, "")
				eq(t, op+" gap", ok, true)
				eq(t, op+" reason", g.Reason, state.ReasonNotImplemented)
			}
		})
	}
	eq(t, "no policies", len(a.NetworkFirewall.Policies), 0)
	eq(t, "no rule groups", len(a.NetworkFirewall.RuleGroups), 0)
}
