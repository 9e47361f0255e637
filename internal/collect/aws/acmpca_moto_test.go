package aws

import (
	"context"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/acmpca"
	pcatypes "github.com/aws/aws-sdk-go-v2/service/acmpca/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// buildPCA creates a root certificate authority "root.example" in the
// region (svc-s3dir); moto creates it PENDING_CERTIFICATE. In the insecure
// regions it also creates a subordinate one.
func buildPCA(ctx context.Context, cfg sdk.Config, secure bool) {
	c := acmpca.NewFromConfig(cfg)
	mk := func(cn string, t pcatypes.CertificateAuthorityType) {
		must(c.CreateCertificateAuthority(ctx, &acmpca.CreateCertificateAuthorityInput{CertificateAuthorityType: t,
			CertificateAuthorityConfiguration: &pcatypes.CertificateAuthorityConfiguration{KeyAlgorithm: pcatypes.KeyAlgorithmRsa2048,
				SigningAlgorithm: pcatypes.SigningAlgorithmSha256withrsa, Subject: &pcatypes.ASN1Subject{CommonName: sdk.String(cn)}}}))
	}
	mk("root.example", pcatypes.CertificateAuthorityTypeRoot)
	if !secure {
		mk("issuing.example", pcatypes.CertificateAuthorityTypeSubordinate)
	}
}

// TestMotoPCA: every region's certificate authorities are listed with
// their type, status and key settings as PCA.1 and the catalog read them.
func TestMotoPCA(t *testing.T) {
	_, res := collected(t)
	for _, r := range scenarioRegions {
		secure := r == secureRegion
		t.Run(r, func(t *testing.T) {
			var got []state.CertificateAuthority
			for _, ca := range res.Account.ACMPCA.CertificateAuthorities {
				if ca.Region == r {
					got = append(got, ca)
				}
			}
			want := map[bool]int{true: 1, false: 2}[secure]
			if len(got) != want {
				t.Fatalf("%d certificate authorities, want %d: %+v", len(got), want, got)
			}
			root := find(t, "certificate authority", got, func(x state.CertificateAuthority) string { return x.CommonName }, "root.example")
			eq(t, "type", root.Type, "ROOT")
			eq(t, "key", root.KeyAlgorithm, "RSA_2048")
			eq(t, "signing", root.SigningAlgorithm, "SHA256WITHRSA")
			if root.Status == "" || root.CreatedAt == nil || root.ARN == "" || arnRegion(root.ARN) != r {
				t.Errorf("root = %+v", root)
			}
		})
	}
}
