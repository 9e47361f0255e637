package aws

import (
	"context"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/firehose"
	fhtypes "github.com/aws/aws-sdk-go-v2/service/firehose/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// firehose lists a region's delivery streams (names only, paged with
// ExclusiveStartDeliveryStreamName) and describes each: source,
// encryption and destinations are in no listing.
func (c *collector) firehose(ctx context.Context, region string) {
	cl := firehose.NewFromConfig(c.cfg, func(o *firehose.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("firehose", region))
	})
	var streams []state.DeliveryStream
	err := c.do(ctx, "firehose", "ListDeliveryStreams", region, "", nil, func(ctx context.Context) error {
		in := &firehose.ListDeliveryStreamsInput{Limit: sdk.Int32(1000)}
		for {
			page, err := cl.ListDeliveryStreams(ctx, in)
			if err != nil {
				return err
			}
			for _, name := range page.DeliveryStreamNames {
				streams = append(streams, state.DeliveryStream{Meta: meta(c.arn("firehose", region, c.accountID, "deliverystream/"+name), region, nil), Name: name})
			}
			if !b(page.HasMoreDeliveryStreams) || len(page.DeliveryStreamNames) == 0 {
				return nil
			}
			in = &firehose.ListDeliveryStreamsInput{Limit: sdk.Int32(1000),
				ExclusiveStartDeliveryStreamName: sdk.String(page.DeliveryStreamNames[len(page.DeliveryStreamNames)-1])}
		}
	})
	if err != nil {
		return
	}
	done := c.perItem(len(streams), func() {
		c.rec.Update(func(a *state.Account) { a.Firehose.DeliveryStreams = append(a.Firehose.DeliveryStreams, streams...) })
	})
	for i := range streams {
		d := &streams[i]
		c.item("firehose", region, d.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "firehose", "DescribeDeliveryStream", region, d.ARN, nil, func(ctx context.Context) error {
				out, err := cl.DescribeDeliveryStream(ctx, &firehose.DescribeDeliveryStreamInput{DeliveryStreamName: sdk.String(d.Name)})
				if err != nil {
					return err
				}
				x := out.DeliveryStreamDescription
				if x == nil {
					return nil
				}
				d.Described, d.Status, d.Type = true, string(x.DeliveryStreamStatus), string(x.DeliveryStreamType)
				if s := x.Source; s != nil && s.KinesisStreamSourceDescription != nil {
					d.SourceStreamARN = str(s.KinesisStreamSourceDescription.KinesisStreamARN)
				}
				if e := x.DeliveryStreamEncryptionConfiguration; e != nil {
					d.EncryptionStatus, d.KeyType, d.KMSKeyARN = string(e.Status), string(e.KeyType), str(e.KeyARN)
				}
				for _, dst := range x.Destinations {
					d.Destinations = append(d.Destinations, destinationKind(dst))
				}
				return nil
			})
		}, "DescribeDeliveryStream")
	}
}

// destinationKind names the kind of a delivery stream's destination.
func destinationKind(d fhtypes.DestinationDescription) string {
	switch {
	case d.ExtendedS3DestinationDescription != nil, d.S3DestinationDescription != nil:
		return "s3"
	case d.RedshiftDestinationDescription != nil:
		return "redshift"
	case d.AmazonopensearchserviceDestinationDescription != nil, d.ElasticsearchDestinationDescription != nil:
		return "opensearch"
	case d.AmazonOpenSearchServerlessDestinationDescription != nil:
		return "opensearch-serverless"
	case d.SplunkDestinationDescription != nil:
		return "splunk"
	case d.HttpEndpointDestinationDescription != nil:
		return "http"
	case d.SnowflakeDestinationDescription != nil:
		return "snowflake"
	case d.IcebergDestinationDescription != nil:
		return "iceberg"
	}
	return "other"
}
