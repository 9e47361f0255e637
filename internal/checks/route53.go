package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// route53Checks are the customer's duties on Route 53 public hosted zones
// (svc-search): AWS answers the queries from its anycast name servers, but
// whether the zone's queries are logged and whether its answers are
// signed (DNSSEC) are the zone owner's settings. Private zones answer only
// inside their VPCs and are not judged here.
func route53Checks() []check.Check {
	return []check.Check{
		publicZoneCheck("route53_public_zone_query_logging", state.InputRoute53QueryLogging, zoneQueryLogging),
		publicZoneCheck("route53_public_zone_dnssec", state.InputRoute53DNSSEC, zoneDNSSEC),
	}
}

// publicZoneCheck judges every public hosted zone; when the one global
// listing failed it answers one unknown for the account, and a zone whose
// read (input) failed is unknown with that gap.
func publicZoneCheck(id string, read state.Input, judge func(z state.HostedZone) check.Result) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			if g, ok := listingGap(a, "", state.InputRoute53Zones); ok {
				return []check.Result{check.GapR(accountRef(a), g)}
			}
			var out []check.Result
			for _, z := range a.Route53.HostedZones {
				if z.Private {
					continue
				}
				if g, ok := a.Gaps.ForInput(read, "", z.ARN); ok {
					out = append(out, check.GapR(z, g))
					continue
				}
				out = append(out, judge(z))
			}
			return out
		},
	}
}

// zoneQueryLogging is FSBP Route53.2.
func zoneQueryLogging(z state.HostedZone) check.Result {
	if z.QueryLogGroupARN == "" {
		return check.FailR(z, "public hosted zone %s logs no DNS queries", z.Name)
	}
	return check.PassR(z, "public hosted zone %s logs its DNS queries to %s", z.Name, z.QueryLogGroupARN)
}

// zoneDNSSEC: the zone's answers are signed (a catalog duty; FSBP has no
// control for it).
func zoneDNSSEC(z state.HostedZone) check.Result {
	switch {
	case !z.DNSSECRead:
		return check.UnknownR(z, "public hosted zone %s's DNSSEC status was not reported", z.Name)
	case z.DNSSECStatus == "SIGNING":
		return check.PassR(z, "public hosted zone %s signs its answers with DNSSEC", z.Name)
	}
	return check.FailR(z, "public hosted zone %s does not sign its answers with DNSSEC (%s)", z.Name, orDefault(z.DNSSECStatus, "no status"))
}
