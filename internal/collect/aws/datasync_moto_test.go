package aws

import (
	"context"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/datasync"
	dstypes "github.com/aws/aws-sdk-go-v2/service/datasync/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// buildDataSync creates task "nightly-copy" between two S3 locations in
// the region: when secure it logs transfers to a CloudWatch log group;
// otherwise it has no log group and its log level is OFF.
func buildDataSync(ctx context.Context, cfg sdk.Config, r string, secure bool) {
	c := datasync.NewFromConfig(cfg)
	loc := func(bucket string) *string {
		out := must(c.CreateLocationS3(ctx, &datasync.CreateLocationS3Input{S3BucketArn: sdk.String("arn:aws:s3:::" + bucket),
			S3Config: &dstypes.S3Config{BucketAccessRoleArn: sdk.String("arn:aws:iam::" + motoAccount + ":role/datasync")}}))
		return out.LocationArn
	}
	in := &datasync.CreateTaskInput{Name: sdk.String("nightly-copy"), SourceLocationArn: loc("src-" + r), DestinationLocationArn: loc("dst-" + r),
		Options: &dstypes.Options{LogLevel: dstypes.LogLevelOff}}
	if secure {
		in.CloudWatchLogGroupArn = sdk.String("arn:aws:logs:" + r + ":" + motoAccount + ":log-group:/aws/datasync")
		in.Options.LogLevel = dstypes.LogLevelTransfer
	}
	must(c.CreateTask(ctx, in))
}

// TestMotoDataSync: the listing and each task's description are read back
// with what DataSync.1 judges, in every region.
func TestMotoDataSync(t *testing.T) {
	_, res := collected(t)
	for _, r := range scenarioRegions {
		secure := r == secureRegion
		t.Run(r, func(t *testing.T) {
			k := find(t, "task", res.Account.DataSync.Tasks, func(x state.DataSyncTask) string { return x.Region + "/" + x.Name }, r+"/nightly-copy")
			eq(t, "described", k.Described, true)
			eq(t, "status", k.Status, "AVAILABLE")
			eq(t, "log group", k.LogGroupARN, map[bool]string{true: "arn:aws:logs:" + r + ":" + motoAccount + ":log-group:/aws/datasync", false: ""}[secure])
			eq(t, "log level", k.LogLevel, map[bool]string{true: "TRANSFER", false: "OFF"}[secure])
			eq(t, "logging", k.Logging(), secure)
		})
	}
}
