package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const dsStreamARN = "arn:aws:kinesis:eu-west-1:" + testAccountID + ":stream/clicks"

// dsStream adds data stream "clicks" in eu-west-1, described: encrypted
// under a customer managed key and kept for a week; edited by mut.
func dsStream(mut func(s *state.KinesisStream)) func(*state.Account) {
	return func(a *state.Account) {
		s := state.KinesisStream{Meta: state.Meta{ARN: dsStreamARN, Region: "eu-west-1"}, Name: "clicks", Status: "ACTIVE",
			Mode: "ON_DEMAND", Described: true, EncryptionType: "KMS", KMSKeyID: "alias/clicks", RetentionHours: 168, OpenShards: 4}
		if mut != nil {
			mut(&s)
		}
		a.Kinesis.Streams = append(a.Kinesis.Streams, s)
	}
}

func kinesisCases() map[string][]checkCase {
	c := func(name string, m func(*state.KinesisStream), want check.Status, msg string) checkCase {
		return checkCase{name: name, acct: baseAccount(dsStream(m)), want: dsWant(want), msg: msg}
	}
	unknowns := []checkCase{
		{name: "listing denied", acct: baseAccount(dsStream(nil), dsGap("kinesis", "eu-west-1", "ListStreams", "")), want: dsWant(dsU)},
		{name: "summary denied", acct: baseAccount(dsStream(func(s *state.KinesisStream) { s.Described = false }),
			dsGap("kinesis", "eu-west-1", "DescribeStreamSummary", dsStreamARN)), want: dsWant(dsU)},
		c("not described", func(s *state.KinesisStream) { s.Described, s.EncryptionType, s.RetentionHours = false, "", 0 }, dsU, "not reported"),
	}
	// exposure-gaps: the stream's resource policy, judged as every store's.
	streamPolicy := func(doc string) func(*state.Account) {
		return dsStream(func(s *state.KinesisStream) { s.PolicyRead, s.Policy = true, doc })
	}
	policyCases := append(sharingCases(scopeSharing, streamPolicy, dsStreamARN, "kinesis:GetRecords", dsGap("kinesis", "eu-west-1", "ListStreams", ""),
		dsGap("kinesis", "eu-west-1", "GetResourcePolicy", dsStreamARN)),
		checkCase{name: "policy not reported", acct: baseAccount(dsStream(nil)), want: dsWant(dsU), msg: "not reported"})
	return map[string][]checkCase{
		"kinesis_stream_policy_trusted": policyCases,
		"kinesis_stream_encrypted_at_rest": append([]checkCase{
			c("customer key", nil, dsP, "alias/clicks"),
			c("aws managed key", func(s *state.KinesisStream) { s.KMSKeyID = "alias/aws/kinesis" }, dsP, "alias/aws/kinesis"),
			c("none", func(s *state.KinesisStream) { s.EncryptionType, s.KMSKeyID = "NONE", "" }, dsF, "unencrypted"),
		}, unknowns...),
		"kinesis_stream_retention_adequate": append([]checkCase{
			c("a week", nil, dsP, "168 hours"),
			c("a year", func(s *state.KinesisStream) { s.RetentionHours = 8760 }, dsP, "8760 hours"),
			c("a day", func(s *state.KinesisStream) { s.RetentionHours = 24 }, dsF, "24 hours"),
			c("retention not reported", func(s *state.KinesisStream) { s.RetentionHours = 0 }, dsU, "retention"),
		}, unknowns...),
	}
}
