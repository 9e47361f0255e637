package aws

import (
	"context"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/athena"
	athtypes "github.com/aws/aws-sdk-go-v2/service/athena/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// buildAthena creates workgroup "analysts" in the region: when secure it
// publishes CloudWatch metrics and encrypts results with SSE-KMS under an
// enforced configuration; otherwise it has neither.
func buildAthena(ctx context.Context, cfg sdk.Config, secure bool) {
	c := athena.NewFromConfig(cfg)
	conf := &athtypes.WorkGroupConfiguration{PublishCloudWatchMetricsEnabled: sdk.Bool(secure), EnforceWorkGroupConfiguration: sdk.Bool(secure),
		ResultConfiguration: &athtypes.ResultConfiguration{OutputLocation: sdk.String("s3://athena-results/analysts/")}}
	if secure {
		conf.ResultConfiguration.EncryptionConfiguration = &athtypes.EncryptionConfiguration{EncryptionOption: athtypes.EncryptionOptionSseKms, KmsKey: sdk.String("alias/athena")}
	}
	must(c.CreateWorkGroup(ctx, &athena.CreateWorkGroupInput{Name: sdk.String("analysts"), Configuration: conf}))
}

// TestMotoAthena: the listing and each workgroup's configuration are read
// back with what the checks judge, in every region.
func TestMotoAthena(t *testing.T) {
	_, res := collected(t)
	for _, r := range scenarioRegions {
		secure := r == secureRegion
		t.Run(r, func(t *testing.T) {
			w := find(t, "athena workgroup", res.Account.Athena.WorkGroups, func(x state.AthenaWorkGroup) string { return x.Region + "/" + x.Name }, r+"/analysts")
			eq(t, "arn", w.ARN, "arn:aws:athena:"+r+":"+motoAccount+":workgroup/analysts")
			eq(t, "described", w.Described, true)
			eq(t, "metrics", w.PublishMetrics, secure)
			eq(t, "enforce", w.Enforce, secure)
			eq(t, "output", w.OutputLocation, "s3://athena-results/analysts/")
			eq(t, "encryption", w.ResultEncryption, map[bool]string{true: "SSE_KMS", false: ""}[secure])
			eq(t, "key", w.ResultKMSKey, map[bool]string{true: "alias/athena", false: ""}[secure])
		})
	}
}
