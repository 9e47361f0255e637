package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// route53 adds Alpenglow's hosted zones (svc-search): the company's
// alpenglow.example, logging its queries to us-east-1 and signed with
// DNSSEC; the agency's campaign domain, public, neither logged nor signed;
// and the private zone the Frankfurt VPC resolves internal names in.
func (x *b) route53() {
	zone := func(id, name string, private bool, records int, group, dnssec string) state.HostedZone {
		return state.HostedZone{Meta: state.Meta{ARN: "arn:aws:route53:::hostedzone/" + id}, ID: id, Name: name, Private: private,
			RecordCount: records, QueryLogGroupARN: group, DNSSECRead: !private, DNSSECStatus: dnssec}
	}
	x.a.Route53.HostedZones = append(x.a.Route53.HostedZones,
		zone("Z0A1F00000ALPEN", "alpenglow.example.", false, 42, x.arn("logs", "us-east-1", "log-group:/aws/route53/alpenglow.example:*"), "SIGNING"),
		zone("Z0A1F000000MKTG", "alpenglow-summer-campaign.example.", false, 9, "", "NOT_SIGNING"),
		zone("Z0A1F00000INTRA", "alpenglow.internal.", true, 27, "", ""),
	)
}
