package checks

import (
	"testing"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// cloudFrontMoreCases are svc-gaps3's CloudFront cases: E1SHOP (dsDist)
// with its S3 origin bucket "site" in the account unless a case says not.
func cloudFrontMoreCases() map[string][]checkCase {
	noList := dsGap("cloudfront", "", "ListDistributions", "")
	site := func(a *state.Account) { a.S3.Buckets = append(a.S3.Buckets, state.Bucket{Name: "site"}) }
	dist := func(name string, mut func(*state.Distribution), c checkCase, more ...func(*state.Account)) checkCase {
		c.name, c.acct = name, baseAccount(append([]func(*state.Account){dsDist(mut)}, more...)...)
		return c
	}
	failover := func(d *state.Distribution) {
		d.OriginGroups = []state.OriginGroup{{ID: "site-failover", Members: []string{"site", "site-dr"}}}
	}
	lambdaURL := func(oac string) func(*state.Distribution) {
		return func(d *state.Distribution) {
			d.Origins = append(d.Origins, state.DistributionOrigin{ID: "fn", DomainName: "abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-west-1.on.aws",
				ProtocolPolicy: "https-only", SSLProtocols: []string{"TLSv1.2"}, OACID: oac})
		}
	}
	originDomain := func(domain string) func(*state.Distribution) {
		return func(d *state.Distribution) { d.Origins[0].DomainName = domain }
	}
	return map[string][]checkCase{
		"cloudfront_distribution_origin_failover": {
			dist("origin group", failover, checkCase{want: dsWant(dsP), msg: "site and site-dr"}),
			dist("none", nil, checkCase{want: dsWant(dsF), msg: "no origin group"}),
			dist("listing denied", failover, checkCase{want: dsWant(dsU)}, noList),
		},
		"cloudfront_distribution_s3_origin_exists": {
			dist("own bucket, regional endpoint", nil, checkCase{want: dsWant(dsP), msg: "buckets site"}, site),
			dist("own bucket, global endpoint", originDomain("site.s3.amazonaws.com"), checkCase{want: dsWant(dsP)}, site),
			dist("own dotted bucket, legacy regional endpoint", originDomain("www.example.com.s3-eu-west-1.amazonaws.com"), checkCase{want: dsWant(dsP)},
				func(a *state.Account) { a.S3.Buckets = append(a.S3.Buckets, state.Bucket{Name: "www.example.com"}) }),
			dist("not this account's bucket", nil, checkCase{want: dsWant(dsU), msg: "another account"}),
			dist("bucket list denied", nil, checkCase{want: dsWant(dsU), msg: "denied"}, dsGap("s3", "", "ListBuckets", "")),
			dist("name no bucket can have", originDomain("my+site.s3.amazonaws.com"), checkCase{want: dsWant(dsF), msg: "my+site"}, site),
			dist("invalid name even when the bucket list was denied", originDomain("my+site.s3.amazonaws.com"), checkCase{want: dsWant(dsF)}, dsGap("s3", "", "ListBuckets", "")),
			dist("not an S3 endpoint", originDomain("media.example.com"), checkCase{want: dsWant(dsU), msg: "not an S3 bucket endpoint"}, site),
			dist("custom origins only", func(d *state.Distribution) { d.Origins = d.Origins[1:] }, checkCase{want: dsWant(dsNA)}),
			dist("distributions denied", nil, checkCase{want: dsWant(dsU)}, site, noList),
		},
		"cloudfront_distribution_lambda_url_oac": {
			dist("function url with oac", lambdaURL("E3OAC"), checkCase{want: dsWant(dsP)}),
			dist("function url without oac", lambdaURL(""), checkCase{want: dsWant(dsF), msg: "lambda-url"}),
			dist("no function url", nil, checkCase{want: dsWant(dsNA)}),
			dist("listing denied", lambdaURL(""), checkCase{want: dsWant(dsU)}, noList),
		},
	}
}

func TestOriginBucket(t *testing.T) {
	for _, tc := range []struct {
		domain, bucket string
		ok             bool
	}{
		{"site.s3.amazonaws.com", "site", true},
		{"site.s3.eu-west-1.amazonaws.com", "site", true},
		{"site.s3-eu-west-1.amazonaws.com", "site", true},
		{"a.b.c.s3.dualstack.us-east-1.amazonaws.com", "a.b.c", true},
		{"data.s3.cn-north-1.amazonaws.com.cn", "data", true},
		{"Site.S3.amazonaws.com.", "site", true},
		{"site.s3-website-eu-west-1.amazonaws.com", "site", true},
		{"example.com", "", false},
		{"s3.amazonaws.com", "", false},
	} {
		got, ok := originBucket(tc.domain)
		if got != tc.bucket || ok != tc.ok {
			t.Errorf("originBucket(%q) = %q, %v; want %q, %v", tc.domain, got, ok, tc.bucket, tc.ok)
		}
	}
}
