package synth

import "github.com/shoulder-dev/shoulder/internal/state"

// kinesis generates region r's Kinesis data streams, every field the
// collectors read drawn at random: most on demand, about two thirds
// encrypted (half of those under a customer managed key), retention from
// the default day to a year.
func (g *gen) kinesis(r string) {
	for k := count(g.n, "stream") / len(g.regions); k > 0; k-- {
		name := g.id("stream-")
		s := state.KinesisStream{Meta: state.Meta{ARN: g.arn("kinesis", r, "stream/"+name), Region: r, Tags: g.tags()}, Name: name,
			Status: "ACTIVE", Mode: g.pick("ON_DEMAND", "PROVISIONED"), Described: true, EncryptionType: "NONE",
			RetentionHours: g.pick2(24, 24, 168, 8760), OpenShards: 1 + g.rng.IntN(8)}
		if g.chance(65) {
			s.EncryptionType, s.KMSKeyID = "KMS", "alias/aws/kinesis"
			if g.coin() {
				s.KMSKeyID = g.arn("kms", r, "key/"+g.id(""))
			}
		}
		g.a.Kinesis.Streams = append(g.a.Kinesis.Streams, s)
	}
}
