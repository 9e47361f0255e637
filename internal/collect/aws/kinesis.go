package aws

import (
	"context"
	"strings"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// kinesis lists a region's data streams (100 names and summaries a page)
// and describes each with DescribeStreamSummary: encryption, its key and
// retention are in no listing. Streams are addressed by name, not ARN, so
// the SDK does not route the call to the account-specific control
// endpoint. Each stream's resource policy (GetResourcePolicy, addressed by
// ARN as the API requires) is a task of its own, in its own lane: its rate
// is a quarter of the summary's.
func (c *collector) kinesis(ctx context.Context, region string) {
	cl := kinesis.NewFromConfig(c.cfg, func(o *kinesis.Options) {
		o.Region = region
		o.APIOptions = append(o.APIOptions, c.instrument("kinesis", region))
	})
	var streams []state.KinesisStream
	err := c.do(ctx, "kinesis", "ListStreams", region, "", nil, func(ctx context.Context) error {
		in := &kinesis.ListStreamsInput{Limit: sdk.Int32(100)}
		seen := map[string]bool{}
		for {
			page, err := cl.ListStreams(ctx, in)
			if err != nil {
				return err
			}
			byName := map[string]state.KinesisStream{}
			for _, s := range page.StreamSummaries {
				name := str(s.StreamName)
				x := state.KinesisStream{Meta: meta(str(s.StreamARN), region, nil), Name: name, Status: string(s.StreamStatus)}
				if m := s.StreamModeDetails; m != nil {
					x.Mode = string(m.StreamMode)
				}
				byName[name] = x
			}
			for _, name := range page.StreamNames {
				if seen[name] {
					continue
				}
				seen[name] = true
				x, ok := byName[name]
				if !ok {
					x = state.KinesisStream{Name: name}
				}
				if x.ARN == "" {
					x.Meta = meta(c.arn("kinesis", region, c.accountID, "stream/"+name), region, nil)
				}
				streams = append(streams, x)
			}
			// Kinesis pages with NextToken; older answers (and moto) only
			// say HasMoreStreams and expect ExclusiveStartStreamName.
			switch {
			case str(page.NextToken) != "":
				in = &kinesis.ListStreamsInput{Limit: sdk.Int32(100), NextToken: page.NextToken}
			case b(page.HasMoreStreams) && len(page.StreamNames) > 0:
				in = &kinesis.ListStreamsInput{Limit: sdk.Int32(100), ExclusiveStartStreamName: sdk.String(page.StreamNames[len(page.StreamNames)-1])}
			default:
				return nil
			}
		}
	})
	if err != nil {
		return
	}
	done := c.perItem(2*len(streams), func() {
		c.rec.Update(func(a *state.Account) { a.Kinesis.Streams = append(a.Kinesis.Streams, streams...) })
	})
	for i := range streams {
		s := &streams[i]
		c.item("kinesis", region, s.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "kinesis", "DescribeStreamSummary", region, s.ARN, nil, func(ctx context.Context) error {
				out, err := cl.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: sdk.String(s.Name)})
				if err != nil {
					return err
				}
				x := out.StreamDescriptionSummary
				if x == nil {
					return nil
				}
				s.Described = true
				s.Status = string(x.StreamStatus)
				if m := x.StreamModeDetails; m != nil {
					s.Mode = string(m.StreamMode)
				}
				s.EncryptionType, s.KMSKeyID = string(x.EncryptionType), str(x.KeyId)
				s.RetentionHours, s.OpenShards = i32(x.RetentionPeriodHours), i32(x.OpenShardCount)
				return nil
			})
		}, "DescribeStreamSummary")
		c.item("kinesis", region, s.ARN, done, func(ctx context.Context) {
			_ = c.do(ctx, "kinesis", "GetResourcePolicy", region, s.ARN, nil, func(ctx context.Context) error {
				out, err := cl.GetResourcePolicy(ctx, &kinesis.GetResourcePolicyInput{ResourceARN: sdk.String(s.ARN)})
				if err != nil {
					return err
				}
				s.PolicyRead, s.Policy = true, streamPolicy(str(out.Policy))
				return nil
			})
		}, "GetResourcePolicy")
	}
}

// streamPolicy is a stream's resource policy as the state keeps it: Kinesis
// answers "{}" (an empty object) for a stream without one, kept as "".
func streamPolicy(doc string) string {
	if t := strings.TrimSpace(doc); t == "{}" || t == "" {
		return ""
	}
	return doc
}
