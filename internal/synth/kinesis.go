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

// firehose generates region r's Firehose delivery streams: a third read
// one of the region's data streams (when it has any), the others take
// records directly, about half of those encrypted; most deliver to S3.
func (g *gen) firehose(r string) {
	var sources []string
	for _, s := range g.a.Kinesis.Streams {
		if s.Region == r {
			sources = append(sources, s.ARN)
		}
	}
	for k := count(g.n, "deliverystream") / len(g.regions); k > 0; k-- {
		name := g.id("firehose-")
		d := state.DeliveryStream{Meta: state.Meta{ARN: g.arn("firehose", r, "deliverystream/"+name), Region: r, Tags: g.tags()}, Name: name,
			Described: true, Status: "ACTIVE", Type: "DirectPut", Destinations: []string{g.pick("s3", "s3", "s3", "redshift", "opensearch", "http")}}
		switch {
		case len(sources) > 0 && g.rng.IntN(3) == 0:
			d.Type, d.SourceStreamARN = "KinesisStreamAsSource", sources[g.rng.IntN(len(sources))]
		case g.coin():
			d.EncryptionStatus, d.KeyType = "ENABLED", g.pick("AWS_OWNED_CMK", "CUSTOMER_MANAGED_CMK")
			if d.KeyType == "CUSTOMER_MANAGED_CMK" {
				d.KMSKeyARN = g.arn("kms", r, "key/"+g.id(""))
			}
		default:
			d.EncryptionStatus = g.pick("DISABLED", "")
		}
		g.a.Firehose.DeliveryStreams = append(g.a.Firehose.DeliveryStreams, d)
	}
}
