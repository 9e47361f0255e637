package builder

import "github.com/shoulder-dev/shoulder/internal/state"

// kinesis adds Alpenglow's data streams: the Frankfurt shop's order events
// (on demand, encrypted under the data-lake key, kept a week for replay)
// and the marketing agency's clickstream in N. Virginia (four provisioned
// shards, unencrypted, the default 24 hours). Firehose delivers the order
// events to the data lake (reading the encrypted stream) and the agency's
// form submissions, put directly without encryption, to an HTTP endpoint.
// The order events have no resource policy; the clickstream's lets the
// untrusted partner's account read it (exposure-gaps).
func (x *b) kinesis() {
	fra, iad := "eu-central-1", "us-east-1"
	stream := func(region, name string, t map[string]string, s state.KinesisStream) state.KinesisStream {
		s.Meta, s.Name, s.Status, s.Described = state.Meta{ARN: x.arn("kinesis", region, "stream/"+name), Region: region, Tags: t}, name, "ACTIVE", true
		s.PolicyRead = true
		return s
	}
	readBy := func(region, name, account string) string { // exposure-gaps
		return `{"Version":"2012-10-17","Statement":[{"Sid":"ReadBy` + account + `","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + account + `:root"},` +
			`"Action":["kinesis:DescribeStreamSummary","kinesis:GetShardIterator","kinesis:GetRecords","kinesis:ListShards"],"Resource":"` +
			x.arn("kinesis", region, "stream/"+name) + `"}]}`
	}
	x.a.Kinesis.Streams = append(x.a.Kinesis.Streams,
		stream(fra, "order-events", tags("owner", "shop", "data-classification", "confidential"), state.KinesisStream{Mode: "ON_DEMAND",
			EncryptionType: "KMS", KMSKeyID: x.datalakeKey(fra), RetentionHours: 168, OpenShards: 4}),
		stream(iad, "marketing-clickstream", tags("owner", "marketing", "data-classification", "confidential"), state.KinesisStream{Mode: "PROVISIONED",
			EncryptionType: "NONE", RetentionHours: 24, OpenShards: 4,
			Policy: readBy(iad, "marketing-clickstream", UntrustedPartner)}),
	)
	delivery := func(region, name string, t map[string]string, d state.DeliveryStream) state.DeliveryStream {
		d.Meta, d.Name, d.Status, d.Described = state.Meta{ARN: x.arn("firehose", region, "deliverystream/"+name), Region: region, Tags: t}, name, "ACTIVE", true
		return d
	}
	x.a.Firehose.DeliveryStreams = append(x.a.Firehose.DeliveryStreams,
		delivery(fra, "order-events-to-lake", tags("owner", "shop", "data-classification", "confidential"), state.DeliveryStream{
			Type: "KinesisStreamAsSource", SourceStreamARN: x.arn("kinesis", fra, "stream/order-events"), Destinations: []string{"s3"}}),
		delivery(iad, "marketing-form-submissions", tags("owner", "marketing", "data-classification", "confidential"), state.DeliveryStream{
			Type: "DirectPut", EncryptionStatus: "DISABLED", Destinations: []string{"http"}}),
	)
}
