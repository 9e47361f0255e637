package builder

import (
	"time"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// acm adds Alpenglow's certificates: the Frankfurt API's Amazon-issued
// certificate renews itself; the Irish DR load balancer serves a
// certificate imported from the old CA that expires in 12 days; the US
// marketing stack still holds an imported 1,024-bit promo certificate; an
// EC certificate for the internal ingest name opted out of transparency
// logging; and the UAE pilot's certificate never finished validation.
func (x *b) acm() {
	fra, dub, iad, dxb := "eu-central-1", "eu-west-1", "us-east-1", "me-central-1"
	at := func(daysFromNow int) *time.Time { t := Now.AddDate(0, 0, daysFromNow).Truncate(time.Hour); return &t }
	amazon := func(c state.Certificate) state.Certificate {
		c.Type, c.Status, c.RenewalEligibility = "AMAZON_ISSUED", "ISSUED", "ELIGIBLE"
		if c.TransparencyLogging == "" {
			c.TransparencyLogging = "ENABLED"
		}
		return c
	}
	x.a.ACM.Certificates = append(x.a.ACM.Certificates,
		amazon(state.Certificate{Meta: state.Meta{ARN: acmFra, Region: fra}, DomainName: "api.alpenglow.example", KeyAlgorithm: "RSA_2048",
			InUse: true, NotBefore: at(-140), NotAfter: at(255)}),
		amazon(state.Certificate{Meta: state.Meta{ARN: x.arn("acm", fra, "certificate/5b1c0000-0000-4000-8000-0000000000a2"), Region: fra},
			DomainName: "ingest.corp.alpenglow.example", KeyAlgorithm: "EC_prime256v1", NotBefore: at(-30), NotAfter: at(365),
			TransparencyLogging: "DISABLED"}),
		state.Certificate{Meta: state.Meta{ARN: x.arn("acm", dub, "certificate/5b1c0000-0000-4000-8000-0000000000b2"), Region: dub},
			DomainName: "dr-api.alpenglow.example", Type: "IMPORTED", Status: "ISSUED", KeyAlgorithm: "RSA_2048", InUse: true,
			NotBefore: at(-353), NotAfter: at(12), RenewalEligibility: "INELIGIBLE"},
		state.Certificate{Meta: state.Meta{ARN: x.arn("acm", iad, "certificate/5b1c0000-0000-4000-8000-0000000000c3"), Region: iad},
			DomainName: "promo.alpenglow.example", Type: "IMPORTED", Status: "ISSUED", KeyAlgorithm: "RSA_1024", InUse: true,
			NotBefore: at(-200), NotAfter: at(165), RenewalEligibility: "INELIGIBLE"},
		state.Certificate{Meta: state.Meta{ARN: x.arn("acm", dxb, "certificate/5b1c0000-0000-4000-8000-0000000000d4"), Region: dxb},
			DomainName: "pilot.alpenglow.example", Type: "AMAZON_ISSUED", Status: "PENDING_VALIDATION", KeyAlgorithm: "RSA_2048",
			RenewalEligibility: "INELIGIBLE", TransparencyLogging: "ENABLED"},
	)
}
