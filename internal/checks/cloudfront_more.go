package checks

import (
	"regexp"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// cloudFrontMoreChecks are svc-gaps3's CloudFront duties, read from the
// ListDistributions listing already made: origin failover (FSBP
// CloudFront.4), S3 origins that name a bucket (CloudFront.12) and origin
// access control for Lambda function URL origins (CloudFront.16).
func cloudFrontMoreChecks() []check.Check {
	return []check.Check{
		distributionCheck("cloudfront_distribution_origin_failover", nil, originFailover),
		{ID: "cloudfront_distribution_s3_origin_exists", Run: s3OriginsExist},
		distributionCheck("cloudfront_distribution_lambda_url_oac", nil, lambdaURLOAC),
	}
}

// originFailover passes a distribution with an origin group of two
// origins (CloudFront allows exactly two: a primary and a secondary).
func originFailover(d state.Distribution) check.Result {
	for _, g := range d.OriginGroups {
		if len(g.Members) >= 2 {
			return check.PassR(d, "distribution %s fails over between origins %s (origin group %s)", distName(d), strings.Join(g.Members, " and "), g.ID)
		}
	}
	return check.FailR(d, "distribution %s has no origin group: when its origin fails, viewers get the errors", distName(d))
}

// s3OriginHost matches an S3 REST endpoint host naming its bucket
// virtual-hosted style: BUCKET.s3.amazonaws.com, BUCKET.s3.REGION...,
// BUCKET.s3-REGION..., BUCKET.s3.dualstack.REGION... (and .com.cn).
var s3OriginHost = regexp.MustCompile(`^(.+)\.s3(?:[.-][a-z0-9-]+)*\.amazonaws\.com(?:\.cn)?$`)

// legacyBucketName is the widest bucket name S3 ever accepted (us-east-1
// before March 2018: up to 255 of letters, digits, dots, hyphens and
// underscores). A name outside it cannot be a bucket.
var legacyBucketName = regexp.MustCompile(`^[A-Za-z0-9._-]{3,255}$`)

// originBucket is the bucket an S3 origin's domain names, and whether the
// domain is an S3 REST endpoint at all.
func originBucket(domain string) (string, bool) {
	m := s3OriginHost.FindStringSubmatch(strings.ToLower(strings.TrimSuffix(domain, ".")))
	if m == nil {
		return "", false
	}
	return m[1], true
}

// s3OriginsExist judges each S3 origin against the account's own bucket
// list: a bucket in it exists (pass). S3 bucket names are global, so a
// bucket missing from this account's list may be another account's:
// shoulder cannot tell that apart from a deleted bucket (which anyone may
// then create and serve through the distribution), so it answers unknown
// with the bucket to verify. It fails only where no bucket can exist: a
// name no bucket was ever allowed to have.
func s3OriginsExist(a *state.Account, _ *policy.Policy) []check.Result {
	if g, ok := listingGap(a, "", state.InputCloudFrontDistributions); ok {
		return []check.Result{check.GapR(accountRef(a), g)}
	}
	listGap, unlisted := listingGap(a, "", state.InputS3Buckets)
	own := make(map[string]bool, len(a.S3.Buckets))
	for _, b := range a.S3.Buckets {
		own[strings.ToLower(b.Name)] = true
	}
	var out []check.Result
	for _, d := range a.CloudFront.Distributions {
		var found, other, bad []string
		s3 := 0
		for _, o := range d.Origins {
			if !o.S3 {
				continue
			}
			s3++
			name, ok := originBucket(o.DomainName)
			switch {
			case !ok:
				other = append(other, o.ID+" ("+o.DomainName+" is not an S3 bucket endpoint shoulder can read a bucket name from)")
			case !legacyBucketName.MatchString(name):
				bad = append(bad, o.ID+" ("+name+")")
			case own[name]:
				found = append(found, name)
			default:
				other = append(other, o.ID+" (bucket "+name+")")
			}
		}
		switch {
		case s3 == 0:
			out = append(out, check.NotApplicableR(d, "distribution %s has no S3 origins", distName(d)))
		case len(bad) > 0:
			out = append(out, check.FailR(d, "distribution %s points to S3 origins whose names no bucket can have: %s", distName(d), strings.Join(bad, ", ")))
		case len(other) > 0 && unlisted:
			out = append(out, check.GapR(d, listGap))
		case len(other) > 0:
			out = append(out, check.UnknownR(d, "distribution %s: S3 origins not among this account's buckets: %s; a bucket of another account cannot be told apart from a deleted one (whose name anyone may claim) without asking its owner, so verify it exists and is yours to trust", distName(d), strings.Join(other, ", ")))
		default:
			out = append(out, check.PassR(d, "distribution %s points to this account's buckets %s", distName(d), strings.Join(found, ", ")))
		}
	}
	return out
}

// lambdaURLHost matches a Lambda function URL host
// (URL-ID.lambda-url.REGION.on.aws).
var lambdaURLHost = regexp.MustCompile(`\.lambda-url\.[a-z0-9-]+\.on\.aws\.?$`)

// lambdaURLOAC passes a distribution whose Lambda function URL origins
// all sign with an origin access control, so the function URL can require
// IAM auth and admit only the distribution.
func lambdaURLOAC(d state.Distribution) check.Result {
	var urls, bare []string
	for _, o := range d.Origins {
		if o.S3 || !lambdaURLHost.MatchString(strings.ToLower(o.DomainName)) {
			continue
		}
		urls = append(urls, o.ID)
		if o.OACID == "" {
			bare = append(bare, o.ID+" ("+o.DomainName+")")
		}
	}
	switch {
	case len(urls) == 0:
		return check.NotApplicableR(d, "distribution %s has no Lambda function URL origins", distName(d))
	case len(bare) > 0:
		return check.FailR(d, "distribution %s reaches Lambda function URLs without origin access control: %s (the function URL must then accept unsigned requests from anyone)", distName(d), strings.Join(bare, ", "))
	}
	return check.PassR(d, "distribution %s signs its requests to its %d Lambda function URL origins with origin access control", distName(d), len(urls))
}
