package checks

import (
	"github.com/shoulder-dev/shoulder/internal/state"
)

const dsDistARN = "arn:aws:cloudfront::" + testAccountID + ":distribution/E1SHOP"

// dsDist adds distribution E1SHOP for shop.example.com, configured well
// (HTTPS viewers, ACM certificate with SNI and TLSv1.2_2021, WAF, logging,
// a root object, an S3 origin with OAC and an HTTPS-only custom origin),
// edited by mut.
func dsDist(mut func(d *state.Distribution)) func(*state.Account) {
	return func(a *state.Account) {
		d := state.Distribution{Meta: state.Meta{ARN: dsDistARN}, ID: "E1SHOP", DomainName: "d111.cloudfront.net", Aliases: []string{"shop.example.com"},
			Enabled:   true,
			Behaviors: []state.CacheBehavior{{PathPattern: "*", ViewerProtocolPolicy: "redirect-to-https"}, {PathPattern: "/api/*", ViewerProtocolPolicy: "https-only"}},
			Origins: []state.DistributionOrigin{{ID: "site", DomainName: "site.s3.eu-west-1.amazonaws.com", S3: true, OACID: "E2OAC"},
				{ID: "api", DomainName: "api.example.com", ProtocolPolicy: "https-only", SSLProtocols: []string{"TLSv1.2"}}},
			CertificateSource: "acm", CertificateARN: "arn:aws:acm:us-east-1:" + testAccountID + ":certificate/abc", SSLSupportMethod: "sni-only",
			MinimumProtocolVersion: "TLSv1.2_2021", WebACLID: "arn:aws:wafv2:us-east-1:" + testAccountID + ":global/webacl/edge/1",
			DefaultRootObject: "index.html", Logging: true, LoggingBucket: "logs.s3.amazonaws.com"}
		if mut != nil {
			mut(&d)
		}
		a.CloudFront.Distributions = append(a.CloudFront.Distributions, d)
	}
}

func cloudFrontCases() map[string][]checkCase {
	noList := dsGap("cloudfront", "", "ListDistributions", "")
	noConfig := dsGap("cloudfront", "", "GetDistributionConfig", dsDistARN)
	dist := func(name string, mut func(*state.Distribution), c checkCase) checkCase {
		c.name, c.acct = name, baseAccount(dsDist(mut))
		return c
	}
	listDenied := checkCase{name: "listing denied", acct: baseAccount(dsDist(nil), noList), want: dsWant(dsU)}
	defaultCert := func(d *state.Distribution) {
		d.CertificateSource, d.CertificateARN, d.SSLSupportMethod, d.MinimumProtocolVersion = "cloudfront", "", "", "TLSv1"
	}
	custom := func(mut func(o *state.DistributionOrigin)) func(*state.Distribution) {
		return func(d *state.Distribution) { mut(&d.Origins[1]) }
	}
	return map[string][]checkCase{
		"cloudfront_distribution_viewer_https": {
			dist("redirect and https-only", nil, checkCase{want: dsWant(dsP)}),
			dist("one behaviour allows http", func(d *state.Distribution) { d.Behaviors[1].ViewerProtocolPolicy = "allow-all" }, checkCase{want: dsWant(dsF), msg: "/api/*"}),
			dist("no behaviour reported", func(d *state.Distribution) { d.Behaviors = nil }, checkCase{want: dsWant(dsU)}),
			listDenied,
		},
		"cloudfront_distribution_default_root_object": {
			dist("index.html", nil, checkCase{want: dsWant(dsP)}),
			dist("none", func(d *state.Distribution) { d.DefaultRootObject = "" }, checkCase{want: dsWant(dsF)}),
			{name: "config denied", acct: baseAccount(dsDist(func(d *state.Distribution) { d.DefaultRootObject = "" }), noConfig), want: dsWant(dsU)},
			listDenied,
		},
		"cloudfront_distribution_logging": {
			dist("on", nil, checkCase{want: dsWant(dsP), msg: "logs.s3"}),
			dist("off", func(d *state.Distribution) { d.Logging, d.LoggingBucket = false, "" }, checkCase{want: dsWant(dsF)}),
			{name: "config denied", acct: baseAccount(dsDist(func(d *state.Distribution) { d.Logging = false }), noConfig), want: dsWant(dsU)},
			listDenied,
		},
		"cloudfront_distribution_waf": {
			dist("web acl", nil, checkCase{want: dsWant(dsP)}),
			dist("none", func(d *state.Distribution) { d.WebACLID = "" }, checkCase{want: dsWant(dsF)}),
			listDenied,
		},
		"cloudfront_distribution_custom_certificate": {
			dist("acm", nil, checkCase{want: dsWant(dsP)}),
			dist("default", defaultCert, checkCase{want: dsWant(dsF)}),
			dist("not reported", func(d *state.Distribution) { d.CertificateSource = "" }, checkCase{want: dsWant(dsU)}),
			listDenied,
		},
		"cloudfront_distribution_sni": {
			dist("sni", nil, checkCase{want: dsWant(dsP)}),
			dist("dedicated ip", func(d *state.Distribution) { d.SSLSupportMethod = "vip" }, checkCase{want: dsWant(dsF)}),
			dist("default certificate", defaultCert, checkCase{want: dsWant(dsNA)}),
			dist("not reported", func(d *state.Distribution) { d.SSLSupportMethod = "" }, checkCase{want: dsWant(dsU)}),
			listDenied,
		},
		"cloudfront_distribution_tls_policy": {
			dist("2021", nil, checkCase{want: dsWant(dsP)}),
			dist("1.3 2025", func(d *state.Distribution) { d.MinimumProtocolVersion = "TLSv1.3_2025" }, checkCase{want: dsWant(dsP)}),
			dist("2019", func(d *state.Distribution) { d.MinimumProtocolVersion = "TLSv1.2_2019" }, checkCase{want: dsWant(dsF), msg: "TLSv1.2_2019"}),
			dist("default certificate", defaultCert, checkCase{want: dsWant(dsNA)}),
			dist("not reported", func(d *state.Distribution) { d.MinimumProtocolVersion = "" }, checkCase{want: dsWant(dsU)}),
			listDenied,
		},
		"cloudfront_distribution_origin_https": {
			dist("https-only", nil, checkCase{want: dsWant(dsP)}),
			dist("http-only", custom(func(o *state.DistributionOrigin) { o.ProtocolPolicy = "http-only" }), checkCase{want: dsWant(dsF), msg: "api (http-only)"}),
			dist("match-viewer, viewers on https", custom(func(o *state.DistributionOrigin) { o.ProtocolPolicy = "match-viewer" }), checkCase{want: dsWant(dsP)}),
			dist("match-viewer, viewers on http", func(d *state.Distribution) {
				d.Origins[1].ProtocolPolicy, d.Behaviors[0].ViewerProtocolPolicy = "match-viewer", "allow-all"
			}, checkCase{want: dsWant(dsF), msg: "match-viewer"}),
			dist("s3 only", func(d *state.Distribution) { d.Origins = d.Origins[:1] }, checkCase{want: dsWant(dsNA)}),
			dist("not reported", custom(func(o *state.DistributionOrigin) { o.ProtocolPolicy = "" }), checkCase{want: dsWant(dsU)}),
			listDenied,
		},
		"cloudfront_distribution_origin_no_ssl": {
			dist("tls 1.2", nil, checkCase{want: dsWant(dsP)}),
			dist("sslv3 allowed", custom(func(o *state.DistributionOrigin) { o.SSLProtocols = []string{"SSLv3", "TLSv1", "TLSv1.2"} }), checkCase{want: dsWant(dsF), msg: "SSLv3"}),
			dist("http-only is the other check's", custom(func(o *state.DistributionOrigin) { o.ProtocolPolicy, o.SSLProtocols = "http-only", []string{"SSLv3"} }), checkCase{want: dsWant(dsP)}),
			dist("s3 only", func(d *state.Distribution) { d.Origins = d.Origins[:1] }, checkCase{want: dsWant(dsNA)}),
			dist("not reported", custom(func(o *state.DistributionOrigin) { o.SSLProtocols = nil }), checkCase{want: dsWant(dsU)}),
			listDenied,
		},
		"cloudfront_distribution_s3_origin_oac": {
			dist("oac", nil, checkCase{want: dsWant(dsP)}),
			dist("legacy oai", func(d *state.Distribution) {
				d.Origins[0].OACID, d.Origins[0].OAI = "", "origin-access-identity/cloudfront/E3OAI"
			}, checkCase{want: dsWant(dsF), msg: "legacy"}),
			dist("public bucket", func(d *state.Distribution) { d.Origins[0].OACID = "" }, checkCase{want: dsWant(dsF), msg: "readable by everyone"}),
			dist("custom only", func(d *state.Distribution) { d.Origins = d.Origins[1:] }, checkCase{want: dsWant(dsNA)}),
			listDenied,
		},
	}
}
