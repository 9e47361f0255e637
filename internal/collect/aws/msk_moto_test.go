package aws

import (
	"context"
	"testing"

	sdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kafka"
	kafkatypes "github.com/aws/aws-sdk-go-v2/service/kafka/types"

	"github.com/shoulder-dev/shoulder/internal/state"
)

// buildMSK creates provisioned cluster "events" in the region's subnet:
// when secure with TLS among brokers and to clients, IAM authentication
// and a customer managed key; otherwise plaintext among brokers, public
// broker addresses and unauthenticated access. Every region also gets a
// serverless cluster "stream-lite". This moto's CreateClusterV2 keeps no
// encryption or authentication of a provisioned cluster, so the
// provisioned one is created with CreateCluster; ListClustersV2 lists both.
// The insecure "events" cluster's policy lets another account connect
// (exposure-gaps); the others have none.
func buildMSK(ctx context.Context, cfg sdk.Config, r, subnet string, secure bool) {
	c := kafka.NewFromConfig(cfg)
	in := &kafka.CreateClusterInput{ClusterName: sdk.String("events"), KafkaVersion: sdk.String("3.6.0"), NumberOfBrokerNodes: sdk.Int32(2),
		Tags: map[string]string{"owner": "data"},
		BrokerNodeGroupInfo: &kafkatypes.BrokerNodeGroupInfo{ClientSubnets: []string{subnet}, InstanceType: sdk.String("kafka.m5.large"),
			ConnectivityInfo: &kafkatypes.ConnectivityInfo{PublicAccess: &kafkatypes.PublicAccess{Type: sdk.String("DISABLED")}}}}
	if secure {
		in.EncryptionInfo = &kafkatypes.EncryptionInfo{
			EncryptionAtRest:    &kafkatypes.EncryptionAtRest{DataVolumeKMSKeyId: sdk.String("arn:aws:kms:" + r + ":" + motoAccount + ":key/events")},
			EncryptionInTransit: &kafkatypes.EncryptionInTransit{InCluster: sdk.Bool(true), ClientBroker: kafkatypes.ClientBrokerTls}}
		in.ClientAuthentication = &kafkatypes.ClientAuthentication{Sasl: &kafkatypes.Sasl{Iam: &kafkatypes.Iam{Enabled: sdk.Bool(true)}},
			Unauthenticated: &kafkatypes.Unauthenticated{Enabled: sdk.Bool(false)}}
	} else {
		in.BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type = sdk.String("SERVICE_PROVIDED_EIPS")
		in.EncryptionInfo = &kafkatypes.EncryptionInfo{
			EncryptionInTransit: &kafkatypes.EncryptionInTransit{InCluster: sdk.Bool(false), ClientBroker: kafkatypes.ClientBrokerTlsPlaintext}}
		in.ClientAuthentication = &kafkatypes.ClientAuthentication{Unauthenticated: &kafkatypes.Unauthenticated{Enabled: sdk.Bool(true)}}
	}
	out := must(c.CreateCluster(ctx, in))
	if !secure {
		must(c.PutClusterPolicy(ctx, &kafka.PutClusterPolicyInput{ClusterArn: out.ClusterArn, Policy: sdk.String(mskMotoPolicy(*out.ClusterArn))}))
	}
	must(c.CreateClusterV2(ctx, &kafka.CreateClusterV2Input{ClusterName: sdk.String("stream-lite"),
		Serverless: &kafkatypes.ServerlessRequest{VpcConfigs: []kafkatypes.VpcConfig{{SubnetIds: []string{subnet}}},
			ClientAuthentication: &kafkatypes.ServerlessClientAuthentication{Sasl: &kafkatypes.ServerlessSasl{Iam: &kafkatypes.Iam{Enabled: sdk.Bool(true)}}}}}))
}

// TestMotoMSK: ListClustersV2 is read back with what the checks judge,
// for provisioned and serverless clusters, in every region.
func TestMotoMSK(t *testing.T) {
	_, res := collected(t)
	for _, r := range scenarioRegions {
		secure := r == secureRegion
		t.Run(r, func(t *testing.T) {
			k := find(t, "cluster", res.Account.MSK.Clusters, func(x state.MSKCluster) string { return x.Region + "/" + x.Name }, r+"/events")
			eq(t, "type", k.Type, "PROVISIONED")
			eq(t, "kafka version", k.KafkaVersion, "3.6.0")
			eq(t, "owner tag", k.Tags["owner"], "data")
			eq(t, "encryption reported", k.EncryptionReported, true)
			eq(t, "in-cluster TLS", k.InClusterTLS, secure)
			eq(t, "client-broker", k.ClientBroker, map[bool]string{true: "TLS", false: "TLS_PLAINTEXT"}[secure])
			eq(t, "public", k.Public(), !secure)
			eq(t, "unauthenticated", k.Unauthenticated, !secure)
			eq(t, "IAM auth", k.IAMAuth, secure)
			eq(t, "key", k.KMSKeyID, map[bool]string{true: "arn:aws:kms:" + r + ":" + motoAccount + ":key/events", false: ""}[secure])
			s := find(t, "cluster", res.Account.MSK.Clusters, func(x state.MSKCluster) string { return x.Region + "/" + x.Name }, r+"/stream-lite")
			eq(t, "serverless", s.Serverless(), true)
			eq(t, "serverless public", s.Public(), false)
			eq(t, "policy read", k.PolicyRead, true)
			eq(t, "policy", k.Policy, map[bool]string{true: "", false: mskMotoPolicy(k.ARN)}[secure])
			eq(t, "serverless policy read", s.PolicyRead, true)
			eq(t, "serverless policy", s.Policy, "")
		})
	}
}

// mskMotoPolicy lets account 777788889999 connect to cluster arn.
func mskMotoPolicy(arn string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::777788889999:root"},` +
		`"Action":["kafka:CreateVpcConnection","kafka:GetBootstrapBrokers","kafka:DescribeClusterV2"],"Resource":"` + arn + `"}]}`
}
