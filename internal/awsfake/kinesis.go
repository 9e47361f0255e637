package awsfake

import (
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	kintypes "github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// ---- Kinesis Data Streams (awsJson1.1, X-Amz-Target Kinesis_20131202.*) ----

func (s *Server) kinesisService() *service {
	return &service{name: "kinesis", proto: protoJSON, ops: map[string]handler{
		"ListStreams":           kinListStreams,
		"DescribeStreamSummary": kinDescribeStreamSummary,
		"GetResourcePolicy":     kinGetResourcePolicy,
	}}
}

// kinListStreams pages with Limit (1..10000, default 100) and NextToken, or
// ExclusiveStartStreamName as older clients do; like Kinesis it answers
// the names, HasMoreStreams and a summary of each stream on the page.
func kinListStreams(c *call) (*reply, error) {
	xs := c.s.idx.kinesisStreams[c.region]
	mx, err := c.num("Limit", 0)
	if err != nil {
		return nil, err
	}
	start, end, next, err := page(c.action, len(xs), c.str("NextToken"), mx, 100, 10000)
	if err != nil {
		return nil, err
	}
	if after := c.str("ExclusiveStartStreamName"); after != "" && c.str("NextToken") == "" {
		size := end - start
		start = len(xs)
		for i, x := range xs {
			if x.Name == after {
				start = i + 1
			}
		}
		end = min(start+size, len(xs))
		next = ""
		if end < len(xs) {
			next = encodeToken(c.action, end)
		}
	}
	out := &kinesis.ListStreamsOutput{StreamNames: []string{}, StreamSummaries: []kintypes.StreamSummary{}, HasMoreStreams: p(next != ""), NextToken: sp(next)}
	for _, x := range xs[start:end] {
		out.StreamNames = append(out.StreamNames, x.Name)
		out.StreamSummaries = append(out.StreamSummaries, kintypes.StreamSummary{StreamName: p(x.Name), StreamARN: p(x.ARN),
			StreamStatus: kintypes.StreamStatus(orDefault(x.Status, "ACTIVE")), StreamModeDetails: kinMode(x)})
	}
	return c.jsonReply(out), nil
}

func kinMode(x *state.KinesisStream) *kintypes.StreamModeDetails {
	return &kintypes.StreamModeDetails{StreamMode: kintypes.StreamMode(orDefault(x.Mode, "PROVISIONED"))}
}

// kinDescribeStreamSummary finds the stream by StreamName or StreamARN.
func kinDescribeStreamSummary(c *call) (*reply, error) {
	name, arn := c.str("StreamName"), c.str("StreamARN")
	for _, x := range c.s.idx.kinesisStreams[c.region] {
		if (name == "" || x.Name != name) && (arn == "" || x.ARN != arn) {
			continue
		}
		return c.jsonReply(&kinesis.DescribeStreamSummaryOutput{StreamDescriptionSummary: &kintypes.StreamDescriptionSummary{
			StreamName: p(x.Name), StreamARN: p(x.ARN), StreamStatus: kintypes.StreamStatus(orDefault(x.Status, "ACTIVE")),
			StreamModeDetails: kinMode(x), EncryptionType: kintypes.EncryptionType(orDefault(x.EncryptionType, "NONE")), KeyId: sp(x.KMSKeyID),
			RetentionPeriodHours: p(int32(orDefaultInt(x.RetentionHours, 24))), OpenShardCount: p(int32(x.OpenShards)),
			EnhancedMonitoring: []kintypes.EnhancedMetrics{}}}), nil
	}
	return nil, errf(400, "ResourceNotFoundException", "Stream %s under account %s not found.", name+arn, c.s.acct.AccountID)
}

// kinGetResourcePolicy answers a stream's resource policy by ResourceARN;
// like Kinesis it answers "{}" for a stream without one (exposure-gaps).
func kinGetResourcePolicy(c *call) (*reply, error) {
	arn := c.str("ResourceARN")
	for _, x := range c.s.idx.kinesisStreams[c.region] {
		if x.ARN != arn {
			continue
		}
		return c.jsonReply(&kinesis.GetResourcePolicyOutput{Policy: p(orDefault(x.Policy, "{}"))}), nil
	}
	return nil, errf(400, "ResourceNotFoundException", "Stream %s under account %s not found.", arn, c.s.acct.AccountID)
}

func orDefaultInt(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}
