package aws

import (
	"context"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dax"
	daxtypes "github.com/aws/aws-sdk-go-v2/service/dax/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// buildDAX creates DAX cluster "cache" in the region: encrypted at rest
// and with a TLS endpoint when secure; otherwise neither.
func buildDAX(ctx context.Context, cfg sdk.Config, secure bool) {
	c := dax.NewFromConfig(cfg)
	in := &dax.CreateClusterInput{ClusterName: sdk.String("cache"), NodeType: sdk.String("dax.t3.small"), ReplicationFactor: 1,
		IamRoleArn: sdk.String("arn:aws:iam::" + motoAccount + ":role/dax")}
	if secure {
		in.SSESpecification = &daxtypes.SSESpecification{Enabled: sdk.Bool(true)}
		in.ClusterEndpointEncryptionType = daxtypes.ClusterEndpointEncryptionTypeTls
	}
	must(c.CreateCluster(ctx, in))
}

// TestMotoDAX: every region's cluster is listed with its encryption at
// rest and in transit as the checks judge them.
func TestMotoDAX(t *testing.T) {
	_, res := collected(t)
	for _, r := range scenarioRegions {
		secure := r == secureRegion
		t.Run(r, func(t *testing.T) {
			c := find(t, "DAX cluster", res.Account.DAX.Clusters, func(x state.DAXCluster) string { return x.Region + "/" + x.Name }, r+"/cache")
			eq(t, "arn", c.ARN, "arn:aws:dax:"+r+":"+motoAccount+":cache/cache")
			eq(t, "sse", c.SSEStatus, map[bool]string{true: "ENABLED", false: "DISABLED"}[secure])
			on, reported := c.EncryptedAtRest()
			eq(t, "encrypted at rest", on, secure)
			eq(t, "reported", reported, true)
			eq(t, "endpoint encryption", c.EndpointEncryption, map[bool]string{true: "TLS", false: "NONE"}[secure])
			eq(t, "role", c.IAMRoleARN, "arn:aws:iam::"+motoAccount+":role/dax")
		})
	}
}
