package aws

import (
	"context"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/inspector2"
	insptypes "github.com/aws/aws-sdk-go-v2/service/inspector2/types"
)

// buildInspector activates Amazon Inspector (svc-sec): every scan type in
// the secure region, EC2 scanning only in the insecure one; the home
// region is left as it was. This moto leaves an account that never
// activated Inspector out of BatchGetAccountStatus's answer (AWS answers
// it with every status DISABLED), which the collector treats as a failed
// read.
func buildInspector(ctx context.Context, cfg sdk.Config, r string, secure bool) {
	if r == homeRegion {
		return
	}
	types := []insptypes.ResourceScanType{insptypes.ResourceScanTypeEc2}
	if secure {
		types = append(types, insptypes.ResourceScanTypeEcr, insptypes.ResourceScanTypeLambda, insptypes.ResourceScanTypeLambdaCode)
	}
	must(inspector2.NewFromConfig(cfg).Enable(ctx, &inspector2.EnableInput{AccountIds: []string{motoAccount}, ResourceTypes: types}))
}

// TestMotoInspector: the account's status is read per region with each
// scan type's; a region whose answer leaves the account out is a gap on
// BatchGetAccountStatus, never a status.
func TestMotoInspector(t *testing.T) {
	_, res := collected(t)
	a := res.Account
	sec, ok := a.Inspector.StatusIn(secureRegion)
	eq(t, "secure read", ok, true)
	eq(t, "secure status", sec.Status, "ENABLED")
	eq(t, "secure ec2", sec.EC2, "ENABLED")
	eq(t, "secure ecr", sec.ECR, "ENABLED")
	eq(t, "secure lambda", sec.Lambda, "ENABLED")
	eq(t, "secure lambda code", sec.LambdaCode, "ENABLED")
	ins, ok := a.Inspector.StatusIn(insecureRegion)
	eq(t, "insecure read", ok, true)
	eq(t, "insecure ec2", ins.EC2, "ENABLED")
	eq(t, "insecure ecr", ins.ECR, "DISABLED")
	eq(t, "insecure lambda", ins.Lambda, "DISABLED")
	eq(t, "insecure lambda code", ins.LambdaCode, "DISABLED")
	_, ok = a.Inspector.StatusIn(homeRegion)
	eq(t, "home not read", ok, false)
	_, gap := a.Gaps.Find("inspector2", homeRegion, "BatchGetAccountStatus", "")
	eq(t, "home gap", gap, true)
}
