package checks

import (
	"slices"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// cloudFrontChecks are the customer's duties on CloudFront distributions:
// AWS runs the edge, but how viewers and origins are reached (TLS, its
// policy, the certificate), who may reach the origin behind it, WAF and
// logging are the distribution's settings.
func cloudFrontChecks() []check.Check {
	return []check.Check{
		distributionCheck("cloudfront_distribution_viewer_https", nil, viewerHTTPS),
		distributionCheck("cloudfront_distribution_default_root_object", &configRead, defaultRootObject),
		distributionCheck("cloudfront_distribution_logging", &configRead, distributionLogging),
		distributionCheck("cloudfront_distribution_waf", nil, distributionWAF),
		distributionCheck("cloudfront_distribution_custom_certificate", nil, customCertificate),
		distributionCheck("cloudfront_distribution_sni", nil, distributionSNI),
		distributionCheck("cloudfront_distribution_tls_policy", nil, viewerTLSPolicy),
		distributionCheck("cloudfront_distribution_origin_https", nil, originHTTPS),
		distributionCheck("cloudfront_distribution_origin_no_ssl", nil, originNoSSL),
		distributionCheck("cloudfront_distribution_s3_origin_oac", nil, s3OriginOAC),
	}
}

var configRead = state.InputCloudFrontConfig

// distributionCheck judges every distribution; when the one global
// listing failed it answers one unknown for the account, and when judge
// needs GetDistributionConfig (read) a distribution whose config was not
// read is unknown.
func distributionCheck(id string, read *state.Input, judge func(d state.Distribution) check.Result) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			if g, ok := listingGap(a, "", state.InputCloudFrontDistributions); ok {
				return []check.Result{check.GapR(accountRef(a), g)}
			}
			var out []check.Result
			for _, d := range a.CloudFront.Distributions {
				if read != nil {
					if g, ok := a.Gaps.ForInput(*read, "", d.ARN); ok {
						out = append(out, check.GapR(d, g))
						continue
					}
				}
				out = append(out, judge(d))
			}
			return out
		},
	}
}

func distName(d state.Distribution) string {
	if len(d.Aliases) > 0 {
		return d.ID + " (" + strings.Join(d.Aliases, ", ") + ")"
	}
	return d.ID
}

func viewerHTTPS(d state.Distribution) check.Result {
	if len(d.Behaviors) == 0 {
		return check.UnknownR(d, "distribution %s: no cache behaviour was reported", distName(d))
	}
	var open []string
	for _, b := range d.Behaviors {
		if b.ViewerProtocolPolicy != "https-only" && b.ViewerProtocolPolicy != "redirect-to-https" {
			open = append(open, b.PathPattern+" ("+orNone(b.ViewerProtocolPolicy)+")")
		}
	}
	if len(open) > 0 {
		return check.FailR(d, "distribution %s serves plain HTTP to viewers on %s", distName(d), strings.Join(open, ", "))
	}
	return check.PassR(d, "distribution %s requires HTTPS from viewers on all %d cache behaviours", distName(d), len(d.Behaviors))
}

func defaultRootObject(d state.Distribution) check.Result {
	if d.DefaultRootObject == "" {
		return check.FailR(d, "distribution %s has no default root object: a request for / goes to the origin's root (a listing, or an error that reveals it)", distName(d))
	}
	return check.PassR(d, "distribution %s answers / with %s", distName(d), d.DefaultRootObject)
}

func distributionLogging(d state.Distribution) check.Result {
	if !d.Logging {
		return check.FailR(d, "distribution %s writes no standard access logs", distName(d))
	}
	return check.PassR(d, "distribution %s logs requests to %s", distName(d), orNone(d.LoggingBucket))
}

func distributionWAF(d state.Distribution) check.Result {
	if d.WebACLID == "" {
		return check.FailR(d, "distribution %s has no AWS WAF web ACL", distName(d))
	}
	return check.PassR(d, "distribution %s is protected by web ACL %s", distName(d), d.WebACLID)
}

func customCertificate(d state.Distribution) check.Result {
	switch d.CertificateSource {
	case "acm", "iam":
		return check.PassR(d, "distribution %s serves its own certificate (%s)", distName(d), d.CertificateARN)
	case "cloudfront":
		return check.FailR(d, "distribution %s serves only the default *.cloudfront.net certificate", distName(d))
	}
	return check.UnknownR(d, "distribution %s: its viewer certificate was not reported", distName(d))
}

func distributionSNI(d state.Distribution) check.Result {
	if d.CertificateSource == "cloudfront" {
		return check.NotApplicableR(d, "distribution %s serves the default certificate (no custom certificate to serve)", distName(d))
	}
	switch d.SSLSupportMethod {
	case "sni-only":
		return check.PassR(d, "distribution %s serves its certificate with SNI", distName(d))
	case "vip", "static-ip":
		return check.FailR(d, "distribution %s serves its certificate from dedicated IP addresses (%s)", distName(d), d.SSLSupportMethod)
	}
	return check.UnknownR(d, "distribution %s: its SSL support method was not reported", distName(d))
}

// recommendedTLSPolicies are the viewer security policies at or above
// TLSv1.2_2021, the one CloudFront recommends.
var recommendedTLSPolicies = []string{"TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"}

func viewerTLSPolicy(d state.Distribution) check.Result {
	if d.CertificateSource == "cloudfront" {
		return check.NotApplicableR(d, "distribution %s serves the default certificate, whose policy cannot be chosen", distName(d))
	}
	switch {
	case d.MinimumProtocolVersion == "":
		return check.UnknownR(d, "distribution %s: its viewer security policy was not reported", distName(d))
	case slices.Contains(recommendedTLSPolicies, d.MinimumProtocolVersion):
		return check.PassR(d, "distribution %s uses security policy %s", distName(d), d.MinimumProtocolVersion)
	}
	return check.FailR(d, "distribution %s uses security policy %s, older than TLSv1.2_2021", distName(d), d.MinimumProtocolVersion)
}

// customOrigins are d's origins that are not S3 REST endpoints.
func customOrigins(d state.Distribution) []state.DistributionOrigin {
	var out []state.DistributionOrigin
	for _, o := range d.Origins {
		if !o.S3 {
			out = append(out, o)
		}
	}
	return out
}

func viewersAlwaysHTTPS(d state.Distribution) bool {
	return len(d.Behaviors) > 0 && viewerHTTPS(d).Status == check.Pass
}

func originHTTPS(d state.Distribution) check.Result {
	cs := customOrigins(d)
	if len(cs) == 0 {
		return check.NotApplicableR(d, "distribution %s has no custom origins", distName(d))
	}
	var plain []string
	for _, o := range cs {
		switch o.ProtocolPolicy {
		case "https-only":
		case "match-viewer":
			if !viewersAlwaysHTTPS(d) {
				plain = append(plain, o.ID+" (match-viewer, and viewers may use HTTP)")
			}
		case "":
			return check.UnknownR(d, "distribution %s: the protocol policy of origin %s was not reported", distName(d), o.ID)
		default:
			plain = append(plain, o.ID+" ("+o.ProtocolPolicy+")")
		}
	}
	if len(plain) > 0 {
		return check.FailR(d, "distribution %s reaches origins over plain HTTP: %s", distName(d), strings.Join(plain, ", "))
	}
	return check.PassR(d, "distribution %s reaches its %d custom origins over HTTPS", distName(d), len(cs))
}

func originNoSSL(d state.Distribution) check.Result {
	cs := customOrigins(d)
	if len(cs) == 0 {
		return check.NotApplicableR(d, "distribution %s has no custom origins", distName(d))
	}
	var bad []string
	for _, o := range cs {
		if o.ProtocolPolicy == "http-only" {
			continue // no TLS at all: cloudfront_distribution_origin_https's finding
		}
		if len(o.SSLProtocols) == 0 {
			return check.UnknownR(d, "distribution %s: the TLS protocols of origin %s were not reported", distName(d), o.ID)
		}
		if slices.Contains(o.SSLProtocols, "SSLv3") {
			bad = append(bad, o.ID)
		}
	}
	if len(bad) > 0 {
		return check.FailR(d, "distribution %s may use SSLv3 to origins %s", distName(d), strings.Join(bad, ", "))
	}
	return check.PassR(d, "distribution %s uses no SSLv3 to its custom origins", distName(d))
}

func s3OriginOAC(d state.Distribution) check.Result {
	var s3 []state.DistributionOrigin
	for _, o := range d.Origins {
		if o.S3 {
			s3 = append(s3, o)
		}
	}
	if len(s3) == 0 {
		return check.NotApplicableR(d, "distribution %s has no S3 origins", distName(d))
	}
	var bad []string
	for _, o := range s3 {
		switch {
		case o.OACID != "":
		case o.OAI != "":
			bad = append(bad, o.ID+" (legacy origin access identity)")
		default:
			bad = append(bad, o.ID+" (no origin access control: the bucket must be readable by everyone)")
		}
	}
	if len(bad) > 0 {
		return check.FailR(d, "distribution %s reaches S3 origins without origin access control: %s", distName(d), strings.Join(bad, ", "))
	}
	return check.PassR(d, "distribution %s signs its requests to its %d S3 origins with origin access control", distName(d), len(s3))
}
