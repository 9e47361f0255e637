package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// kinesisChecks are the customer's duties on Kinesis Data Streams: AWS
// stores the records across three zones and serves the shards, but whether
// records are encrypted at rest and how long they stay replayable are the
// stream owner's settings.
func kinesisChecks() []check.Check {
	return []check.Check{
		kinesisStreamCheck("kinesis_stream_encrypted_at_rest", kinesisEncrypted),
		kinesisStreamCheck("kinesis_stream_retention_adequate", kinesisRetention),
		policyCheck(kinesisPolicy, scopeSharing), // exposure-gaps
	}
}

// kinesisPolicy is the sharing check's view of data streams (exposure-gaps):
// the stream's resource policy judged by internal/exposure as every other
// store's; a stream whose policy was never read is unknown, not private.
var kinesisPolicy = policyStoreSpec{prefix: "kinesis_stream",
	policyRead: state.InputKinesisStreamPolicy,
	each: func(a *state.Account, judge func(state.Resource, string, string) check.Result) []check.Result {
		return eachRegional(a, "kinesis", []state.Input{state.InputKinesisStreams}, a.Kinesis.Streams, func(s state.KinesisStream) check.Result {
			if _, gapped := a.Gaps.ForInput(state.InputKinesisStreamPolicy, s.Region, s.ARN); !gapped && !s.PolicyRead {
				return check.UnknownR(s, "stream %s's resource policy was not reported", s.Name)
			}
			return judge(s, "stream "+s.Name, s.Policy)
		})
	}}

// kinesisMinRetentionHours is FSBP Kinesis.3's default minimum retention
// (minimumRetentionHours, 168 hours: seven days).
const kinesisMinRetentionHours = 168

// kinesisStreamCheck judges every described stream; one whose summary was
// not read is unknown, with the read's gap when one was recorded.
func kinesisStreamCheck(id string, judge func(state.KinesisStream) check.Result) check.Check {
	return check.Check{
		ID: id,
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			return eachRegional(a, "kinesis", []state.Input{state.InputKinesisStreams}, a.Kinesis.Streams, func(s state.KinesisStream) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputKinesisStreamSummary, s.Region, s.ARN); ok {
					return check.GapR(s, g)
				}
				if !s.Described {
					return check.UnknownR(s, "stream %s's summary was not reported", s.Name)
				}
				return judge(s)
			})
		},
	}
}

func kinesisEncrypted(s state.KinesisStream) check.Result {
	if s.Encrypted() {
		return check.PassR(s, "stream %s encrypts its records with KMS key %s", s.Name, s.KMSKeyID)
	}
	return check.FailR(s, "stream %s stores its records unencrypted (encryption type %s)", s.Name, s.EncryptionType)
}

func kinesisRetention(s state.KinesisStream) check.Result {
	switch {
	case s.RetentionHours == 0:
		return check.UnknownR(s, "stream %s's retention period was not reported", s.Name)
	case s.RetentionHours < kinesisMinRetentionHours:
		return check.FailR(s, "stream %s keeps records for %d hours, less than %d (seven days)", s.Name, s.RetentionHours, kinesisMinRetentionHours)
	}
	return check.PassR(s, "stream %s keeps records for %d hours", s.Name, s.RetentionHours)
}
