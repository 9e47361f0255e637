package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// acmPCA adds Alpenglow's AWS Private CA hierarchy (svc-s3dir): in
// Frankfurt the root CA, disabled after signing the issuing CA, and the
// active issuing CA for internal TLS; in N. Virginia the agency's root CA,
// left active and issuing certificates itself.
func (x *b) acmPCA() {
	fra, iad := "eu-central-1", "us-east-1"
	created, until := days(400), Now.AddDate(9, 0, 0)
	ca := func(region, id, typ, status, cn string) state.CertificateAuthority {
		c, u := created, until
		return state.CertificateAuthority{Meta: state.Meta{ARN: x.arn("acm-pca", region, "certificate-authority/"+id), Region: region},
			Type: typ, Status: status, KeyStorageSecurityStandard: "FIPS_140_2_LEVEL_3_OR_HIGHER", UsageMode: "GENERAL_PURPOSE",
			KeyAlgorithm: "RSA_4096", SigningAlgorithm: "SHA512WITHRSA", CommonName: cn, CreatedAt: &c, NotAfter: &u}
	}
	x.a.ACMPCA.CertificateAuthorities = append(x.a.ACMPCA.CertificateAuthorities,
		ca(fra, "0a1b2c3d-0000-4000-8000-000000000001", "ROOT", "DISABLED", "Alpenglow Root CA"),
		ca(fra, "0a1b2c3d-0000-4000-8000-000000000002", "SUBORDINATE", "ACTIVE", "Alpenglow Issuing CA 1"),
		ca(iad, "0a1b2c3d-0000-4000-8000-000000000003", "ROOT", "ACTIVE", "Alpenglow Marketing CA"),
	)
}
