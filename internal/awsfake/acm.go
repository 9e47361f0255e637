package awsfake

import (
	"github.com/aws/aws-sdk-go-v2/service/acm"
	acmtypes "github.com/aws/aws-sdk-go-v2/service/acm/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// ---- ACM (awsJson1.1, X-Amz-Target CertificateManager.*) ----

func (s *Server) acmService() *service {
	return &service{name: "acm", proto: protoJSON, ops: map[string]handler{
		"ListCertificates":    acmListCertificates,
		"DescribeCertificate": acmDescribeCertificate,
	}}
}

// acmListCertificates pages with MaxItems (1..1000) and NextToken. Like
// ACM, it answers only RSA_2048 certificates unless Includes.keyTypes
// names the key types wanted.
func acmListCertificates(c *call) (*reply, error) {
	want := map[string]bool{"RSA_2048": true}
	if inc, ok := c.body["Includes"].(map[string]any); ok {
		if kts, ok := inc["keyTypes"].([]any); ok && len(kts) > 0 {
			want = map[string]bool{}
			for _, k := range kts {
				if s, ok := k.(string); ok {
					want[s] = true
				}
			}
		}
	}
	var certs []*state.Certificate
	for _, x := range c.s.idx.certificates[c.region] {
		if want[orDefault(x.KeyAlgorithm, "RSA_2048")] {
			certs = append(certs, x)
		}
	}
	mx, err := c.num("MaxItems", 0)
	if err != nil {
		return nil, err
	}
	start, end, next, err := page(c.action, len(certs), c.str("NextToken"), mx, 1000, 1000)
	if err != nil {
		return nil, err
	}
	out := &acm.ListCertificatesOutput{CertificateSummaryList: []acmtypes.CertificateSummary{}, NextToken: sp(next)}
	for _, x := range certs[start:end] {
		out.CertificateSummaryList = append(out.CertificateSummaryList, acmtypes.CertificateSummary{
			CertificateArn: sp(x.ARN), DomainName: sp(x.DomainName), Type: acmtypes.CertificateType(x.Type),
			Status: acmtypes.CertificateStatus(x.Status), KeyAlgorithm: acmtypes.KeyAlgorithm(orDefault(x.KeyAlgorithm, "RSA_2048")),
			InUse: p(x.InUse), NotBefore: x.NotBefore, NotAfter: x.NotAfter,
			RenewalEligibility: acmtypes.RenewalEligibility(x.RenewalEligibility)})
	}
	return c.jsonReply(out), nil
}

func acmDescribeCertificate(c *call) (*reply, error) {
	arn := c.str("CertificateArn")
	for _, x := range c.s.idx.certificates[c.region] {
		if x.ARN != arn {
			continue
		}
		d := &acmtypes.CertificateDetail{CertificateArn: sp(x.ARN), DomainName: sp(x.DomainName), Type: acmtypes.CertificateType(x.Type),
			Status: acmtypes.CertificateStatus(x.Status), KeyAlgorithm: acmtypes.KeyAlgorithm(orDefault(x.KeyAlgorithm, "RSA_2048")),
			NotBefore: x.NotBefore, NotAfter: x.NotAfter, RenewalEligibility: acmtypes.RenewalEligibility(x.RenewalEligibility)}
		if x.TransparencyLogging != "" {
			d.Options = &acmtypes.CertificateOptions{CertificateTransparencyLoggingPreference: acmtypes.CertificateTransparencyLoggingPreference(x.TransparencyLogging)}
		}
		return c.jsonReply(&acm.DescribeCertificateOutput{Certificate: d}), nil
	}
	return nil, errf(400, "ResourceNotFoundException", "Could not find certificate %s.", arn)
}
