package state

import "time"

// ACMPCA holds the AWS Private CA certificate authorities of every scanned
// region (svc-s3dir).
//
// Gaps: ListCertificateAuthorities hides a region's certificate
// authorities; it carries every field the checks and the catalog read
// (type, status, key storage standard, usage mode), so nothing is read per
// authority.
type ACMPCA struct {
	CertificateAuthorities []CertificateAuthority `json:"certificate_authorities,omitempty"`
}

// CertificateAuthority is one private certificate authority. Its private
// key lives in HSMs that AWS Private CA operates; nobody can export it.
type CertificateAuthority struct {
	Meta
	// Type is ROOT or SUBORDINATE.
	Type string `json:"type,omitempty"`
	// Status is CREATING, PENDING_CERTIFICATE, ACTIVE, DISABLED, EXPIRED,
	// FAILED or DELETED (still restorable).
	Status string `json:"status,omitempty"`
	// KeyStorageSecurityStandard is the FIPS level of the HSMs that hold
	// the CA's key: FIPS_140_2_LEVEL_3_OR_HIGHER (the default),
	// FIPS_140_2_LEVEL_2_OR_HIGHER or CCPC_LEVEL_1_OR_HIGHER.
	KeyStorageSecurityStandard string `json:"key_storage_security_standard,omitempty"`
	// UsageMode is GENERAL_PURPOSE or SHORT_LIVED_CERTIFICATE.
	UsageMode string `json:"usage_mode,omitempty"`
	// KeyAlgorithm and SigningAlgorithm are the CA key's, e.g. RSA_2048 and
	// SHA256WITHRSA.
	KeyAlgorithm     string     `json:"key_algorithm,omitempty"`
	SigningAlgorithm string     `json:"signing_algorithm,omitempty"`
	CommonName       string     `json:"common_name,omitempty"`
	CreatedAt        *time.Time `json:"created_at,omitempty"`
	NotAfter         *time.Time `json:"not_after,omitempty"`
}
