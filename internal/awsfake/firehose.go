package awsfake

import (
	"strconv"

	"github.com/aws/aws-sdk-go-v2/service/firehose"
	fhtypes "github.com/aws/aws-sdk-go-v2/service/firehose/types"
)

// ---- Amazon Data Firehose (awsJson1.1, X-Amz-Target Firehose_20150804.*) ----

func (s *Server) firehoseService() *service {
	return &service{name: "firehose", proto: protoJSON, ops: map[string]handler{
		"ListDeliveryStreams":    fhListDeliveryStreams,
		"DescribeDeliveryStream": fhDescribeDeliveryStream,
	}}
}

// fhListDeliveryStreams pages with Limit (1..10000, default 10) and
// ExclusiveStartDeliveryStreamName, answering names and
// HasMoreDeliveryStreams as Firehose does.
func fhListDeliveryStreams(c *call) (*reply, error) {
	xs := c.s.idx.deliveryStreams[c.region]
	n, err := c.num("Limit", 10)
	if err != nil {
		return nil, err
	}
	if n < 1 || n > 10000 {
		return nil, errf(400, "ValidationException", "Limit must be between 1 and 10000")
	}
	start := 0
	if after := c.str("ExclusiveStartDeliveryStreamName"); after != "" {
		start = len(xs)
		for i, x := range xs {
			if x.Name == after {
				start = i + 1
			}
		}
	}
	end := min(start+n, len(xs))
	out := &firehose.ListDeliveryStreamsOutput{DeliveryStreamNames: []string{}, HasMoreDeliveryStreams: p(end < len(xs))}
	for _, x := range xs[start:end] {
		out.DeliveryStreamNames = append(out.DeliveryStreamNames, x.Name)
	}
	return c.jsonReply(out), nil
}

func fhDescribeDeliveryStream(c *call) (*reply, error) {
	name := c.str("DeliveryStreamName")
	for _, x := range c.s.idx.deliveryStreams[c.region] {
		if x.Name != name {
			continue
		}
		d := &fhtypes.DeliveryStreamDescription{DeliveryStreamName: p(x.Name), DeliveryStreamARN: p(x.ARN),
			DeliveryStreamStatus: fhtypes.DeliveryStreamStatus(orDefault(x.Status, "ACTIVE")),
			DeliveryStreamType:   fhtypes.DeliveryStreamType(orDefault(x.Type, "DirectPut")), VersionId: p("1"),
			HasMoreDestinations: p(false), Destinations: []fhtypes.DestinationDescription{}}
		if x.SourceStreamARN != "" {
			d.Source = &fhtypes.SourceDescription{KinesisStreamSourceDescription: &fhtypes.KinesisStreamSourceDescription{KinesisStreamARN: p(x.SourceStreamARN)}}
		}
		if x.EncryptionStatus != "" {
			d.DeliveryStreamEncryptionConfiguration = &fhtypes.DeliveryStreamEncryptionConfiguration{
				Status: fhtypes.DeliveryStreamEncryptionStatus(x.EncryptionStatus), KeyType: fhtypes.KeyType(x.KeyType), KeyARN: sp(x.KMSKeyARN)}
		}
		for i, k := range x.Destinations {
			d.Destinations = append(d.Destinations, fhDestination(i, k))
		}
		return c.jsonReply(&firehose.DescribeDeliveryStreamOutput{DeliveryStreamDescription: d}), nil
	}
	return nil, errf(400, "ResourceNotFoundException", "Firehose %s under account %s not found.", name, c.s.acct.AccountID)
}

// fhDestination describes a destination of kind k (the names the
// collector gives them) with the least Firehose reports for it.
func fhDestination(i int, k string) fhtypes.DestinationDescription {
	d := fhtypes.DestinationDescription{DestinationId: p("destinationId-" + strconv.Itoa(i+1))}
	switch k {
	case "s3":
		d.ExtendedS3DestinationDescription = &fhtypes.ExtendedS3DestinationDescription{}
	case "redshift":
		d.RedshiftDestinationDescription = &fhtypes.RedshiftDestinationDescription{}
	case "opensearch":
		d.AmazonopensearchserviceDestinationDescription = &fhtypes.AmazonopensearchserviceDestinationDescription{}
	case "opensearch-serverless":
		d.AmazonOpenSearchServerlessDestinationDescription = &fhtypes.AmazonOpenSearchServerlessDestinationDescription{}
	case "splunk":
		d.SplunkDestinationDescription = &fhtypes.SplunkDestinationDescription{}
	case "http":
		d.HttpEndpointDestinationDescription = &fhtypes.HttpEndpointDestinationDescription{}
	case "snowflake":
		d.SnowflakeDestinationDescription = &fhtypes.SnowflakeDestinationDescription{}
	case "iceberg":
		d.IcebergDestinationDescription = &fhtypes.IcebergDestinationDescription{}
	}
	return d
}
