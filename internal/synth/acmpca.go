package synth

import "github.com/shoulder-dev/shoulder/internal/state"

// acmPCA adds the region's AWS Private CA certificate authorities
// (svc-s3dir; 0.005% of resources): a root and a subordinate for each
// hierarchy, the root disabled in three hierarchies of five, the
// subordinate active; a tenth of the CAs on level 2 HSMs, a fifth issuing
// short-lived certificates.
func (g *gen) acmPCA(r string) {
	for k := count(g.n, "pcahierarchy") / len(g.regions); k > 0; k-- {
		for _, typ := range []string{"ROOT", "SUBORDINATE"} {
			id := g.id("ca-")
			ca := state.CertificateAuthority{Meta: state.Meta{ARN: g.arn("acm-pca", r, "certificate-authority/"+id), Region: r},
				Type: typ, Status: "ACTIVE", KeyStorageSecurityStandard: "FIPS_140_2_LEVEL_3_OR_HIGHER", UsageMode: "GENERAL_PURPOSE",
				KeyAlgorithm: g.pick("RSA_2048", "RSA_4096", "EC_prime256v1"), SigningAlgorithm: "SHA256WITHRSA", CommonName: id + ".internal",
				CreatedAt: g.agoPtr(20000)}
			if typ == "ROOT" && g.chance(60) {
				ca.Status = "DISABLED"
			}
			if g.chance(10) {
				ca.KeyStorageSecurityStandard = "FIPS_140_2_LEVEL_2_OR_HIGHER"
			}
			if g.chance(20) {
				ca.UsageMode = "SHORT_LIVED_CERTIFICATE"
			}
			g.a.ACMPCA.CertificateAuthorities = append(g.a.ACMPCA.CertificateAuthorities, ca)
		}
	}
}
