package state

import "time"

// ACM holds the AWS Certificate Manager certificates of every scanned region.
//
// Gaps: ListCertificates hides a region's certificates (it carries each
// certificate's type, status, key algorithm, validity and use in bulk);
// DescribeCertificate (the certificate transparency logging preference,
// read only for Amazon-issued certificates) is recorded per certificate ARN.
type ACM struct {
	Certificates []Certificate `json:"certificates,omitempty"`
}

// Certificate is an ACM certificate.
type Certificate struct {
	Meta
	DomainName string `json:"domain_name"`
	// Type is AMAZON_ISSUED, IMPORTED or PRIVATE.
	Type string `json:"type,omitempty"`
	// Status is ISSUED, PENDING_VALIDATION, EXPIRED, INACTIVE, REVOKED,
	// FAILED or VALIDATION_TIMED_OUT.
	Status string `json:"status,omitempty"`
	// KeyAlgorithm is RSA_1024, RSA_2048, RSA_3072, RSA_4096, EC_prime256v1,
	// EC_secp384r1 or EC_secp521r1.
	KeyAlgorithm string `json:"key_algorithm,omitempty"`
	// InUse is true when an AWS service (a load balancer, a CloudFront
	// distribution, an API Gateway domain...) serves the certificate.
	InUse     bool       `json:"in_use,omitempty"`
	NotBefore *time.Time `json:"not_before,omitempty"`
	NotAfter  *time.Time `json:"not_after,omitempty"`
	// RenewalEligibility is ELIGIBLE or INELIGIBLE (managed renewal).
	RenewalEligibility string `json:"renewal_eligibility,omitempty"`
	// TransparencyLogging is the certificate transparency logging
	// preference (ENABLED or DISABLED) of an Amazon-issued certificate,
	// from DescribeCertificate; empty when not read or not applicable.
	TransparencyLogging string `json:"transparency_logging,omitempty"`
}

// RSABits is the RSA key length of the certificate's key algorithm, or 0
// when the key is not RSA (or the algorithm was not reported).
func (c Certificate) RSABits() int {
	switch c.KeyAlgorithm {
	case "RSA_1024":
		return 1024
	case "RSA_2048":
		return 2048
	case "RSA_3072":
		return 3072
	case "RSA_4096":
		return 4096
	}
	return 0
}
