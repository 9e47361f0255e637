package synth

import (
	"time"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// acm generates region r's ACM certificates (about one per load
// balancer), every field the collector reads drawn at random: mostly
// Amazon-issued RSA_2048, some imported (a few with 1,024-bit keys), some
// EC, a few expiring, expired or still pending validation. Certificates
// carry no tags (the collector reads none).
func (g *gen) acm(r string) {
	n := max(1, count(g.n, "certificate")/len(g.regions))
	for k := 0; k < n; k++ {
		id := g.id("")
		c := state.Certificate{Meta: state.Meta{ARN: g.arn("acm", r, "certificate/"+id), Region: r},
			DomainName: g.pick("www.", "api.", "shop.", "") + id + ".example.com", Type: "AMAZON_ISSUED", Status: "ISSUED",
			KeyAlgorithm: g.pick("RSA_2048", "RSA_2048", "RSA_2048", "EC_prime256v1", "RSA_4096"), InUse: g.chance(70),
			RenewalEligibility: "ELIGIBLE", TransparencyLogging: "ENABLED"}
		if g.chance(20) {
			c.Type, c.RenewalEligibility, c.TransparencyLogging = "IMPORTED", "INELIGIBLE", ""
			if g.chance(20) {
				c.KeyAlgorithm = "RSA_1024"
			}
		}
		if c.Type == "AMAZON_ISSUED" && g.chance(5) {
			c.TransparencyLogging = "DISABLED"
		}
		// Whole hours from Epoch: -60..+395 days left.
		end := Epoch.Add(time.Duration(g.rng.IntN(456*24)-60*24) * time.Hour)
		start := end.Add(-395 * 24 * time.Hour)
		c.NotBefore, c.NotAfter = &start, &end
		switch {
		case !end.After(Epoch):
			c.Status = "EXPIRED"
		case g.chance(5):
			c.Status, c.NotBefore, c.NotAfter, c.RenewalEligibility = "PENDING_VALIDATION", nil, nil, "INELIGIBLE"
		}
		g.a.ACM.Certificates = append(g.a.ACM.Certificates, c)
	}
}
