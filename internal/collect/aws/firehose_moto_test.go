package aws

import (
	"context"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/firehose"
	fhtypes "github.com/aws/aws-sdk-go-v2/service/firehose/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// buildFirehose creates delivery stream "to-lake" in the region,
// delivering to S3: when secure it takes records directly and encrypts
// them under a customer managed key; otherwise it reads the region's
// "clicks" data stream (built by buildKinesis) and has no encryption of
// its own.
func buildFirehose(ctx context.Context, cfg sdk.Config, r string, secure bool) {
	c := firehose.NewFromConfig(cfg)
	in := &firehose.CreateDeliveryStreamInput{DeliveryStreamName: sdk.String("to-lake"), Tags: []fhtypes.Tag{{Key: sdk.String("owner"), Value: sdk.String("data")}},
		ExtendedS3DestinationConfiguration: &fhtypes.ExtendedS3DestinationConfiguration{
			RoleARN: sdk.String("arn:aws:iam::" + motoAccount + ":role/firehose"), BucketARN: sdk.String("arn:aws:s3:::lake-" + r)}}
	if secure {
		in.DeliveryStreamType = fhtypes.DeliveryStreamTypeDirectPut
		in.DeliveryStreamEncryptionConfigurationInput = &fhtypes.DeliveryStreamEncryptionConfigurationInput{
			KeyType: fhtypes.KeyTypeCustomerManagedCmk, KeyARN: sdk.String("arn:aws:kms:" + r + ":" + motoAccount + ":key/lake")}
	} else {
		in.DeliveryStreamType = fhtypes.DeliveryStreamTypeKinesisStreamAsSource
		in.KinesisStreamSourceConfiguration = &fhtypes.KinesisStreamSourceConfiguration{
			KinesisStreamARN: sdk.String("arn:aws:kinesis:" + r + ":" + motoAccount + ":stream/clicks"),
			RoleARN:          sdk.String("arn:aws:iam::" + motoAccount + ":role/firehose")}
	}
	must(c.CreateDeliveryStream(ctx, in))
	if secure {
		// This moto keeps the creation's encryption input without the
		// status AWS reports; starting encryption sets it as AWS would.
		must(c.StartDeliveryStreamEncryption(ctx, &firehose.StartDeliveryStreamEncryptionInput{DeliveryStreamName: sdk.String("to-lake"),
			DeliveryStreamEncryptionConfigurationInput: in.DeliveryStreamEncryptionConfigurationInput}))
	}
}

// TestMotoFirehose: the listing and each delivery stream's description
// are read back with what the checks judge, in every region.
func TestMotoFirehose(t *testing.T) {
	_, res := collected(t)
	for _, r := range scenarioRegions {
		secure := r == secureRegion
		t.Run(r, func(t *testing.T) {
			d := find(t, "delivery stream", res.Account.Firehose.DeliveryStreams,
				func(x state.DeliveryStream) string { return x.Region + "/" + x.Name }, r+"/to-lake")
			eq(t, "arn", d.ARN, "arn:aws:firehose:"+r+":"+motoAccount+":deliverystream/to-lake")
			eq(t, "described", d.Described, true)
			eq(t, "from kinesis", d.FromKinesis(), !secure)
			eq(t, "destinations", len(d.Destinations), 1)
			eq(t, "owner tag (Tagging API)", d.Tags["owner"], "data")
			if secure {
				eq(t, "encrypted", d.Encrypted(), true)
				eq(t, "key type", d.KeyType, "CUSTOMER_MANAGED_CMK")
				eq(t, "key", d.KMSKeyARN, "arn:aws:kms:"+r+":"+motoAccount+":key/lake")
			} else {
				eq(t, "encrypted", d.Encrypted(), false)
				eq(t, "source", d.SourceStreamARN, "arn:aws:kinesis:"+r+":"+motoAccount+":stream/clicks")
			}
		})
	}
}
