package checks

import (
	"testing"
	"time"

	"github.com/shoulder-dev/shoulder/internal/state"
)

const dsCertARN = "arn:aws:acm:eu-west-1:" + testAccountID + ":certificate/0f1e2d3c-aaaa-bbbb-cccc-1234567890ab"

// dsCert adds an issued, Amazon-issued RSA_2048 certificate for
// shop.example.com in eu-west-1, in use, valid for 200 more days, logged
// for transparency, edited by mut.
func dsCert(mut func(c *state.Certificate)) func(*state.Account) {
	return func(a *state.Account) {
		c := state.Certificate{Meta: state.Meta{ARN: dsCertARN, Region: "eu-west-1"}, DomainName: "shop.example.com", Type: "AMAZON_ISSUED",
			Status: "ISSUED", KeyAlgorithm: "RSA_2048", InUse: true, NotBefore: daysAgo(165), NotAfter: daysAgo(-200),
			RenewalEligibility: "ELIGIBLE", TransparencyLogging: "ENABLED"}
		if mut != nil {
			mut(&c)
		}
		a.ACM.Certificates = append(a.ACM.Certificates, c)
	}
}

func acmCases() map[string][]checkCase {
	noCerts := dsGap("acm", "eu-west-1", "ListCertificates", "")
	cert := func(name string, mut func(*state.Certificate), want checkCase) checkCase {
		want.name, want.acct = name, baseAccount(dsCert(mut))
		return want
	}
	imported := func(c *state.Certificate) {
		c.Type, c.RenewalEligibility, c.TransparencyLogging = "IMPORTED", "INELIGIBLE", ""
	}
	return map[string][]checkCase{
		"acm_certificate_not_expiring": {
			cert("200 days left", nil, checkCase{want: dsWant(dsP), msg: "expires in 200 days"}),
			cert("10 days left, renewal failing", func(c *state.Certificate) { c.NotAfter = daysAgo(-10) }, checkCase{want: dsWant(dsF), msg: "within 30 days"}),
			cert("imported, 29 days left", func(c *state.Certificate) { imported(c); c.NotAfter = daysAgo(-29) }, checkCase{want: dsWant(dsF), msg: "IMPORTED"}),
			cert("imported, 31 days left", func(c *state.Certificate) { imported(c); c.NotAfter = daysAgo(-31) }, checkCase{want: dsWant(dsP)}),
			cert("expired, unused", func(c *state.Certificate) { c.Status, c.InUse, c.NotAfter = "EXPIRED", false, daysAgo(3) }, checkCase{want: dsWant(dsF), msg: "expired 3 days ago"}),
			cert("pending validation", func(c *state.Certificate) { c.Status, c.NotAfter, c.NotBefore = "PENDING_VALIDATION", nil, nil }, checkCase{want: dsWant(dsNA)}),
			cert("expiry not reported", func(c *state.Certificate) { c.NotAfter = nil }, checkCase{want: dsWant(dsU)}),
			{name: "listing denied", acct: baseAccount(dsCert(nil), noCerts), want: dsWant(dsU)},
		},
		"acm_certificate_rsa_key_length": {
			cert("rsa 2048", nil, checkCase{want: dsWant(dsP)}),
			cert("rsa 4096", func(c *state.Certificate) { c.KeyAlgorithm = "RSA_4096" }, checkCase{want: dsWant(dsP), msg: "4096"}),
			cert("imported rsa 1024", func(c *state.Certificate) { imported(c); c.KeyAlgorithm = "RSA_1024" }, checkCase{want: dsWant(dsF), msg: "1024-bit"}),
			cert("ec", func(c *state.Certificate) { c.KeyAlgorithm = "EC_prime256v1" }, checkCase{want: dsWant(dsNA)}),
			cert("not reported", func(c *state.Certificate) { c.KeyAlgorithm = "" }, checkCase{want: dsWant(dsU)}),
			{name: "listing denied", acct: baseAccount(dsCert(nil), noCerts), want: dsWant(dsU)},
		},
		"acm_certificate_transparency_logging": {
			cert("enabled", nil, checkCase{want: dsWant(dsP)}),
			cert("opted out", func(c *state.Certificate) { c.TransparencyLogging = "DISABLED" }, checkCase{want: dsWant(dsF), msg: "opted out"}),
			cert("imported", imported, checkCase{want: dsWant(dsNA)}),
			cert("not reported", func(c *state.Certificate) { c.TransparencyLogging = "" }, checkCase{want: dsWant(dsU)}),
			{name: "describe denied", acct: baseAccount(dsCert(nil), dsGap("acm", "eu-west-1", "DescribeCertificate", dsCertARN)), want: dsWant(dsU)},
			{name: "listing denied", acct: baseAccount(dsCert(nil), noCerts), want: dsWant(dsU)},
		},
	}
}

// TestACMExpiryBoundary: the 30-day limit is exact to the hour, measured
// from the policy's clock (the collection time), not the wall clock.
func TestACMExpiryBoundary(t *testing.T) {
	c := acmCertificateNotExpiring()
	for _, tc := range []struct {
		name string
		left time.Duration
		want string
	}{
		{"one hour short of 30 days", 30*24*time.Hour - time.Hour, "fail"},
		{"30 days exactly", 30 * 24 * time.Hour, "pass"},
		{"one hour past expiry", -time.Hour, "fail"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			end := testTime.Add(tc.left)
			a := baseAccount(dsCert(func(x *state.Certificate) { x.NotAfter = &end }))
			rs := c.Run(a, nil)
			if len(rs) != 1 || string(rs[0].Status) != tc.want {
				t.Fatalf("got %+v, want one %s", rs, tc.want)
			}
		})
	}
}
