package awsfake

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/acm"
	acmtypes "github.com/aws/aws-sdk-go-v2/service/acm/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// TestACMListingDefaultsToRSA2048: like ACM, the fake's ListCertificates
// answers only RSA_2048 certificates unless Includes.keyTypes asks for
// more, so a collector that forgot the filter would miss exactly the weak
// (RSA_1024) and the EC certificates in the round-trip tests.
func TestACMListingDefaultsToRSA2048(t *testing.T) {
	a := &state.Account{AccountID: "123456789012", Partition: "aws", Regions: []state.Region{{Name: "eu-west-1", OptInStatus: "opt-in-not-required", Enabled: true, Scanned: true}}}
	for _, k := range []string{"RSA_2048", "RSA_1024", "EC_prime256v1"} {
		a.ACM.Certificates = append(a.ACM.Certificates, state.Certificate{
			Meta:       state.Meta{ARN: "arn:aws:acm:eu-west-1:123456789012:certificate/" + strings.ToLower(k), Region: "eu-west-1"},
			DomainName: k + ".example.com", Type: "IMPORTED", Status: "ISSUED", KeyAlgorithm: k})
	}
	r, err := Start(a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	c := acm.NewFromConfig(sdkConfig(r.URL, "eu-west-1"))
	list := func(in *acm.ListCertificatesInput) []string {
		out, err := c.ListCertificates(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range out.CertificateSummaryList {
			got = append(got, string(s.KeyAlgorithm))
		}
		sort.Strings(got)
		return got
	}
	if got := list(&acm.ListCertificatesInput{}); strings.Join(got, ",") != "RSA_2048" {
		t.Errorf("without Includes: %v, want RSA_2048 only", got)
	}
	all := list(&acm.ListCertificatesInput{Includes: &acmtypes.Filters{KeyTypes: acmtypes.KeyAlgorithm("").Values()}})
	if strings.Join(all, ",") != "EC_prime256v1,RSA_1024,RSA_2048" {
		t.Errorf("with every key type: %v", all)
	}
}
