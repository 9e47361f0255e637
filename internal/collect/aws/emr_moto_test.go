package aws

import (
	"context"
	"strings"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/emr"
	emrtypes "github.com/aws/aws-sdk-go-v2/service/emr/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// buildEMR sets block public access (SSH and 8088 permitted; this moto
// always stores it as on) and starts cluster "etl" in the subnet with
// security configuration "encrypted". This moto serves EMR from
// us-east-1 whatever region a request names at a custom endpoint (so the
// scenario builds it there only), lists no security configurations (the
// stub endpoint serves them) and gives every primary node a public DNS
// name.
func buildEMR(ctx context.Context, cfg sdk.Config, subnet string) {
	c := emr.NewFromConfig(cfg)
	ranges := []emrtypes.PortRange{{MinRange: sdk.Int32(22), MaxRange: sdk.Int32(22)}, {MinRange: sdk.Int32(8088), MaxRange: sdk.Int32(8088)}}
	must(c.PutBlockPublicAccessConfiguration(ctx, &emr.PutBlockPublicAccessConfigurationInput{BlockPublicAccessConfiguration: &emrtypes.BlockPublicAccessConfiguration{
		BlockPublicSecurityGroupRules: sdk.Bool(true), PermittedPublicSecurityGroupRuleRanges: ranges}}))
	in := &emr.RunJobFlowInput{Name: sdk.String("etl"), ReleaseLabel: sdk.String("emr-7.5.0"), JobFlowRole: sdk.String("EMR_EC2_DefaultRole"),
		ServiceRole: sdk.String("EMR_DefaultRole"), Tags: []emrtypes.Tag{{Key: sdk.String("team"), Value: sdk.String("data")}},
		Instances: &emrtypes.JobFlowInstancesConfig{InstanceCount: sdk.Int32(3), MasterInstanceType: sdk.String("m5.xlarge"),
			SlaveInstanceType: sdk.String("m5.xlarge"), Ec2SubnetId: sdk.String(subnet), KeepJobFlowAliveWhenNoSteps: sdk.Bool(true)}}
	must(c.CreateSecurityConfiguration(ctx, &emr.CreateSecurityConfigurationInput{Name: sdk.String("encrypted"),
		SecurityConfiguration: sdk.String(`{"EncryptionConfiguration":{"EnableAtRestEncryption":true,"EnableInTransitEncryption":true}}`)}))
	in.SecurityConfiguration = sdk.String("encrypted")
	must(c.RunJobFlow(ctx, in))
}

// TestMotoEMR: active clusters are listed and described (subnet, primary
// node DNS name, security configuration, tags); block public access is
// read with its permitted ports (in us-east-1, where this moto keeps EMR).
func TestMotoEMR(t *testing.T) {
	sc, res := collected(t)
	a := res.Account
	r := homeRegion
	k := find(t, "cluster", a.EMR.Clusters, func(x state.EMRCluster) string { return x.Region + "/" + x.Name }, r+"/etl")
	eq(t, "arn", strings.HasPrefix(k.ARN, "arn:aws:elasticmapreduce:"+r+":"+motoAccount+":cluster/j-"), true)
	eq(t, "id ends arn", strings.HasSuffix(k.ARN, "/"+k.ID), true)
	eq(t, "described", k.Described, true)
	eq(t, "state", k.State == "WAITING" || k.State == "RUNNING" || k.State == "STARTING", true)
	eq(t, "subnet", k.SubnetID, sc.subnet[r])
	eq(t, "dns read", strings.HasPrefix(k.MasterPublicDNSName, "ec2-"), true)
	eq(t, "security configuration", k.SecurityConfiguration, "encrypted")
	eq(t, "tag", k.Tags["team"], "data")
	bpa, ok := a.EMR.BlockPublicAccessIn(r)
	eq(t, "bpa read", ok, true)
	eq(t, "bpa on", bpa.Enabled, true)
	eq(t, "bpa ports", strings.Join(bpa.PermittedPorts, ","), "22,8088")
}
