package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const dsDeliveryARN = "arn:aws:firehose:eu-west-1:" + testAccountID + ":deliverystream/to-lake"

// dsDelivery adds delivery stream "to-lake" in eu-west-1, described:
// direct put, encrypted under a customer managed key, to S3; edited by mut.
func dsDelivery(mut func(d *state.DeliveryStream)) func(*state.Account) {
	return func(a *state.Account) {
		d := state.DeliveryStream{Meta: state.Meta{ARN: dsDeliveryARN, Region: "eu-west-1"}, Name: "to-lake", Described: true,
			Status: "ACTIVE", Type: "DirectPut", EncryptionStatus: "ENABLED", KeyType: "CUSTOMER_MANAGED_CMK",
			KMSKeyARN: "arn:aws:kms:eu-west-1:" + testAccountID + ":key/lake", Destinations: []string{"s3"}}
		if mut != nil {
			mut(&d)
		}
		a.Firehose.DeliveryStreams = append(a.Firehose.DeliveryStreams, d)
	}
}

// fromClicks makes the delivery stream read data stream "clicks".
func fromClicks(d *state.DeliveryStream) {
	d.Type, d.SourceStreamARN, d.EncryptionStatus, d.KeyType, d.KMSKeyARN = "KinesisStreamAsSource", dsStreamARN, "", "", ""
}

func firehoseCases() map[string][]checkCase {
	c := func(name string, m func(*state.DeliveryStream), want check.Status, msg string, more ...func(*state.Account)) checkCase {
		return checkCase{name: name, acct: baseAccount(append([]func(*state.Account){dsDelivery(m)}, more...)...), want: dsWant(want), msg: msg}
	}
	return map[string][]checkCase{
		"firehose_delivery_stream_encrypted": {
			c("customer key", nil, dsP, "CUSTOMER_MANAGED_CMK"),
			c("aws owned key", func(d *state.DeliveryStream) { d.KeyType, d.KMSKeyARN = "AWS_OWNED_CMK", "" }, dsP, "AWS_OWNED_CMK"),
			c("disabled", func(d *state.DeliveryStream) { d.EncryptionStatus = "DISABLED" }, dsF, "DISABLED"),
			c("never configured", func(d *state.DeliveryStream) { d.EncryptionStatus, d.KeyType, d.KMSKeyARN = "", "", "" }, dsF, "does not encrypt"),
			c("encrypted source stream", fromClicks, dsP, "clicks, which encrypts", dsStream(nil)),
			c("plain source stream", fromClicks, dsF, "unencrypted", dsStream(func(s *state.KinesisStream) { s.EncryptionType = "NONE" })),
			c("source stream not listed", fromClicks, dsU, "was not read"),
			c("source summary denied", fromClicks, dsU, "DescribeStreamSummary", dsStream(func(s *state.KinesisStream) { s.Described = false }),
				dsGap("kinesis", "eu-west-1", "DescribeStreamSummary", dsStreamARN)),
			c("not described", func(d *state.DeliveryStream) { d.Described = false }, dsU, "not reported"),
			{name: "listing denied", acct: baseAccount(dsDelivery(nil), dsGap("firehose", "eu-west-1", "ListDeliveryStreams", "")), want: dsWant(dsU)},
			{name: "description denied", acct: baseAccount(dsDelivery(func(d *state.DeliveryStream) { d.Described = false }),
				dsGap("firehose", "eu-west-1", "DescribeDeliveryStream", dsDeliveryARN)), want: dsWant(dsU)},
		},
		"firehose_delivery_stream_in_allowed_region": storeCases("firehose", "ListDeliveryStreams", func(r string) func(*state.Account) {
			return func(a *state.Account) {
				a.Firehose.DeliveryStreams = append(a.Firehose.DeliveryStreams,
					state.DeliveryStream{Meta: nwMetaIn(r, "firehose", "deliverystream/d1"), Name: "d1"})
			}
		}),
	}
}
