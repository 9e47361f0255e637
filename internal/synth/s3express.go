package synth

import (
	"fmt"
	"strings"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// s3Express adds the region's S3 directory buckets (svc-s3dir; S3 Express
// One Zone is still rare: 0.01% of resources): one zone each, a third on
// SSE-KMS under a customer key, half with an enabled lifecycle rule (a
// tenth with only a disabled one), a fifth with a policy naming another
// account (the trusted partner or an unknown one).
func (g *gen) s3Express(r string) {
	for k := count(g.n, "directorybucket") / len(g.regions); k > 0; k-- {
		name := fmt.Sprintf("%s--%s-az%d--x-s3", g.id("dir-"), zonePrefix(r), 1+g.rng.IntN(3))
		arn := g.arn("s3express", r, "bucket/"+name)
		b := state.DirectoryBucket{Meta: state.Meta{ARN: arn, Region: r}, Name: name, Encryption: &state.BucketEncryption{Algorithm: "AES256"}}
		created := g.ago(700)
		b.CreationDate = &created
		if g.chance(33) {
			b.Encryption = &state.BucketEncryption{Algorithm: "aws:kms", KMSKeyID: g.arn("kms", r, "key/"+g.id("")), BucketKeyEnabled: g.coin()}
		}
		switch n := g.rng.IntN(10); {
		case n < 5:
			b.LifecycleRules = []state.LifecycleRule{{ID: g.id("rule-"), Enabled: true, ExpirationDays: 1 + g.rng.IntN(30), AbortIncompleteDays: 1 + g.rng.IntN(7)}}
		case n == 5:
			b.LifecycleRules = []state.LifecycleRule{{ID: g.id("rule-"), Enabled: false, ExpirationDays: 1 + g.rng.IntN(30)}}
		}
		if g.chance(20) {
			b.Policy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + g.pick("444455556666", "999988887777") +
				`:root"},"Action":"s3express:CreateSession","Resource":"` + arn + `"}]}`
		}
		g.a.S3Express.Buckets = append(g.a.S3Express.Buckets, b)
	}
}

// zonePrefix is the zone ID prefix of a region as AWS names its zones
// (eu-central-1 -> euc1, us-east-1 -> use1), shortened by one rule: the
// first part, the second's first letter, the number.
func zonePrefix(region string) string {
	p := strings.Split(region, "-")
	if len(p) < 3 {
		return region
	}
	return p[0] + p[1][:1] + p[len(p)-1]
}
