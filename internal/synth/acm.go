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

// cloudFront generates the account's distributions (global), every field
// the collector reads drawn at random: most behind HTTPS with an ACM
// certificate, some allowing HTTP, with the default certificate, without
// WAF, logging or a root object, with legacy S3 access or plain-HTTP origins.
func (g *gen) cloudFront() {
	n := max(1, count(g.n, "distribution"))
	for k := 0; k < n; k++ {
		id := "E" + g.id("")
		d := state.Distribution{Meta: state.Meta{ARN: "arn:aws:cloudfront::" + g.acct + ":distribution/" + id}, ID: id,
			DomainName: id + ".cloudfront.net", Enabled: g.chance(95),
			Behaviors: []state.CacheBehavior{{PathPattern: "*", ViewerProtocolPolicy: g.pick("redirect-to-https", "redirect-to-https", "https-only", "allow-all")}}}
		if g.coin() {
			d.Behaviors = append(d.Behaviors, state.CacheBehavior{PathPattern: "/api/*", ViewerProtocolPolicy: g.pick("https-only", "allow-all")})
		}
		if g.chance(70) {
			d.Aliases = []string{g.pick("www.", "cdn.", "static.") + id + ".example.com"}
			d.CertificateSource, d.CertificateARN = "acm", g.arn("acm", "us-east-1", "certificate/"+g.id(""))
			d.SSLSupportMethod = g.pick("sni-only", "sni-only", "sni-only", "vip")
			d.MinimumProtocolVersion = g.pick("TLSv1.2_2021", "TLSv1.2_2021", "TLSv1.2_2019", "TLSv1.1_2016")
		} else {
			d.CertificateSource, d.MinimumProtocolVersion = "cloudfront", "TLSv1"
		}
		if g.chance(60) {
			d.WebACLID = g.arn("wafv2", "us-east-1", "global/webacl/edge/"+g.id(""))
		}
		if g.chance(50) {
			d.DefaultRootObject = "index.html"
		}
		if g.chance(40) {
			d.Logging, d.LoggingBucket = true, "logs-"+g.id("")+".s3.amazonaws.com"
		}
		if g.chance(70) {
			o := state.DistributionOrigin{ID: "s3", DomainName: g.id("site-") + ".s3.us-east-1.amazonaws.com", S3: true}
			switch g.rng.IntN(3) {
			case 0, 1:
				o.OACID = "E" + g.id("")
			default:
				if g.coin() {
					o.OAI = "origin-access-identity/cloudfront/E" + g.id("")
				}
			}
			d.Origins = append(d.Origins, o)
		}
		if len(d.Origins) == 0 || g.coin() {
			d.Origins = append(d.Origins, state.DistributionOrigin{ID: "app", DomainName: g.id("app-") + ".example.com",
				ProtocolPolicy: g.pick("https-only", "https-only", "match-viewer", "http-only"),
				SSLProtocols:   []string{"TLSv1.2"}})
			if g.chance(10) {
				d.Origins[len(d.Origins)-1].SSLProtocols = []string{"SSLv3", "TLSv1", "TLSv1.2"}
			}
		}
		g.a.CloudFront.Distributions = append(g.a.CloudFront.Distributions, d)
	}
}
