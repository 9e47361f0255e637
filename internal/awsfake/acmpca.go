package awsfake

import (
	"github.com/aws/aws-sdk-go-v2/service/acmpca"
	pcatypes "github.com/aws/aws-sdk-go-v2/service/acmpca/types"
)

// ---- AWS Private CA (awsJson1.1, X-Amz-Target ACMPrivateCA.*, signing
// name acm-pca; bodies from the SDK's own output types and schema
// serializers) ---- svc-s3dir

func (s *Server) acmPCAService() *service {
	return &service{name: "acm-pca", proto: protoJSON, ops: map[string]handler{
		"ListCertificateAuthorities": pcaListCertificateAuthorities,
	}}
}

// pcaListCertificateAuthorities pages with MaxResults (1..1000, default
// 1000) and NextToken; ResourceOwner OTHER_ACCOUNTS (authorities shared
// through AWS RAM) answers none, as the fake's account shares none in.
func pcaListCertificateAuthorities(c *call) (*reply, error) {
	cas := c.s.idx.certificateAuthorities[c.region]
	if c.str("ResourceOwner") == "OTHER_ACCOUNTS" {
		cas = nil
	}
	mx, err := c.num("MaxResults", 0)
	if err != nil {
		return nil, err
	}
	start, end, next, err := page(c.action, len(cas), c.str("NextToken"), mx, 1000, 1000)
	if err != nil {
		return nil, err
	}
	out := &acmpca.ListCertificateAuthoritiesOutput{CertificateAuthorities: make([]pcatypes.CertificateAuthority, 0, end-start), NextToken: sp(next)}
	for _, x := range cas[start:end] {
		ca := pcatypes.CertificateAuthority{Arn: p(x.ARN), Type: pcatypes.CertificateAuthorityType(x.Type), Status: pcatypes.CertificateAuthorityStatus(x.Status),
			KeyStorageSecurityStandard: pcatypes.KeyStorageSecurityStandard(x.KeyStorageSecurityStandard),
			UsageMode:                  pcatypes.CertificateAuthorityUsageMode(x.UsageMode), CreatedAt: x.CreatedAt, NotAfter: x.NotAfter,
			OwnerAccount: p(c.s.acct.AccountID)}
		if x.KeyAlgorithm != "" || x.CommonName != "" {
			ca.CertificateAuthorityConfiguration = &pcatypes.CertificateAuthorityConfiguration{KeyAlgorithm: pcatypes.KeyAlgorithm(x.KeyAlgorithm),
				SigningAlgorithm: pcatypes.SigningAlgorithm(x.SigningAlgorithm), Subject: &pcatypes.ASN1Subject{CommonName: sp(x.CommonName)}}
		}
		out.CertificateAuthorities = append(out.CertificateAuthorities, ca)
	}
	return c.jsonReply(out), nil
}
