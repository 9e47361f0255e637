package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// cloudFront adds Alpenglow's distributions: the shop front in front of a
// Frankfurt bucket is set up as it should be; the US marketing promo site
// serves the imported 1,024-bit certificate from dedicated IPs with an old
// TLS policy, lets viewers use HTTP on its assets, reaches its bucket with
// a legacy origin access identity and its landing-page server over plain
// HTTP, and has neither WAF, logs nor a root object; the API docs use the
// default certificate and still offer SSLv3 to their origin.
func (x *b) cloudFront() {
	dist := func(id string) string { return "arn:aws:cloudfront::" + AccountID + ":distribution/" + id }
	x.a.CloudFront.Distributions = append(x.a.CloudFront.Distributions,
		state.Distribution{Meta: state.Meta{ARN: dist("E2ALPSHOP0001")}, ID: "E2ALPSHOP0001", DomainName: "d2alpshop0001.cloudfront.net",
			Aliases: []string{"www.alpenglow.example"}, Enabled: true,
			Behaviors: []state.CacheBehavior{{PathPattern: "*", ViewerProtocolPolicy: "redirect-to-https"}},
			Origins: []state.DistributionOrigin{{ID: "shop-site", DomainName: "alpenglow-shop-site.s3.eu-central-1.amazonaws.com", S3: true,
				OACID: "E1ALPOAC00001"}},
			CertificateSource: "acm", CertificateARN: x.arn("acm", "us-east-1", "certificate/5b1c0000-0000-4000-8000-0000000000e5"),
			SSLSupportMethod: "sni-only", MinimumProtocolVersion: "TLSv1.2_2021",
			WebACLID:          x.arn("wafv2", "us-east-1", "global/webacl/edge-protection/7a1c2d3e"),
			DefaultRootObject: "index.html", Logging: true, LoggingBucket: "alpenglow-access-logs.s3.amazonaws.com"},
		state.Distribution{Meta: state.Meta{ARN: dist("E3ALPPROMO002")}, ID: "E3ALPPROMO002", DomainName: "d3alppromo002.cloudfront.net",
			Aliases: []string{"promo.alpenglow.example"}, Enabled: true,
			Behaviors: []state.CacheBehavior{{PathPattern: "*", ViewerProtocolPolicy: "redirect-to-https"}, {PathPattern: "/assets/*", ViewerProtocolPolicy: "allow-all"}},
			Origins: []state.DistributionOrigin{
				{ID: "promo-assets", DomainName: "alpenglow-promo-assets.s3.us-east-1.amazonaws.com", S3: true, OAI: "origin-access-identity/cloudfront/E9ALPOAI0003"},
				{ID: "landing", DomainName: "landing.marketing.alpenglow.example", ProtocolPolicy: "http-only", SSLProtocols: []string{"TLSv1", "TLSv1.1", "TLSv1.2"}},
			},
			CertificateSource: "acm", CertificateARN: x.arn("acm", "us-east-1", "certificate/5b1c0000-0000-4000-8000-0000000000c3"),
			SSLSupportMethod: "vip", MinimumProtocolVersion: "TLSv1.1_2016"},
		// The API docs, on the cloudfront.net name, in front of the Irish DR
		// load balancer: HTTPS to it, but SSLv3 still offered.
		state.Distribution{Meta: state.Meta{ARN: dist("E4ALPDOCS0003")}, ID: "E4ALPDOCS0003", DomainName: "d4alpdocs0003.cloudfront.net", Enabled: true,
			Behaviors: []state.CacheBehavior{{PathPattern: "*", ViewerProtocolPolicy: "https-only"}},
			Origins: []state.DistributionOrigin{{ID: "dr-api", DomainName: "dr-api-eu-west-1.elb.amazonaws.com", ProtocolPolicy: "https-only",
				SSLProtocols: []string{"SSLv3", "TLSv1", "TLSv1.2"}}},
			CertificateSource: "cloudfront", MinimumProtocolVersion: "TLSv1",
			DefaultRootObject: "index.html", Logging: true, LoggingBucket: "alpenglow-access-logs.s3.amazonaws.com"},
	)
}
