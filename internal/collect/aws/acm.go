package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/acm"
	acmtypes "github.com/aws/aws-sdk-go-v2/service/acm/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// acm lists a region's certificates: ListCertificates carries type,
// status, key algorithm, validity, renewal eligibility and use in bulk
// (1,000 a page). Without Includes.KeyTypes it returns only RSA_2048
// certificates, which would hide exactly the weak (RSA_1024) and the EC
// ones, so every key type is asked for. Only the transparency logging
// preference needs DescribeCertificate, and only Amazon-issued
// certificates have one.
func (c *collector) acm(ctx context.Context, region string) {
	cl := acm.NewFromConfig(c.cfg, func(o *acm.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("acm", region))
	})
	var certs []state.Certificate
	err := c.do(ctx, "acm", "ListCertificates", region, "", nil, func(ctx context.Context) error {
		params := acm.ListCertificatesInput{MaxItems: sdk.Int32(1000),
			Includes: &acmtypes.Filters{KeyTypes: acmtypes.KeyAlgorithm("").Values()}}
		return pages(ctx, func(ctx context.Context, token *string) (*string, error) {
			params.NextToken = token
			page, err := cl.ListCertificates(ctx, &params)
			if err != nil {
				return nil, err
			}
			for _, s := range page.CertificateSummaryList {
				certs = append(certs, state.Certificate{Meta: meta(str(s.CertificateArn), region, nil), DomainName: str(s.DomainName),
					Type: string(s.Type), Status: string(s.Status), KeyAlgorithm: string(s.KeyAlgorithm), InUse: b(s.InUse),
					NotBefore: tptr(s.NotBefore), NotAfter: tptr(s.NotAfter), RenewalEligibility: string(s.RenewalEligibility)})
			}
			return page.NextToken, nil
		})
	})
	if err != nil {
		return
	}
	var issued []int
	for i := range certs {
		if certs[i].Type == string(acmtypes.CertificateTypeAmazonIssued) {
			issued = append(issued, i)
		}
	}
	done := c.perItem(len(issued), func() {
		c.rec.Update(func(a *state.Account) { a.ACM.Certificates = append(a.ACM.Certificates, certs...) })
	})
	for _, i := range issued {
		x := &certs[i]
		c.item("acm", region, x.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "acm", "DescribeCertificate", region, x.ARN, nil, func(ctx context.Context) error {
				out, err := cl.DescribeCertificate(ctx, &acm.DescribeCertificateInput{CertificateArn: sdk.String(x.ARN)})
				if err != nil {
					return err
				}
				if d := out.Certificate; d != nil && d.Options != nil {
					x.TransparencyLogging = string(d.Options.CertificateTransparencyLoggingPreference)
				}
				return nil
			})
		}, "DescribeCertificate")
	}
}
