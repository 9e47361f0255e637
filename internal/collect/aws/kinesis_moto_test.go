package aws

import (
	"context"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	kintypes "github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// buildKinesis creates data stream "clicks" in the region: when secure it
// encrypts its records under a customer managed key, keeps them for a
// week (168 hours) and has no resource policy; otherwise it is plain,
// keeps the default 24 hours and its policy lets another account read it.
func buildKinesis(ctx context.Context, cfg sdk.Config, secure bool) {
	c := kinesis.NewFromConfig(cfg)
	must(c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: sdk.String("clicks"), ShardCount: sdk.Int32(2)}))
	if !secure {
		arn := "arn:aws:kinesis:" + cfg.Region + ":" + motoAccount + ":stream/clicks"
		must(c.PutResourcePolicy(ctx, &kinesis.PutResourcePolicyInput{ResourceARN: sdk.String(arn), Policy: sdk.String(kinesisMotoPolicy(arn))}))
		return
	}
	must(c.StartStreamEncryption(ctx, &kinesis.StartStreamEncryptionInput{StreamName: sdk.String("clicks"),
		EncryptionType: kintypes.EncryptionTypeKms, KeyId: sdk.String("alias/clicks")}))
	must(c.IncreaseStreamRetentionPeriod(ctx, &kinesis.IncreaseStreamRetentionPeriodInput{StreamName: sdk.String("clicks"),
		RetentionPeriodHours: sdk.Int32(168)}))
}

// TestMotoKinesis: the listing and each stream's summary are read back
// with what the checks judge, in every region.
func TestMotoKinesis(t *testing.T) {
	_, res := collected(t)
	for _, r := range scenarioRegions {
		secure := r == secureRegion
		t.Run(r, func(t *testing.T) {
			s := find(t, "stream", res.Account.Kinesis.Streams,
				func(x state.KinesisStream) string { return x.Region + "/" + x.Name }, r+"/clicks")
			eq(t, "arn", s.ARN, "arn:aws:kinesis:"+r+":"+motoAccount+":stream/clicks")
			eq(t, "described", s.Described, true)
			eq(t, "encrypted", s.Encrypted(), secure)
			eq(t, "key", s.KMSKeyID, map[bool]string{true: "alias/clicks", false: ""}[secure])
			eq(t, "retention", s.RetentionHours, map[bool]int{true: 168, false: 24}[secure])
			eq(t, "shards", s.OpenShards, 2)
			eq(t, "policy read", s.PolicyRead, true)
			eq(t, "policy", s.Policy, map[bool]string{true: "", false: kinesisMotoPolicy(s.ARN)}[secure])
		})
	}
}

// kinesisMotoPolicy lets account 777788889999 read stream arn.
func kinesisMotoPolicy(arn string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::777788889999:root"},` +
		`"Action":["kinesis:GetRecords","kinesis:DescribeStreamSummary"],"Resource":"` + arn + `"}]}`
}
