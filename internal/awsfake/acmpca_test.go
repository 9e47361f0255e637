package awsfake_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/acmpca"

	"github.com/shoulder-dev/shoulder/internal/awsfake"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// TestPCAWireFormat (svc-s3dir): the SDK's AWS Private CA client on AWS
// JSON 1.1 (as the collector has it) pages the fake's certificate
// authorities, reads each one's type, status and key settings, and gets
// none for ResourceOwner OTHER_ACCOUNTS.
func TestPCAWireFormat(t *testing.T) {
	a := &state.Account{AccountID: "210987654321", Partition: "aws", Regions: []state.Region{{Name: "eu-west-1", Enabled: true, Scanned: true}}}
	created := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, id := range []string{"a", "b", "c"} {
		a.ACMPCA.CertificateAuthorities = append(a.ACMPCA.CertificateAuthorities, state.CertificateAuthority{
			Meta: state.Meta{ARN: "arn:aws:acm-pca:eu-west-1:210987654321:certificate-authority/" + id, Region: "eu-west-1"},
			Type: "ROOT", Status: "ACTIVE", KeyStorageSecurityStandard: "FIPS_140_2_LEVEL_2_OR_HIGHER", UsageMode: "SHORT_LIVED_CERTIFICATE",
			KeyAlgorithm: "RSA_4096", SigningAlgorithm: "SHA512WITHRSA", CommonName: id + ".example", CreatedAt: &created})
	}
	r := start(t, a, awsfake.Options{})
	c := acmpca.NewFromConfig(aws.Config{Region: "eu-west-1", Credentials: credentials.NewStaticCredentialsProvider("AKIDFAKE", "secret", ""),
		BaseEndpoint: aws.String(r.URL), RetryMaxAttempts: 3})
	ctx := context.Background()
	p := acmpca.NewListCertificateAuthoritiesPaginator(c, &acmpca.ListCertificateAuthoritiesInput{MaxResults: aws.Int32(2)})
	pages, n := 0, 0
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, ca := range out.CertificateAuthorities {
			n++
			if ca.Type != "ROOT" || ca.Status != "ACTIVE" || ca.KeyStorageSecurityStandard != "FIPS_140_2_LEVEL_2_OR_HIGHER" || ca.UsageMode != "SHORT_LIVED_CERTIFICATE" ||
				ca.CreatedAt == nil || !ca.CreatedAt.Equal(created) || ca.CertificateAuthorityConfiguration == nil ||
				aws.ToString(ca.CertificateAuthorityConfiguration.Subject.CommonName) == "" {
				t.Errorf("certificate authority %+v", ca)
			}
		}
	}
	if pages != 2 || n != 3 {
		t.Errorf("%d pages, %d authorities; want 2 and 3", pages, n)
	}
	out, err := c.ListCertificateAuthorities(ctx, &acmpca.ListCertificateAuthoritiesInput{ResourceOwner: "OTHER_ACCOUNTS"})
	if err != nil || len(out.CertificateAuthorities) != 0 {
		t.Errorf("OTHER_ACCOUNTS: %+v, %v", out, err)
	}
}
