package state

// CloudFront holds the account's CloudFront distributions (a global
// service: its API answers in us-east-1, and distributions have no region).
//
// Gaps: ListDistributions hides every distribution (it carries origins,
// cache behaviours, viewer certificate and web ACL in bulk);
// GetDistributionConfig (the default root object and standard logging,
// which the listing lacks) is recorded per distribution ARN.
type CloudFront struct {
	Distributions []Distribution `json:"distributions,omitempty"`
}

// Distribution is a CloudFront distribution.
type Distribution struct {
	Meta
	ID         string   `json:"id"`
	DomainName string   `json:"domain_name,omitempty"`
	Aliases    []string `json:"aliases,omitempty"`
	Enabled    bool     `json:"enabled,omitempty"`
	// Behaviors are the cache behaviours, the default one first (path
	// pattern "*").
	Behaviors []CacheBehavior      `json:"behaviors,omitempty"`
	Origins   []DistributionOrigin `json:"origins,omitempty"`
	// CertificateSource is cloudfront (the *.cloudfront.net certificate),
	// acm or iam.
	CertificateSource string `json:"certificate_source,omitempty"`
	CertificateARN    string `json:"certificate_arn,omitempty"`
	// SSLSupportMethod is sni-only, vip or static-ip (custom certificates).
	SSLSupportMethod string `json:"ssl_support_method,omitempty"`
	// MinimumProtocolVersion is the viewer security policy, e.g. TLSv1.2_2021.
	MinimumProtocolVersion string `json:"minimum_protocol_version,omitempty"`
	// WebACLID is the attached AWS WAF web ACL (an ARN for WAFv2, an ID
	// for WAF Classic); empty when none.
	WebACLID string `json:"web_acl_id,omitempty"`
	// DefaultRootObject and Logging come from GetDistributionConfig.
	DefaultRootObject string `json:"default_root_object,omitempty"`
	// Logging is true when standard (legacy) access logging to S3 is on.
	Logging       bool   `json:"logging,omitempty"`
	LoggingBucket string `json:"logging_bucket,omitempty"`
	// svc-gaps3: OriginGroups are the distribution's origin groups (origin
	// failover: a primary and a secondary origin), from ListDistributions.
	OriginGroups []OriginGroup `json:"origin_groups,omitempty"`
}

// OriginGroup is an origin group: CloudFront fails over from the first
// member to the second on the listed status codes (svc-gaps3).
type OriginGroup struct {
	ID      string   `json:"id"`
	Members []string `json:"members,omitempty"`
}

// CacheBehavior is one cache behaviour of a distribution.
type CacheBehavior struct {
	PathPattern string `json:"path_pattern"`
	// ViewerProtocolPolicy is allow-all, https-only or redirect-to-https.
	ViewerProtocolPolicy string `json:"viewer_protocol_policy"`
}

// DistributionOrigin is one origin of a distribution.
type DistributionOrigin struct {
	ID         string `json:"id"`
	DomainName string `json:"domain_name"`
	// S3 is true for an S3 (REST endpoint) origin; otherwise it is a
	// custom origin (load balancer, website endpoint, any HTTP server).
	S3 bool `json:"s3,omitempty"`
	// OAI is the legacy origin access identity of an S3 origin.
	OAI string `json:"oai,omitempty"`
	// OACID is the origin access control the distribution signs with.
	OACID string `json:"oac_id,omitempty"`
	// ProtocolPolicy is a custom origin's http-only, match-viewer or https-only.
	ProtocolPolicy string `json:"protocol_policy,omitempty"`
	// SSLProtocols are the protocols CloudFront may use to a custom origin
	// (SSLv3, TLSv1, TLSv1.1, TLSv1.2).
	SSLProtocols []string `json:"ssl_protocols,omitempty"`
}
