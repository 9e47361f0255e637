package aws

import (
	"context"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	smtypes "github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// buildSageMaker creates the region's notebook instance "lab" (in the
// subnet, no direct internet or root access, under the data key when
// secure; SageMaker's network and defaults when not), a model "scorer"
// and an endpoint configuration "scorer" (two instances under the data
// key when secure, one without a key when not). This moto reports neither
// a notebook's platform nor a model's network isolation (always off).
func buildSageMaker(ctx context.Context, cfg sdk.Config, secure bool, subnet, sg, key string) {
	c := sagemaker.NewFromConfig(cfg)
	role := sdk.String("arn:aws:iam::" + motoAccount + ":role/sagemaker")
	nb := &sagemaker.CreateNotebookInstanceInput{NotebookInstanceName: sdk.String("lab"), InstanceType: smtypes.InstanceTypeMlT3Medium, RoleArn: role}
	if secure {
		nb.SubnetId, nb.SecurityGroupIds, nb.KmsKeyId = sdk.String(subnet), []string{sg}, sdk.String(key)
		nb.DirectInternetAccess, nb.RootAccess = smtypes.DirectInternetAccessDisabled, smtypes.RootAccessDisabled
	}
	must(c.CreateNotebookInstance(ctx, nb))
	must(c.CreateModel(ctx, &sagemaker.CreateModelInput{ModelName: sdk.String("scorer"), ExecutionRoleArn: role,
		PrimaryContainer: &smtypes.ContainerDefinition{Image: sdk.String("123456789012.dkr.ecr.eu-west-1.amazonaws.com/scorer:1")}}))
	ec := &sagemaker.CreateEndpointConfigInput{EndpointConfigName: sdk.String("scorer"), ProductionVariants: []smtypes.ProductionVariant{{
		VariantName: sdk.String("AllTraffic"), ModelName: sdk.String("scorer"), InstanceType: smtypes.ProductionVariantInstanceTypeMlM5Large,
		InitialInstanceCount: sdk.Int32(map[bool]int32{true: 2, false: 1}[secure])}}}
	if secure {
		ec.KmsKeyId = sdk.String(key)
	}
	must(c.CreateEndpointConfig(ctx, ec))
}

// TestMotoSageMaker: notebook instances, endpoint configurations and
// models are listed and each described with what the checks judge.
func TestMotoSageMaker(t *testing.T) {
	sc, res := collected(t)
	a := res.Account
	for _, r := range scenarioRegions {
		secure := r == secureRegion
		t.Run(r, func(t *testing.T) {
			id := func(x state.SageMakerNotebook) string { return x.Region + "/" + x.Name }
			n := find(t, "notebook instance", a.SageMaker.NotebookInstances, id, r+"/lab")
			eq(t, "notebook arn", n.ARN, "arn:aws:sagemaker:"+r+":"+motoAccount+":notebook-instance/lab")
			eq(t, "described", n.Described(), true)
			eq(t, "direct internet", n.DirectInternetAccess, map[bool]string{true: "Disabled", false: "Enabled"}[secure])
			eq(t, "root access disabled", n.RootAccess == "Disabled", secure)
			eq(t, "subnet", n.SubnetID, map[bool]string{true: sc.subnet[r], false: ""}[secure])
			eq(t, "notebook key", n.KMSKeyID != "", secure)
			eq(t, "instance type", n.InstanceType, "ml.t3.medium")
			e := find(t, "endpoint configuration", a.SageMaker.EndpointConfigs, func(x state.SageMakerEndpointConfig) string { return x.Region + "/" + x.Name }, r+"/scorer")
			eq(t, "config key", e.KMSKeyID != "", secure)
			eq(t, "variants", len(e.Variants), 1)
			if len(e.Variants) == 1 {
				eq(t, "instances", e.Variants[0].InitialInstanceCount, map[bool]int{true: 2, false: 1}[secure])
				eq(t, "serverless", e.Variants[0].Serverless, false)
			}
			m := find(t, "model", a.SageMaker.Models, func(x state.SageMakerModel) string { return x.Region + "/" + x.Name }, r+"/scorer")
			eq(t, "execution role", m.ExecutionRoleARN, "arn:aws:iam::"+motoAccount+":role/sagemaker")
			eq(t, "network isolation", m.NetworkIsolation, false)
		})
	}
}
