package aws

import (
	"context"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// buildRoute53 creates the account's hosted zones (svc-search, global, so
// once, in the home region): public logged.example. with a query logging
// configuration, public plain.example. without one, and private
// internal.example. in vpc.
func buildRoute53(ctx context.Context, cfg sdk.Config, vpc string) {
	c := route53.NewFromConfig(cfg)
	zone := func(name string, private bool) string {
		in := &route53.CreateHostedZoneInput{Name: sdk.String(name), CallerReference: sdk.String(name)}
		if private {
			in.HostedZoneConfig = &r53types.HostedZoneConfig{PrivateZone: true}
			in.VPC = &r53types.VPC{VPCId: sdk.String(vpc), VPCRegion: r53types.VPCRegion(homeRegion)}
		}
		return *must(c.CreateHostedZone(ctx, in)).HostedZone.Id
	}
	logged := zone("logged.example.", false)
	zone("plain.example.", false)
	zone("internal.example.", true)
	lc := cloudwatchlogs.NewFromConfig(cfg)
	must(lc.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: sdk.String("/aws/route53/logged.example")}))
	must(c.CreateQueryLoggingConfig(ctx, &route53.CreateQueryLoggingConfigInput{HostedZoneId: sdk.String(logged),
		CloudWatchLogsLogGroupArn: sdk.String(route53LogGroup)}))
}

const route53LogGroup = "arn:aws:logs:" + homeRegion + ":" + motoAccount + ":log-group:/aws/route53/logged.example:*"

// TestMotoRoute53: the zones are listed with their kind, the query logging
// configuration joins its zone, and GetDNSSEC is read for public zones
// only (this moto answers NOT_SIGNING for every zone).
func TestMotoRoute53(t *testing.T) {
	_, res := collected(t)
	byName := func(x state.HostedZone) string { return x.Name }
	logged := find(t, "zone", res.Account.Route53.HostedZones, byName, "logged.example.")
	plain := find(t, "zone", res.Account.Route53.HostedZones, byName, "plain.example.")
	internal := find(t, "zone", res.Account.Route53.HostedZones, byName, "internal.example.")
	eq(t, "arn", logged.ARN, "arn:aws:route53:::hostedzone/"+logged.ID)
	eq(t, "logged public", logged.Private, false)
	eq(t, "logged group", logged.QueryLogGroupARN, route53LogGroup)
	eq(t, "plain group", plain.QueryLogGroupARN, "")
	eq(t, "internal private", internal.Private, true)
	eq(t, "dnssec read (public)", logged.DNSSECRead && plain.DNSSECRead, true)
	eq(t, "dnssec status", plain.DNSSECStatus, "NOT_SIGNING")
	eq(t, "dnssec read (private)", internal.DNSSECRead, false)
}
