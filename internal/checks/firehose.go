package checks

import (
	"github.com/shoulder-dev/shoulder/internal/check"
	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

// firehoseChecks are the customer's duties on Amazon Data Firehose: AWS
// runs the delivery, but whether the records it buffers are encrypted at
// rest is the delivery stream owner's setting.
func firehoseChecks() []check.Check {
	return []check.Check{firehoseEncrypted()}
}

// firehoseEncrypted judges every described delivery stream (FSBP
// DataFirehose.1). A stream that reads a Kinesis data stream cannot turn
// on Firehose's own encryption: its records rest in the source stream, so
// the source stream's encryption decides (unknown when that stream was
// not read).
func firehoseEncrypted() check.Check {
	return check.Check{
		ID: "firehose_delivery_stream_encrypted",
		Run: func(a *state.Account, _ *policy.Policy) []check.Result {
			sources := make(map[string]state.KinesisStream, len(a.Kinesis.Streams))
			for _, s := range a.Kinesis.Streams {
				sources[s.ARN] = s
			}
			return eachRegional(a, "firehose", []state.Input{state.InputFirehoseStreams}, a.Firehose.DeliveryStreams, func(d state.DeliveryStream) check.Result {
				if g, ok := a.Gaps.ForInput(state.InputFirehoseDescription, d.Region, d.ARN); ok {
					return check.GapR(d, g)
				}
				if !d.Described {
					return check.UnknownR(d, "delivery stream %s's description was not reported", d.Name)
				}
				if !d.FromKinesis() {
					if d.Encrypted() {
						return check.PassR(d, "delivery stream %s encrypts the records it buffers (%s)", d.Name, d.KeyType)
					}
					return check.FailR(d, "delivery stream %s does not encrypt the records it buffers (server-side encryption %s)", d.Name, d.EncryptionStatus)
				}
				src, ok := sources[d.SourceStreamARN]
				if g, gapped := a.Gaps.ForInputs(d.Region, d.SourceStreamARN, state.InputKinesisStreams, state.InputKinesisStreamSummary); gapped {
					return check.GapR(d, g)
				}
				switch {
				case !ok || !src.Described:
					return check.UnknownR(d, "delivery stream %s reads stream %s, whose encryption was not read", d.Name, d.SourceStreamARN)
				case src.Encrypted():
					return check.PassR(d, "delivery stream %s reads stream %s, which encrypts its records", d.Name, src.Name)
				}
				return check.FailR(d, "delivery stream %s reads stream %s, which stores its records unencrypted", d.Name, src.Name)
			})
		},
	}
}
