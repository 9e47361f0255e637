package awsfake

import (
	"strconv"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// ---- CloudFront (REST-XML, global: us-east-1) ----

const cloudFrontNS = "http://cloudfront.amazonaws.com/doc/2020-05-31/"

func (s *Server) cloudFrontService() *service {
	return &service{name: "cloudfront", proto: protoRestXML, global: true,
		routes: []route{
			rt("GET", "/2020-05-31/distribution", "ListDistributions"),
			rt("GET", "/2020-05-31/distribution/{Id}/config", "GetDistributionConfig"),
		},
		ops: map[string]handler{
			"ListDistributions":     cfListDistributions,
			"GetDistributionConfig": cfGetDistributionConfig,
		}}
}

// cfListDistributions pages with MaxItems (up to 100 here; AWS allows
// 1,000) and Marker/NextMarker, every distribution with its origins,
// behaviours, certificate and web ACL.
func cfListDistributions(c *call) (*reply, error) {
	ds := c.s.acct.CloudFront.Distributions
	mx, err := c.num("MaxItems", 0)
	if err != nil {
		return nil, err
	}
	start, end, next, err := page(c.action, len(ds), c.str("Marker"), mx, 100, 1000)
	if err != nil {
		return nil, err
	}
	w := &xw{}
	w.raw(`<?xml version="1.0" encoding="UTF-8"?>`)
	w.openNS("DistributionList", cloudFrontNS)
	w.elem("Marker", c.str("Marker"))
	w.str("NextMarker", next)
	w.integer("MaxItems", max(mx, 100))
	w.elem("IsTruncated", strconv.FormatBool(next != ""))
	w.integer("Quantity", end-start)
	w.open("Items")
	for i := range ds[start:end] {
		d := &ds[start+i]
		w.open("DistributionSummary")
		w.elem("Id", d.ID)
		w.elem("ARN", d.ARN)
		w.elem("Status", "Deployed")
		w.elem("DomainName", d.DomainName)
		cfAliases(w, d.Aliases)
		cfOrigins(w, d.Origins)
		cfOriginGroups(w, d.OriginGroups)
		cfBehaviors(w, d)
		cfViewerCertificate(w, d)
		w.elem("WebACLId", d.WebACLID)
		w.elem("Enabled", strconv.FormatBool(d.Enabled))
		w.elem("Comment", "")
		w.elem("PriceClass", "PriceClass_All")
		w.elem("HttpVersion", "http2")
		w.elem("IsIPV6Enabled", "true")
		w.elem("Staging", "false")
		w.close("DistributionSummary")
	}
	w.close("Items")
	w.close("DistributionList")
	return &reply{ctype: "text/xml", body: w.b}, nil
}

func cfGetDistributionConfig(c *call) (*reply, error) {
	id := c.str("Id")
	for i := range c.s.acct.CloudFront.Distributions {
		d := &c.s.acct.CloudFront.Distributions[i]
		if d.ID != id {
			continue
		}
		w := &xw{}
		w.raw(`<?xml version="1.0" encoding="UTF-8"?>`)
		w.openNS("DistributionConfig", cloudFrontNS)
		w.elem("CallerReference", d.ID)
		cfAliases(w, d.Aliases)
		w.elem("DefaultRootObject", d.DefaultRootObject)
		cfOrigins(w, d.Origins)
		cfOriginGroups(w, d.OriginGroups)
		cfBehaviors(w, d)
		w.elem("Comment", "")
		w.open("Logging")
		w.elem("Enabled", strconv.FormatBool(d.Logging))
		w.elem("IncludeCookies", "false")
		w.elem("Bucket", d.LoggingBucket)
		w.elem("Prefix", "")
		w.close("Logging")
		w.elem("PriceClass", "PriceClass_All")
		w.elem("Enabled", strconv.FormatBool(d.Enabled))
		cfViewerCertificate(w, d)
		w.elem("WebACLId", d.WebACLID)
		w.elem("HttpVersion", "http2")
		w.close("DistributionConfig")
		return &reply{ctype: "text/xml", body: w.b, headers: map[string]string{"ETag": "E" + d.ID}}, nil
	}
	return nil, errf(404, "NoSuchDistribution", "The specified distribution does not exist.")
}

func cfAliases(w *xw, aliases []string) {
	w.open("Aliases")
	w.integer("Quantity", len(aliases))
	if len(aliases) > 0 {
		w.open("Items")
		for _, a := range aliases {
			w.elem("CNAME", a)
		}
		w.close("Items")
	}
	w.close("Aliases")
}

func cfOrigins(w *xw, origins []state.DistributionOrigin) {
	w.open("Origins")
	w.integer("Quantity", len(origins))
	w.open("Items")
	for _, o := range origins {
		w.open("Origin")
		w.elem("Id", o.ID)
		w.elem("DomainName", o.DomainName)
		w.elem("OriginPath", "")
		w.open("CustomHeaders")
		w.integer("Quantity", 0)
		w.close("CustomHeaders")
		if o.S3 {
			w.open("S3OriginConfig")
			w.elem("OriginAccessIdentity", o.OAI)
			w.close("S3OriginConfig")
		} else {
			w.open("CustomOriginConfig")
			w.integer("HTTPPort", 80)
			w.integer("HTTPSPort", 443)
			w.elem("OriginProtocolPolicy", orDefault(o.ProtocolPolicy, "https-only"))
			w.open("OriginSslProtocols")
			w.integer("Quantity", len(o.SSLProtocols))
			w.open("Items")
			for _, p := range o.SSLProtocols {
				w.elem("SslProtocol", p)
			}
			w.close("Items")
			w.close("OriginSslProtocols")
			w.close("CustomOriginConfig")
		}
		w.elem("OriginAccessControlId", o.OACID)
		w.close("Origin")
	}
	w.close("Items")
	w.close("Origins")
}

// cfOriginGroups writes the origin groups (svc-gaps3), failing over on
// the 5xx codes CloudFront's console proposes.
func cfOriginGroups(w *xw, groups []state.OriginGroup) {
	w.open("OriginGroups")
	w.integer("Quantity", len(groups))
	if len(groups) > 0 {
		w.open("Items")
		for _, g := range groups {
			w.open("OriginGroup")
			w.elem("Id", g.ID)
			w.open("FailoverCriteria")
			w.open("StatusCodes")
			w.integer("Quantity", 3)
			w.open("Items")
			for _, code := range []int{500, 502, 503} {
				w.integer("StatusCode", code)
			}
			w.close("Items")
			w.close("StatusCodes")
			w.close("FailoverCriteria")
			w.open("Members")
			w.integer("Quantity", len(g.Members))
			w.open("Items")
			for _, m := range g.Members {
				w.open("OriginGroupMember")
				w.elem("OriginId", m)
				w.close("OriginGroupMember")
			}
			w.close("Items")
			w.close("Members")
			w.close("OriginGroup")
		}
		w.close("Items")
	}
	w.close("OriginGroups")
}

// cfBehaviors writes the default cache behaviour (the first, "*") and
// the others.
func cfBehaviors(w *xw, d *state.Distribution) {
	target := ""
	if len(d.Origins) > 0 {
		target = d.Origins[0].ID
	}
	rest := d.Behaviors
	w.open("DefaultCacheBehavior")
	w.elem("TargetOriginId", target)
	if len(rest) > 0 {
		w.elem("ViewerProtocolPolicy", rest[0].ViewerProtocolPolicy)
		rest = rest[1:]
	} else {
		w.elem("ViewerProtocolPolicy", "allow-all")
	}
	w.close("DefaultCacheBehavior")
	w.open("CacheBehaviors")
	w.integer("Quantity", len(rest))
	if len(rest) > 0 {
		w.open("Items")
		for _, b := range rest {
			w.open("CacheBehavior")
			w.elem("PathPattern", b.PathPattern)
			w.elem("TargetOriginId", target)
			w.elem("ViewerProtocolPolicy", b.ViewerProtocolPolicy)
			w.close("CacheBehavior")
		}
		w.close("Items")
	}
	w.close("CacheBehaviors")
}

func cfViewerCertificate(w *xw, d *state.Distribution) {
	w.open("ViewerCertificate")
	switch d.CertificateSource {
	case "acm":
		w.elem("ACMCertificateArn", d.CertificateARN)
	case "iam":
		w.elem("IAMCertificateId", d.CertificateARN)
	default:
		w.elem("CloudFrontDefaultCertificate", "true")
	}
	w.str("SSLSupportMethod", d.SSLSupportMethod)
	w.str("MinimumProtocolVersion", d.MinimumProtocolVersion)
	w.str("CertificateSource", orDefault(d.CertificateSource, "cloudfront"))
	w.close("ViewerCertificate")
}
