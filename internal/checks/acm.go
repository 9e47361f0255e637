package checks

import (
	"time"

	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// acmChecks are the customer's duties on ACM certificates: AWS issues,
// stores and (for eligible Amazon-issued certificates in use) renews them,
// but renewing imported certificates, fixing failed renewals, choosing the
// key and keeping transparency logging on are the customer's.
func acmChecks() []check.Check {
	return []check.Check{
		acmCertificateNotExpiring(),
		acmCertificateRSAKeyLength(),
		acmCertificateTransparencyLogging(),
	}
}

// acmExpiryDays is how close to its expiry a certificate may be: the
// default of FSBP ACM.1 (AWS Config rule acm-certificate-expiration-check).
// ACM starts renewing an eligible Amazon-issued certificate 60 days
// before it expires, so one still within 30 days has a renewal that failed.
const acmExpiryDays = 30

// acmMinRSABits is FSBP ACM.2's minimum RSA key length.
const acmMinRSABits = 2048

func eachCertificate(a *state.Account, judge func(c state.Certificate) check.Result) []check.Result {
	return eachRegional(a, "acm", []state.Input{state.InputACMCertificates}, a.ACM.Certificates, judge)
}

// inUse words whether a certificate is served.
func inUse(c state.Certificate) string {
	if c.InUse {
		return "in use"
	}
	return "not in use"
}

// orNone is s, or "none reported" when empty.
func orNone(s string) string {
	if s == "" {
		return "none reported"
	}
	return s
}

func acmCertificateNotExpiring() check.Check {
	return check.Check{
		ID: "acm_certificate_not_expiring",
		Run: func(a *state.Account, p *policy.Policy) []check.Result {
			now := p.Clock(a.CollectedAt)
			return eachCertificate(a, func(c state.Certificate) check.Result {
				if c.Status != "ISSUED" && c.Status != "EXPIRED" {
					return check.NotApplicableR(c, "certificate %s (%s) is %s: it was never valid, so nothing expires", c.DomainName, c.Type, orNone(c.Status))
				}
				if c.NotAfter == nil {
					return check.UnknownR(c, "certificate %s (%s, %s): its expiry was not reported", c.DomainName, c.Type, inUse(c))
				}
				left := c.NotAfter.Sub(now)
				days := int(left.Hours() / 24)
				switch {
				case left <= 0:
					return check.FailR(c, "certificate %s (%s, %s) expired %d days ago (%s)", c.DomainName, c.Type, inUse(c), -days, c.NotAfter.Format(time.DateOnly))
				case left < acmExpiryDays*24*time.Hour:
					return check.FailR(c, "certificate %s (%s, %s, renewal %s) expires in %d days (%s), within %d days", c.DomainName, c.Type, inUse(c),
						orNone(c.RenewalEligibility), days, c.NotAfter.Format(time.DateOnly), acmExpiryDays)
				}
				return check.PassR(c, "certificate %s (%s, %s) expires in %d days (%s)", c.DomainName, c.Type, inUse(c), days, c.NotAfter.Format(time.DateOnly))
			})
		},
	}
}

func acmCertificateRSAKeyLength() check.Check {
	return check.Check{
		ID: "acm_certificate_rsa_key_length",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachCertificate(a, func(c state.Certificate) check.Result {
				bits := c.RSABits()
				switch {
				case c.KeyAlgorithm == "":
					return check.UnknownR(c, "certificate %s: its key algorithm was not reported", c.DomainName)
				case bits == 0:
					return check.NotApplicableR(c, "certificate %s has a %s key, not RSA", c.DomainName, c.KeyAlgorithm)
				case bits < acmMinRSABits:
					return check.FailR(c, "certificate %s (%s, %s) has a %d-bit RSA key, below %d", c.DomainName, c.Type, inUse(c), bits, acmMinRSABits)
				}
				return check.PassR(c, "certificate %s has a %d-bit RSA key", c.DomainName, bits)
			})
		},
	}
}

func acmCertificateTransparencyLogging() check.Check {
	return check.Check{
		ID: "acm_certificate_transparency_logging",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachCertificate(a, func(c state.Certificate) check.Result {
				if c.Type != "AMAZON_ISSUED" {
					return check.NotApplicableR(c, "certificate %s is %s: only Amazon-issued certificates have a transparency logging preference", c.DomainName, orNone(c.Type))
				}
				if g, ok := a.Gaps.ForInput(state.InputACMCertificateTransparency, c.Region, c.ARN); ok {
					return check.GapR(c, g)
				}
				switch c.TransparencyLogging {
				case "ENABLED":
					return check.PassR(c, "certificate %s is logged to public certificate transparency logs", c.DomainName)
				case "DISABLED":
					return check.FailR(c, "certificate %s (%s) opted out of certificate transparency logging: browsers may refuse it and mis-issuance goes unseen", c.DomainName, inUse(c))
				}
				return check.UnknownR(c, "certificate %s: its transparency logging preference was not reported", c.DomainName)
			})
		},
	}
}
