package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// svc-search: Route 53 public hosted zones.

const dsZoneARN = "arn:aws:route53:::hostedzone/Z0PUBLIC"

// dsZone adds public hosted zone example.com. that logs its queries and
// signs its answers; edited by mut.
func dsZone(mut func(z *state.HostedZone)) func(*state.Account) {
	return func(a *state.Account) {
		z := state.HostedZone{Meta: state.Meta{ARN: dsZoneARN}, ID: "Z0PUBLIC", Name: "example.com.", RecordCount: 12,
			QueryLogGroupARN: "arn:aws:logs:us-east-1:" + testAccountID + ":log-group:/aws/route53/example.com",
			DNSSECRead:       true, DNSSECStatus: "SIGNING"}
		if mut != nil {
			mut(&z)
		}
		a.Route53.HostedZones = append(a.Route53.HostedZones, z)
	}
}

func route53Cases() map[string][]checkCase {
	c := func(name string, m func(*state.HostedZone), want []check.Status, msg string, more ...func(*state.Account)) checkCase {
		return checkCase{name: name, acct: baseAccount(append([]func(*state.Account){dsZone(m)}, more...)...), want: want, msg: msg}
	}
	private := func(z *state.HostedZone) {
		z.Private, z.QueryLogGroupARN, z.DNSSECRead, z.DNSSECStatus = true, "", false, ""
	}
	listing := c("listing denied", nil, dsWant(dsU), "ListHostedZones", dsGap("route53", "", "ListHostedZones", ""))
	return map[string][]checkCase{
		"route53_public_zone_query_logging": {
			c("logs queries", nil, dsWant(dsP), "log-group"),
			c("no logging", func(z *state.HostedZone) { z.QueryLogGroupARN = "" }, dsWant(dsF), "logs no DNS queries"),
			c("private zone", private, dsWant(), ""),
			c("logging configs denied", func(z *state.HostedZone) { z.QueryLogGroupARN = "" }, dsWant(dsU), "ListQueryLoggingConfigs",
				dsGap("route53", "", "ListQueryLoggingConfigs", "")),
			listing,
		},
		"route53_public_zone_dnssec": {
			c("signing", nil, dsWant(dsP), "signs"),
			c("not signing", func(z *state.HostedZone) { z.DNSSECStatus = "NOT_SIGNING" }, dsWant(dsF), "NOT_SIGNING"),
			c("action needed", func(z *state.HostedZone) { z.DNSSECStatus = "ACTION_NEEDED" }, dsWant(dsF), "ACTION_NEEDED"),
			c("private zone", private, dsWant(), ""),
			c("not read", func(z *state.HostedZone) { z.DNSSECRead, z.DNSSECStatus = false, "" }, dsWant(dsU), "not reported"),
			c("denied", func(z *state.HostedZone) { z.DNSSECRead, z.DNSSECStatus = false, "" }, dsWant(dsU), "GetDNSSEC",
				dsGap("route53", "", "GetDNSSEC", dsZoneARN)),
			listing,
		},
	}
}
