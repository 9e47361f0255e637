package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const dsCAARN = "arn:aws:acm-pca:eu-west-1:" + testAccountID + ":certificate-authority/11111111-2222-3333-4444-555555555555"

// dsCA adds a root certificate authority "root.example" in eu-west-1,
// disabled; edited by mut (svc-s3dir).
func dsCA(mut func(ca *state.CertificateAuthority)) func(*state.Account) {
	return func(a *state.Account) {
		ca := state.CertificateAuthority{Meta: state.Meta{ARN: dsCAARN, Region: "eu-west-1"}, Type: "ROOT", Status: "DISABLED",
			KeyStorageSecurityStandard: "FIPS_140_2_LEVEL_3_OR_HIGHER", UsageMode: "GENERAL_PURPOSE", CommonName: "root.example"}
		if mut != nil {
			mut(&ca)
		}
		a.ACMPCA.CertificateAuthorities = append(a.ACMPCA.CertificateAuthorities, ca)
	}
}

func acmPCACases() map[string][]checkCase {
	c := func(name string, m func(*state.CertificateAuthority), want check.Status, msg string) checkCase {
		return checkCase{name: name, acct: baseAccount(dsCA(m)), want: dsWant(want), msg: msg}
	}
	return map[string][]checkCase{
		"acmpca_root_ca_disabled": {
			c("disabled root", nil, dsP, "is disabled"),
			c("active root", func(ca *state.CertificateAuthority) { ca.Status = "ACTIVE" }, dsF, "is ACTIVE"),
			c("pending root", func(ca *state.CertificateAuthority) { ca.Status = "PENDING_CERTIFICATE" }, dsP, "cannot issue"),
			c("active subordinate", func(ca *state.CertificateAuthority) { ca.Type, ca.Status = "SUBORDINATE", "ACTIVE" }, dsNA, "SUBORDINATE"),
			c("status not reported", func(ca *state.CertificateAuthority) { ca.Status = "" }, dsU, "no status"),
			c("type not reported", func(ca *state.CertificateAuthority) { ca.Type = "" }, dsU, "no type"),
			{name: "listing denied", acct: baseAccount(dsCA(nil), dsGap("acm-pca", "eu-west-1", "ListCertificateAuthorities", "")), want: dsWant(dsU)},
			{name: "listing denied elsewhere", acct: baseAccount(dsCA(nil), dsGap("acm-pca", "us-east-1", "ListCertificateAuthorities", "")), want: dsWant(dsU, dsP)},
		},
	}
}
