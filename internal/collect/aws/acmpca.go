package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/acmpca"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// acmPCA reads a region's AWS Private CA certificate authorities (svc-s3dir)
// in one paginated listing (up to 1,000 a page) that carries type, status,
// key storage standard and usage mode: nothing is read per authority.
func (c *collector) acmPCA(ctx context.Context, region string) {
	cl := acmpca.NewFromConfig(c.cfg, func(o *acmpca.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("acm-pca", region))
	})
	var cas []state.CertificateAuthority
	err := c.do(ctx, "acm-pca", "ListCertificateAuthorities", region, "", nil, func(ctx context.Context) error {
		params := acmpca.ListCertificateAuthoritiesInput{MaxResults: sdk.Int32(1000)}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListCertificateAuthorities(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, x := range page.CertificateAuthorities {
				ca := state.CertificateAuthority{Meta: meta(str(x.Arn), region, nil), Type: string(x.Type), Status: string(x.Status),
					KeyStorageSecurityStandard: string(x.KeyStorageSecurityStandard), UsageMode: string(x.UsageMode),
					CreatedAt: tptr(x.CreatedAt), NotAfter: tptr(x.NotAfter)}
				if cf := x.CertificateAuthorityConfiguration; cf != nil {
					ca.KeyAlgorithm, ca.SigningAlgorithm = string(cf.KeyAlgorithm), string(cf.SigningAlgorithm)
					if cf.Subject != nil {
						ca.CommonName = str(cf.Subject.CommonName)
					}
				}
				cas = append(cas, ca)
			}
			return page.NextToken, nil
		})
	})
	if err == nil {
		c.rec.Update(func(a *state.Account) {
			a.ACMPCA.CertificateAuthorities = append(a.ACMPCA.CertificateAuthorities, cas...)
		})
	}
}
