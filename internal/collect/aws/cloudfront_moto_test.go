package aws

import (
	"context"
	"strings"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	cftypes "github.com/aws/aws-sdk-go-v2/service/cloudfront/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// buildCloudFront creates two distributions: "secure" (an S3 origin,
// HTTPS viewers, an ACM certificate with SNI and TLSv1.2_2021, a web ACL,
// a root object and logging) and "legacy" (a plain-HTTP custom origin
// that allows SSLv3, HTTP viewers, the default certificate, nothing else).
func buildCloudFront(ctx context.Context, cfg sdk.Config) {
	c := cloudfront.NewFromConfig(cfg)
	behavior := func(origin string, vpp cftypes.ViewerProtocolPolicy) *cftypes.DefaultCacheBehavior {
		return &cftypes.DefaultCacheBehavior{TargetOriginId: sdk.String(origin), ViewerProtocolPolicy: vpp,
			CachePolicyId: sdk.String("658327ea-f89d-4fab-a63d-7e88639e58f6")}
	}
	must(c.CreateDistribution(ctx, &cloudfront.CreateDistributionInput{DistributionConfig: &cftypes.DistributionConfig{
		CallerReference: sdk.String("secure"), Comment: sdk.String("secure"), Enabled: sdk.Bool(true),
		Aliases:           &cftypes.Aliases{Quantity: sdk.Int32(1), Items: []string{"shop.example.com"}},
		DefaultRootObject: sdk.String("index.html"),
		Origins: &cftypes.Origins{Quantity: sdk.Int32(1), Items: []cftypes.Origin{{Id: sdk.String("site"), DomainName: sdk.String("site.s3.us-east-1.amazonaws.com"),
			S3OriginConfig: &cftypes.S3OriginConfig{OriginAccessIdentity: sdk.String("")}}}},
		DefaultCacheBehavior: behavior("site", cftypes.ViewerProtocolPolicyRedirectToHttps),
		Logging: &cftypes.LoggingConfig{Enabled: sdk.Bool(true), Bucket: sdk.String("logs.s3.amazonaws.com"), Prefix: sdk.String("cf/"),
			IncludeCookies: sdk.Bool(false)},
		ViewerCertificate: &cftypes.ViewerCertificate{ACMCertificateArn: sdk.String("arn:aws:acm:us-east-1:" + motoAccount + ":certificate/edge"),
			SSLSupportMethod: cftypes.SSLSupportMethodSniOnly, MinimumProtocolVersion: cftypes.MinimumProtocolVersionTLSv122021},
		WebACLId: sdk.String("arn:aws:wafv2:us-east-1:" + motoAccount + ":global/webacl/edge/1"),
	}}))
	must(c.CreateDistribution(ctx, &cloudfront.CreateDistributionInput{DistributionConfig: &cftypes.DistributionConfig{
		CallerReference: sdk.String("legacy"), Comment: sdk.String("legacy"), Enabled: sdk.Bool(true),
		Origins: &cftypes.Origins{Quantity: sdk.Int32(1), Items: []cftypes.Origin{{Id: sdk.String("app"), DomainName: sdk.String("app.example.com"),
			CustomOriginConfig: &cftypes.CustomOriginConfig{HTTPPort: sdk.Int32(80), HTTPSPort: sdk.Int32(443), OriginProtocolPolicy: cftypes.OriginProtocolPolicyHttpOnly,
				OriginSslProtocols: &cftypes.OriginSslProtocols{Quantity: sdk.Int32(2), Items: []cftypes.SslProtocol{cftypes.SslProtocolSSLv3, cftypes.SslProtocolTLSv1}}}}}},
		DefaultCacheBehavior: behavior("app", cftypes.ViewerProtocolPolicyAllowAll),
		ViewerCertificate:    &cftypes.ViewerCertificate{CloudFrontDefaultCertificate: sdk.Bool(true)},
	}}))
}

// TestMotoCloudFront: every distribution is listed, and
// GetDistributionConfig adds the root object and logging. This moto's
// ListDistributions answers only each distribution's ID, ARN (without the
// empty region field) and domain name, so the listing's origins,
// behaviours, certificate and web ACL are proved against the fake
// (awsfake TestRoundTrip*), not here.
func TestMotoCloudFront(t *testing.T) {
	_, res := collected(t)
	a := res.Account
	if len(a.CloudFront.Distributions) != 2 {
		t.Fatalf("collected %d distributions, want 2: %+v", len(a.CloudFront.Distributions), a.CloudFront.Distributions)
	}
	byRoot := func(x state.Distribution) string { return x.DefaultRootObject }
	s := find(t, "secure distribution", a.CloudFront.Distributions, byRoot, "index.html")
	eq(t, "secure region", s.Region, "")
	eq(t, "secure id in arn", strings.HasSuffix(s.ARN, ":distribution/"+s.ID), true)
	eq(t, "secure domain", strings.HasSuffix(s.DomainName, ".cloudfront.net"), true)
	eq(t, "secure logging", s.Logging, true)
	eq(t, "secure logging bucket", s.LoggingBucket, "logs.s3.amazonaws.com")
	l := find(t, "legacy distribution", a.CloudFront.Distributions, byRoot, "")
	eq(t, "legacy logging", l.Logging, false)
	eq(t, "legacy logging bucket", l.LoggingBucket, "")
}
