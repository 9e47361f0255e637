package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// acmPCAChecks are the customer's duties on AWS Private CA (svc-s3dir): AWS
// keeps each CA's private key in its HSMs, but whether a root CA stays
// switched on, issuing directly, is the owner's choice. FSBP PCA.1: a root
// CA should be disabled once it has signed its subordinate CAs, so that
// everyday certificates come from subordinates and the root's key is used
// as rarely as possible.
func acmPCAChecks() []check.Check {
	return []check.Check{{
		ID: "acmpca_root_ca_disabled",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "acm-pca", []state.Input{state.InputCertificateAuthorities}, a.ACMPCA.CertificateAuthorities, func(ca state.CertificateAuthority) check.Result {
				name := caName(ca)
				switch {
				case ca.Type == "":
					return check.UnknownR(ca, "certificate authority %s: the listing reported no type", name)
				case ca.Type != "ROOT":
					return check.NotApplicableR(ca, "%s is a %s certificate authority; PCA.1 judges root CAs", name, ca.Type)
				}
				switch ca.Status {
				case "":
					return check.UnknownR(ca, "root certificate authority %s: the listing reported no status", name)
				case "ACTIVE":
					return check.FailR(ca, "root certificate authority %s is ACTIVE: it can issue certificates directly", name)
				case "DISABLED":
					return check.PassR(ca, "root certificate authority %s is disabled", name)
				}
				// CREATING, PENDING_CERTIFICATE, EXPIRED, FAILED, DELETED:
				// none of them can issue a certificate.
				return check.PassR(ca, "root certificate authority %s is %s: it cannot issue certificates", name, ca.Status)
			})
		},
	}}
}

// caName names a certificate authority by its subject's common name and
// ARN, or its ARN alone.
func caName(ca state.CertificateAuthority) string {
	if ca.CommonName != "" {
		return ca.CommonName + " (" + ca.ARN + ")"
	}
	return ca.ARN
}
